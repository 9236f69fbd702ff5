#pragma once
// A small stand-in for Slack's Web API on a loopback port, for tests and the
// benchmark: it serves chat.postMessage and chat.update the way Slack
// answers them (and views.open, views.publish, users.profile.set and the
// three steps of a file's upload: files.getUploadURLExternal, the bytes to
// the URL it gives under /upload/, files.completeUploadExternal),
// records every call, fails on request (429 with Retry-After, 5xx, ok:false)
// and, when asked, enforces chat.postMessage's rate limits. Plain HTTP, or
// HTTPS with a given certificate. It also receives webhooks under /hooks/:
// each is recorded and answered 202 unless a failure is scripted for it.
//
// It runs on its own thread; every connection is served by its own
// coroutine, so a delayed answer holds up only its own connection.

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace testing_support {

struct SlackCall {
    std::string path;                            // "/api/chat.postMessage"
    std::string method;                          // "chat.postMessage"
    std::map<std::string, std::string> headers;  // names in lower case
    nlohmann::json body;                         // null when it was not JSON
    std::string raw_body;                        // the body's bytes as they came
    std::chrono::steady_clock::time_point at;    // when the request had arrived in full
    // The status it was answered with when it failed (a scripted failure
    // or the rate limit); 200 otherwise.
    unsigned status = 200;

    std::string header(const std::string& lower_case_name) const;
};

struct SlackFailure {
    unsigned status = 200;
    int retry_after_seconds = -1;  // sent as Retry-After when >= 0
    std::string error;             // the ok:false code when status is 200
    std::string channel;           // set: only calls whose body names this channel fail
    std::string path;              // set: only calls to a path that starts so fail

    static SlackFailure rate_limited(int retry_after_seconds);
    static SlackFailure server_error(unsigned status = 500);
    static SlackFailure http_status(unsigned status);  // any status, with no body of note
    static SlackFailure ok_false(std::string error);
    SlackFailure to(std::string only_channel) const;
    SlackFailure at(std::string only_path_prefix) const;  // "/upload/": a file's bytes
};

// Slack's limits on chat.postMessage, enforced: at most `per_window` posts
// in any `window` across the workspace, and one per `per_channel` to any one
// channel. A post beyond either is answered 429 with Retry-After.
struct PostLimit {
    std::size_t per_window = 0;  // 0: no workspace limit
    std::chrono::milliseconds window{1000};
    std::chrono::milliseconds per_channel{1000};
    int retry_after_seconds = 1;
};

class FakeSlack {
public:
    struct Options {
        // Both set: serve HTTPS with this certificate (PEM) and key (PEM).
        std::string tls_certificate_pem;
        std::string tls_private_key_pem;
        // How long to wait before answering each call.
        std::chrono::milliseconds delay{0};
        // A connection idle this long is closed, as servers do with kept-alive
        // connections.
        std::chrono::milliseconds keep_alive_timeout{30000};
        // The port to listen on; 0 for any free one.
        unsigned short port = 0;
    };

    FakeSlack();
    explicit FakeSlack(Options options);
    ~FakeSlack();
    FakeSlack(const FakeSlack&) = delete;
    FakeSlack& operator=(const FakeSlack&) = delete;

    // "http://127.0.0.1:PORT/api", or "https://localhost:PORT/api" with TLS
    // (the name a test certificate is issued for).
    std::string base_url() const;
    // Where a webhook called `name` is received: ".../hooks/<name>".
    std::string hook_url(const std::string& name) const;
    unsigned short port() const;

    // The next n calls (of any method, to the failure's channel if it names
    // one) fail this way, after failures already scripted for them.
    void fail_next(std::size_t n, SlackFailure failure);
    void clear_failures();
    // From now on, chat.postMessage is limited (see PostLimit).
    void limit_posts(PostLimit limit);
    void set_delay(std::chrono::milliseconds delay);

    // Waits until at least n calls have arrived; false on timeout.
    bool wait_for_calls(std::size_t n, std::chrono::milliseconds timeout) const;
    std::vector<SlackCall> calls() const;
    std::size_t call_count() const;
    std::size_t connections_accepted() const;
    std::size_t failed_handshakes() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace testing_support
