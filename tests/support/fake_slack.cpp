#include "tests/support/fake_slack.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "bot/slack/form.hpp"
#include "core/text.hpp"

namespace testing_support {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

namespace {

constexpr auto kNoThrow = net::as_tuple(net::use_awaitable);
constexpr std::string_view kPrefix = "/api/";
constexpr std::string_view kHookPrefix = "/hooks/";
constexpr std::string_view kUploadPrefix = "/upload/";

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

Response json_response(unsigned status, const nlohmann::json& body) {
    Response res{static_cast<http::status>(status), 11};
    res.set(http::field::content_type, "application/json; charset=utf-8");
    res.body() = body.dump();
    return res;
}

Response slack_error(const std::string& code) {
    return json_response(200, {{"ok", false}, {"error", code}});
}

// With TLS, the name a test certificate is issued for.
std::string fake_origin(bool tls, unsigned short port) {
    return (tls ? "https://localhost:" : "http://127.0.0.1:") + std::to_string(port);
}

std::string string_field(const nlohmann::json& body, const char* key) {
    if (!body.is_object() || !body.contains(key) || !body[key].is_string()) return {};
    return body[key].get<std::string>();
}

}  // namespace

std::string SlackCall::header(const std::string& lower_case_name) const {
    auto it = headers.find(lower_case_name);
    return it == headers.end() ? std::string() : it->second;
}

SlackFailure SlackFailure::rate_limited(int retry_after_seconds) {
    return SlackFailure{429, retry_after_seconds, "ratelimited", {}, {}};
}
SlackFailure SlackFailure::server_error(unsigned status) {
    return http_status(status);
}
SlackFailure SlackFailure::http_status(unsigned status) {
    return SlackFailure{status, -1, {}, {}, {}};
}
SlackFailure SlackFailure::ok_false(std::string error) {
    return SlackFailure{200, -1, std::move(error), {}, {}};
}
SlackFailure SlackFailure::at(std::string only_path_prefix) const {
    SlackFailure f = *this;
    f.path = std::move(only_path_prefix);
    return f;
}
SlackFailure SlackFailure::to(std::string only_channel) const {
    SlackFailure f = *this;
    f.channel = std::move(only_channel);
    return f;
}

struct FakeSlack::State {
    explicit State(Options opts)
        : options(std::move(opts)),
          tls(!options.tls_certificate_pem.empty() && !options.tls_private_key_pem.empty()),
          tls_context(ssl::context::tls_server),
          acceptor(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), options.port)) {
        if (tls) {
            tls_context.use_certificate_chain(net::buffer(options.tls_certificate_pem));
            tls_context.use_private_key(net::buffer(options.tls_private_key_pem),
                                        ssl::context::pem);
        }
        port = acceptor.local_endpoint().port();
        delay = options.delay;
    }

    net::awaitable<void> accept_loop() {
        for (;;) {
            auto [ec, socket] = co_await acceptor.async_accept(net::make_strand(ioc), kNoThrow);
            if (ec) co_return;  // closed
            {
                std::lock_guard lock(mutex);
                ++accepted;
            }
            net::co_spawn(socket.get_executor(), serve(std::move(socket)), net::detached);
        }
    }

    net::awaitable<void> serve(tcp::socket socket) {
        if (!tls) {
            beast::tcp_stream stream(std::move(socket));
            co_await session(stream);
            boost::system::error_code ignored;
            stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
            co_return;
        }
        beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), tls_context);
        beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(10));
        auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, kNoThrow);
        if (ec) {
            std::lock_guard lock(mutex);
            ++handshake_failures;
            co_return;
        }
        co_await session(stream);
        beast::get_lowest_layer(stream).close();
    }

    template <class Stream>
    net::awaitable<void> session(Stream& stream) {
        beast::flat_buffer buffer;
        for (;;) {
            Request req;
            beast::get_lowest_layer(stream).expires_after(options.keep_alive_timeout);
            auto [read_error, read] = co_await http::async_read(stream, buffer, req, kNoThrow);
            if (read_error) co_return;
            Response res = answer(req);
            std::chrono::milliseconds wait;
            {
                std::lock_guard lock(mutex);
                wait = delay;
            }
            if (wait.count() > 0) {
                net::steady_timer timer(co_await net::this_coro::executor, wait);
                co_await timer.async_wait(kNoThrow);
            }
            res.keep_alive(req.keep_alive());
            res.prepare_payload();
            beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));
            auto [write_error, written] = co_await http::async_write(stream, res, kNoThrow);
            if (write_error || !res.keep_alive()) co_return;
        }
    }

    Response answer(const Request& req) {
        SlackCall call;
        call.path = std::string(req.target());
        call.at = std::chrono::steady_clock::now();
        for (const auto& field : req) {
            call.headers[core::lower(field.name_string())] = std::string(field.value());
        }
        call.raw_body = req.body();
        call.body = nlohmann::json::parse(req.body(), nullptr, false);
        if (call.body.is_discarded()) call.body = nullptr;
        const bool api = call.path.rfind(kPrefix, 0) == 0;
        if (api) call.method = call.path.substr(kPrefix.size());
        const bool hook = call.path.rfind(kHookPrefix, 0) == 0;
        const bool upload = call.path.rfind(kUploadPrefix, 0) == 0;

        const std::string channel = string_field(call.body, "channel");
        const std::string text = string_field(call.body, "text");
        std::optional<SlackFailure> failure;
        std::string ts;
        {
            std::lock_guard lock(mutex);
            auto match = std::find_if(failures.begin(), failures.end(), [&](const auto& f) {
                return (f.channel.empty() || f.channel == channel) &&
                       (f.path.empty() || call.path.rfind(f.path, 0) == 0);
            });
            if (match != failures.end()) {
                failure = *match;
                failures.erase(match);
            }
            if (failure) call.status = failure->status;
            if (!failure && api && call.method == "chat.postMessage" && over_limit(channel)) {
                failure = SlackFailure::rate_limited(limit->retry_after_seconds);
                call.status = 429;
            }
            ts = std::to_string(1700000000 + recorded.size()) + ".000100";
            recorded.push_back(call);
        }
        changed.notify_all();

        if (!api && !hook && !upload)
            return json_response(404, {{"ok", false}, {"error", "unknown_path"}});
        if (failure) {
            if (failure->status == 200) return slack_error(failure->error);
            Response res{static_cast<http::status>(failure->status), 11};
            res.body() = failure->error.empty()
                             ? "upstream trouble"
                             : nlohmann::json{{"ok", false}, {"error", failure->error}}.dump();
            if (failure->retry_after_seconds >= 0)
                res.set(http::field::retry_after, std::to_string(failure->retry_after_seconds));
            return res;
        }
        if (hook) {
            Response res{http::status::accepted, 11};
            res.body() = "accepted";
            return res;
        }
        if (upload) return receive_upload(call);
        if (call.header("authorization").rfind("Bearer ", 0) != 0) return slack_error("not_authed");
        if (call.method == "files.getUploadURLExternal") return upload_url(call);
        if (call.body.is_null()) return slack_error("invalid_json");
        if (!call.body.is_object()) return slack_error("json_not_object");

        if (call.method == "chat.postMessage") {
            if (channel.empty()) return slack_error("channel_not_found");
            if (text.empty() && !call.body.contains("blocks")) return slack_error("no_text");
            // Posting to a user id opens (or reuses) the DM with them.
            const bool user = channel[0] == 'U' || channel[0] == 'W';
            const std::string conversation = user ? "D" + channel : channel;
            return json_response(200,
                                 {{"ok", true},
                                  {"channel", conversation},
                                  {"ts", ts},
                                  {"message", {{"type", "message"}, {"text", text}, {"ts", ts}}}});
        }
        if (call.method == "users.profile.set") {
            if (string_field(call.body, "user").empty()) return slack_error("user_not_found");
            const auto profile = call.body.find("profile");
            if (profile == call.body.end() || !profile->is_object())
                return slack_error("invalid_profile");
            return json_response(200, {{"ok", true}, {"profile", *profile}});
        }
        if (call.method == "chat.update") {
            const std::string target = string_field(call.body, "ts");
            if (channel.empty()) return slack_error("channel_not_found");
            if (target.empty()) return slack_error("message_not_found");
            return json_response(
                200, {{"ok", true}, {"channel", channel}, {"ts", target}, {"text", text}});
        }
        if (call.method == "views.open" || call.method == "views.update" ||
            call.method == "views.publish") {
            const bool open = call.method != "views.publish";
            if (call.method == "views.open" && string_field(call.body, "trigger_id").empty())
                return slack_error("invalid_trigger_id");
            if (call.method == "views.update" && string_field(call.body, "view_id").empty())
                return slack_error("not_found");
            if (!open && string_field(call.body, "user_id").empty())
                return slack_error("user_not_found");
            const auto view = call.body.find("view");
            if (view == call.body.end() || !view->is_object())
                return slack_error("invalid_arguments");
            // Slack's own first checks: the kind of view, its title and its blocks.
            if (view->value("type", "") != (open ? "modal" : "home") || !view->contains("blocks") ||
                !(*view)["blocks"].is_array() || (*view)["blocks"].size() > 100 ||
                (open &&
                 (!view->contains("title") || (*view)["title"].value("text", "").size() > 24)))
                return slack_error("invalid_arguments");
            nlohmann::json shown = *view;
            shown["id"] = "V" + ts;
            return json_response(200, {{"ok", true}, {"view", shown}});
        }
        if (call.method == "files.completeUploadExternal") return complete_upload(call);
        return slack_error("unknown_method");
    }

    // Slack's files: files.getUploadURLExternal takes form fields only (a
    // JSON body is refused as it is by Slack); the bytes are POSTed to the
    // URL it gives; files.completeUploadExternal shares what arrived whole.
    Response upload_url(const SlackCall& call) {
        const auto form = bot::slack::parse_form(call.raw_body);
        if (call.header("content-type").rfind("application/x-www-form-urlencoded", 0) != 0 || !form)
            return slack_error("invalid_arguments");
        const auto name = form->find("filename");
        const auto length = form->find("length");
        if (name == form->end() || name->second.empty()) return slack_error("invalid_arguments");
        std::size_t bytes = 0;
        try {
            bytes = std::stoul(length == form->end() ? std::string() : length->second);
        } catch (const std::exception&) {
            return slack_error("invalid_arguments");
        }
        std::lock_guard lock(mutex);
        const std::string id = "F" + std::to_string(100 + files.size());
        files[id] = File{bytes, false};
        return json_response(
            200, {{"ok", true},
                  {"upload_url", fake_origin(tls, port) + std::string(kUploadPrefix) + id},
                  {"file_id", id}});
    }

    Response receive_upload(const SlackCall& call) {
        std::lock_guard lock(mutex);
        const auto file = files.find(call.path.substr(kUploadPrefix.size()));
        if (file == files.end()) return json_response(404, {{"error", "no such upload"}});
        file->second.arrived = call.raw_body.size() == file->second.length;
        Response res{http::status::ok, 11};
        res.body() = "OK - " + std::to_string(call.raw_body.size());
        return res;
    }

    Response complete_upload(const SlackCall& call) {
        if (call.body.is_null()) return slack_error("invalid_json");
        const auto shared = call.body.find("files");
        if (shared == call.body.end() || !shared->is_array() || shared->empty())
            return slack_error("invalid_arguments");
        std::lock_guard lock(mutex);
        for (const auto& f : *shared) {
            const auto file = files.find(string_field(f, "id"));
            if (file == files.end() || !file->second.arrived) return slack_error("file_not_found");
        }
        return json_response(200, {{"ok", true}, {"files", *shared}});
    }

    // Whether a post to `channel` now breaks the limit; if not, it counts.
    // Called with the mutex held.
    bool over_limit(const std::string& channel) {
        if (!limit) return false;
        const auto now = std::chrono::steady_clock::now();
        while (!posted.empty() && posted.front() <= now - limit->window) posted.pop_front();
        const auto last = last_post_to.find(channel);
        if ((limit->per_window > 0 && posted.size() >= limit->per_window) ||
            (last != last_post_to.end() && now - last->second < limit->per_channel))
            return true;
        posted.push_back(now);
        last_post_to[channel] = now;
        return false;
    }

    Options options;
    bool tls;
    ssl::context tls_context;
    // Declared after everything the coroutines use, so that destroying it,
    // which destroys their suspended frames, comes first.
    net::io_context ioc;
    tcp::acceptor acceptor;
    unsigned short port = 0;
    std::thread thread;

    mutable std::mutex mutex;
    mutable std::condition_variable changed;
    std::vector<SlackCall> recorded;
    std::deque<SlackFailure> failures;
    std::optional<PostLimit> limit;
    std::deque<std::chrono::steady_clock::time_point> posted;  // within the window
    std::map<std::string, std::chrono::steady_clock::time_point> last_post_to;
    // Uploads by file id: the length announced, and whether it all arrived.
    struct File {
        std::size_t length = 0;
        bool arrived = false;
    };
    std::map<std::string, File> files;
    std::chrono::milliseconds delay{0};
    std::size_t accepted = 0;
    std::size_t handshake_failures = 0;
};

