#pragma once
// An asynchronous client for Slack's Web API (JSON POSTs such as
// chat.postMessage and chat.update, form-encoded ones where a method takes
// no JSON), and for plain POSTs to any http(s) URL
// (webhooks), used by the outbox worker.
//
// HTTPS verifies the server's certificate against the system roots (plus
// config::Slack::ca_file) and its host name, and sends SNI. http:// URLs are
// accepted for local testing. Connections are kept alive and reused, a few at
// a time per host; calls beyond that wait their turn. The bot token (and the
// user token) travel only in the Authorization header of Web API calls and
// are never logged.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.hpp"

namespace boost::asio {
class io_context;
}

namespace bot::slack {

struct ApiResult {
    enum class Outcome {
        ok,         // ok:true; `response` holds Slack's reply
        retry,      // may succeed later: rate limited, 5xx, network or TLS failure
        permanent,  // will fail again as it is: bad channel, bad auth, bad blocks, ...
    };
    Outcome outcome = Outcome::retry;
    nlohmann::json response;  // the parsed body, when there was one
    // From Retry-After on 429 (or on a rate-limit error); zero when absent.
    std::chrono::milliseconds retry_after{0};
    std::string error;  // a short reason for logs and outbox.last_error; empty when ok
    // No connection could be made at all (refused, no route, no name, the
    // TLS handshake failed): the server is down, not this call at fault.
    bool unreachable = false;
    // Slack is pacing us (429, or ok:false "ratelimited"): the call was not
    // refused, only too soon.
    bool rate_limited = false;
};

// Classifies one HTTP response from the Web API. Slack answers most failures
// with 200 and {"ok": false, "error": "<code>"}; the code decides whether a
// retry can help.
ApiResult classify_response(unsigned status, std::string_view retry_after_header,
                            std::string_view body);

// Classifies a plain HTTP response by its status alone: 2xx is ok; 429
// (with its Retry-After) and 5xx are worth a retry; anything else is
// permanent.
ApiResult classify_status(unsigned status, std::string_view retry_after_header);

// True for the ok:false codes that mean "try again later".
bool is_transient_error(std::string_view code);

// "https://files.slack.com:443" for an http(s) URL with a host and a path
// ("/" at least), parsed as the client parses the URLs it calls: the port
// written or the scheme's default. Empty for anything else.
std::string url_origin(std::string_view url);

class WebClient {
public:
    struct Options {
        std::size_t connections = 4;               // kept-alive connections at most
        std::chrono::seconds timeout{10};          // connect, handshake, write, read: each
        std::size_t response_limit = 1024 * 1024;  // bytes of response body
    };
    using Callback = std::function<void(ApiResult)>;
    using Header = std::pair<std::string, std::string>;  // name, value

    // Throws std::invalid_argument when the base URL is not an http(s) URL
    // with a host, and std::runtime_error when ca_file cannot be loaded.
    WebClient(boost::asio::io_context& ioc, const config::Slack& cfg);
    WebClient(boost::asio::io_context& ioc, const config::Slack& cfg, Options options);
    ~WebClient();
    WebClient(const WebClient&) = delete;
    WebClient& operator=(const WebClient&) = delete;

    // Whose token authorises a call: the bot's (SLACK_BOT_TOKEN), or the
    // user token (SLACK_USER_TOKEN) that users.profile.set needs.
    enum class Token { bot, user };

    // POSTs `json_body` (the arguments as a JSON object's text) to
    // <base URL>/<method>. `done` runs exactly once, on one of the
    // io_context's threads, unless the io_context stops first. Safe from any
    // thread.
    void call(std::string method, std::string json_body, Callback done, Token token = Token::bot);
    // As call(), with the arguments form-encoded ("filename=a.csv&length=12"),
    // for the methods that take no JSON (files.getUploadURLExternal).
    void call_form(std::string method, std::string form_body, Callback done);

    // POSTs `body` to `url` with `headers` (Host, User-Agent and
    // Content-Length are set here; never the bot token). The outcome comes
    // from the status alone (classify_status), without `response`; a URL
    // that is not http(s) fails as permanent. Otherwise as call().
    void post(std::string url, std::string body, std::vector<Header> headers, Callback done);

    // Closes every connection; calls still queued or in flight complete with
    // Outcome::retry. Calls made afterwards fail the same way. Idempotent.
    void close();

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace bot::slack