FakeSlack::FakeSlack() : FakeSlack(Options{}) {}

FakeSlack::FakeSlack(Options options) : state_(std::make_unique<State>(std::move(options))) {
    net::co_spawn(state_->ioc, state_->accept_loop(), net::detached);
    state_->thread = std::thread([state = state_.get()] { state->ioc.run(); });
}

FakeSlack::~FakeSlack() {
    state_->ioc.stop();
    state_->thread.join();
}

std::string FakeSlack::base_url() const {
    return fake_origin(state_->tls, port()) + "/api";
}

std::string FakeSlack::hook_url(const std::string& name) const {
    return fake_origin(state_->tls, port()) + std::string(kHookPrefix) + name;
}

unsigned short FakeSlack::port() const {
    return state_->port;
}

void FakeSlack::fail_next(std::size_t n, SlackFailure failure) {
    std::lock_guard lock(state_->mutex);
    for (std::size_t i = 0; i < n; ++i) state_->failures.push_back(failure);
}

void FakeSlack::clear_failures() {
    std::lock_guard lock(state_->mutex);
    state_->failures.clear();
}

void FakeSlack::limit_posts(PostLimit limit) {
    std::lock_guard lock(state_->mutex);
    state_->limit = limit;
}

void FakeSlack::set_delay(std::chrono::milliseconds delay) {
    std::lock_guard lock(state_->mutex);
    state_->delay = delay;
}

bool FakeSlack::wait_for_calls(std::size_t n, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(state_->mutex);
    return state_->changed.wait_for(lock, timeout, [&] { return state_->recorded.size() >= n; });
}

std::vector<SlackCall> FakeSlack::calls() const {
    std::lock_guard lock(state_->mutex);
    return state_->recorded;
}

std::size_t FakeSlack::call_count() const {
    std::lock_guard lock(state_->mutex);
    return state_->recorded.size();
}

std::size_t FakeSlack::connections_accepted() const {
    std::lock_guard lock(state_->mutex);
    return state_->accepted;
}

std::size_t FakeSlack::failed_handshakes() const {
    std::lock_guard lock(state_->mutex);
    return state_->handshake_failures;
}

}  // namespace testing_support
