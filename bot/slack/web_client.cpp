#include "bot/slack/web_client.hpp"

#include <charconv>
#include <deque>
#include <optional>
#include <stdexcept>
#include <unordered_set>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

namespace bot::slack {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

namespace {

constexpr auto kNoThrow = net::as_tuple(net::use_awaitable);

// ok:false codes worth retrying; every other code fails the same way again.
const std::unordered_set<std::string_view> kTransientErrors = {
    "ratelimited", "rate_limited",        "internal_error",
    "fatal_error", "service_unavailable", "request_timeout",
};

std::chrono::milliseconds parse_retry_after(std::string_view value) {
    // Slack sends whole seconds; an HTTP date or garbage counts as absent.
    long seconds = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (ec != std::errc() || end != value.data() + value.size() || seconds < 0)
        return std::chrono::milliseconds(0);
    return std::chrono::seconds(seconds);
}

ApiResult failed(ApiResult::Outcome outcome, std::string error) {
    ApiResult r;
    r.outcome = outcome;
    r.error = std::move(error);
    return r;
}

struct Endpoint {
    bool tls = true;
    std::string host;         // for DNS, SNI and certificate checks (no IPv6 brackets)
    std::string port;         // explicit or the scheme's default
    std::string host_header;  // as written in the URL, with the port if one was given
    std::string path;         // "/api": the prefix of every method's target, no trailing '/'
};

Endpoint parse_base_url(const std::string& base) {
    auto bad = [&](const std::string& why) {
        return std::invalid_argument("slack.api_base_url \"" + base + "\": " + why +
                                     " (write it like https://slack.com/api)");
    };
    auto parsed = boost::urls::parse_uri(base);
    if (!parsed) throw bad("not a URL");
    const auto& url = *parsed;
    Endpoint ep;
    if (url.scheme() == "https")
        ep.tls = true;
    else if (url.scheme() == "http")
        ep.tls = false;
    else
        throw bad("the scheme must be https (or http for local testing)");
    if (url.has_query() || url.has_fragment() || url.has_userinfo())
        throw bad("a query, fragment or user name is not allowed");
    ep.host = url.host_address();
    if (ep.host.empty()) throw bad("the host is missing");
    ep.port = url.has_port() ? std::string(url.port()) : (ep.tls ? "443" : "80");
    ep.host_header = url.encoded_host_and_port();
    ep.path = url.encoded_path();
    while (!ep.path.empty() && ep.path.back() == '/') ep.path.pop_back();
    return ep;
}

bool is_ip_address(const std::string& host) {
    boost::system::error_code ec;
    net::ip::make_address(host, ec);
    return !ec;
}

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// One kept-alive connection: plain or TLS, never both.
struct Connection {
    std::optional<beast::tcp_stream> plain;
    std::optional<beast::ssl_stream<beast::tcp_stream>> tls;
    beast::flat_buffer buffer;

    bool is_open() const {
        if (plain) return plain->socket().is_open();
        if (tls) return beast::get_lowest_layer(*tls).socket().is_open();
        return false;
    }
    beast::tcp_stream& lowest() { return plain ? *plain : beast::get_lowest_layer(*tls); }
    // Cancels whatever is in flight on it; the streams are dropped by their
    // coroutine once it has seen the error.
    void shut() {
        if (plain || tls) {
            boost::system::error_code ignored;
            lowest().socket().close(ignored);
        }
    }
    void reset() {
        plain.reset();
        tls.reset();
        buffer.clear();
    }
};

struct Call {
    Request request;
    WebClient::Callback done;
};

template <class Stream>
net::awaitable<std::pair<beast::error_code, Response>> round_trip(
    Stream& stream, beast::flat_buffer& buffer, const Request& request,
    const WebClient::Options& options) {
    beast::get_lowest_layer(stream).expires_after(options.timeout);
    auto [write_error, written] = co_await http::async_write(stream, request, kNoThrow);
    if (write_error) co_return std::pair{write_error, Response{}};
    http::response_parser<http::string_body> parser;
    parser.body_limit(options.response_limit);
    beast::get_lowest_layer(stream).expires_after(options.timeout);
    auto [read_error, read] = co_await http::async_read(stream, buffer, parser, kNoThrow);
    beast::get_lowest_layer(stream).expires_never();
    co_return std::pair{read_error, parser.release()};
}

bool stale_connection(const beast::error_code& ec) {
    return ec == http::error::end_of_stream || ec == net::error::eof ||
           ec == net::error::connection_reset || ec == net::error::broken_pipe ||
           ec == net::ssl::error::stream_truncated;
}

}  // namespace

bool is_transient_error(std::string_view code) {
    return kTransientErrors.count(code) > 0;
}

ApiResult classify_response(unsigned status, std::string_view retry_after_header,
                            std::string_view body) {
    using Outcome = ApiResult::Outcome;
    ApiResult r;
    r.response = nlohmann::json::parse(body, nullptr, false);
    if (r.response.is_discarded()) r.response = nullptr;
    const std::string code =
        r.response.is_object() && r.response.contains("error") && r.response["error"].is_string()
            ? r.response["error"].get<std::string>()
            : std::string();
    const std::string suffix = code.empty() ? std::string() : ": " + code;

    if (status == 429) {
        r.outcome = Outcome::retry;
        r.retry_after = parse_retry_after(retry_after_header);
        r.error = "HTTP 429 rate limited" + suffix;
        return r;
    }
    if (status >= 500) {
        r.outcome = Outcome::retry;
        r.error = "HTTP " + std::to_string(status) + suffix;
        return r;
    }
    if (status < 200 || status >= 300) {
        r.outcome = Outcome::permanent;
        r.error = "HTTP " + std::to_string(status) + suffix;
        return r;
    }
    if (!r.response.is_object() || !r.response.contains("ok") || !r.response["ok"].is_boolean()) {
        // Not Slack talking (a proxy's error page, say): worth another try.
        r.outcome = Outcome::retry;
        r.error = "the response is not a Web API reply (no boolean \"ok\")";
        return r;
    }
    if (r.response["ok"].get<bool>()) {
        r.outcome = Outcome::ok;
        return r;
    }
    r.error = code.empty() ? std::string("unknown_error") : code;
    if (is_transient_error(r.error)) {
        r.outcome = Outcome::retry;
        r.retry_after = parse_retry_after(retry_after_header);
    } else {
        r.outcome = Outcome::permanent;
    }
    return r;
}

struct WebClient::Impl : std::enable_shared_from_this<WebClient::Impl> {
    Impl(net::io_context& ioc, const config::Slack& cfg, Options opts)
        : strand(net::make_strand(ioc)),
          tls_context(ssl::context::tls_client),
          endpoint(parse_base_url(cfg.api_base_url)),
          options(opts) {
        if (!cfg.bot_token.empty()) authorization = "Bearer " + cfg.bot_token;
        tls_context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                                ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                                ssl::context::no_tlsv1_1);
        tls_context.set_default_verify_paths();
        if (!cfg.ca_file.empty()) {
            boost::system::error_code ec;
            tls_context.load_verify_file(cfg.ca_file, ec);
            if (ec)
                throw std::runtime_error("slack.ca_file \"" + cfg.ca_file +
                                         "\": cannot load it as PEM certificates: " + ec.message());
        }
        tls_context.set_verify_mode(ssl::verify_peer);
        if (options.connections == 0) options.connections = 1;
    }

    void enqueue(std::string method, std::string body, Callback done) {
        if (closed) {
            done(failed(ApiResult::Outcome::retry, "the Slack client is closed"));
            return;
        }
        Request req{http::verb::post, endpoint.path + "/" + method, 11};
        req.set(http::field::host, endpoint.host_header);
        req.set(http::field::user_agent, "sitelead-bot");
        if (!authorization.empty()) req.set(http::field::authorization, authorization);
        req.set(http::field::content_type, "application/json; charset=utf-8");
        req.keep_alive(true);
        req.body() = std::move(body);
        req.prepare_payload();
        waiting.push_back(Call{std::move(req), std::move(done)});
        pump();
    }

    // Hands waiting calls to idle connections, opening new ones up to the limit.
    void pump() {
        while (!waiting.empty() && !closed) {
            std::shared_ptr<Connection> conn;
            if (!idle.empty()) {
                conn = std::move(idle.back());
                idle.pop_back();
            } else if (connections.size() < options.connections) {
                conn = std::make_shared<Connection>();
                connections.push_back(conn);
            } else {
                return;
            }
            Call call = std::move(waiting.front());
            waiting.pop_front();
            net::co_spawn(strand, serve(std::move(conn), std::move(call)), net::detached);
        }
    }

    net::awaitable<void> serve(std::shared_ptr<Connection> connection, Call next) {
        // Declared in this order so that the connection (whose TLS stream
        // uses tls_context) goes before the last reference to this client.
        auto self = shared_from_this();
        auto conn = std::move(connection);
        Call call = std::move(next);
        ApiResult result = co_await exchange(*conn, call.request);
        if (conn->is_open() && !closed) {
            idle.push_back(conn);
        } else {
            conn->reset();
            std::erase(connections, conn);
        }
        try {
            call.done(std::move(result));
        } catch (const std::exception& e) {
            spdlog::error("slack: a call's completion threw: {}", e.what());
        }
        pump();
    }

    net::awaitable<ApiResult> exchange(Connection& conn, const Request& req) {
        bool reused = conn.is_open();
        for (;;) {
            if (closed) co_return failed(ApiResult::Outcome::retry, "the Slack client is closed");
            if (!conn.is_open()) {
                conn.reset();
                if (auto error = co_await connect(conn); !error.empty())
                    co_return failed(ApiResult::Outcome::retry, std::move(error));
                reused = false;
            }
            std::pair<beast::error_code, Response> reply;
            if (conn.plain)
                reply = co_await round_trip(*conn.plain, conn.buffer, req, options);
            else
                reply = co_await round_trip(*conn.tls, conn.buffer, req, options);
            auto& [ec, res] = reply;
            if (!ec) {
                if (!res.keep_alive()) conn.shut();
                auto retry_after = res[http::field::retry_after];
                co_return classify_response(res.result_int(), retry_after, res.body());
            }
            conn.shut();
            // A kept-alive connection the server has since closed fails on
            // first use; that says nothing about Slack, so try a fresh one.
            if (reused && stale_connection(ec)) {
                spdlog::debug("slack: kept-alive connection to {} was closed; reconnecting",
                              endpoint.host);
                reused = false;
                continue;
            }
            co_return failed(ApiResult::Outcome::retry,
                             "request to " + endpoint.host + " failed: " + ec.message());
        }
    }

    // Returns an error message, empty on success.
    net::awaitable<std::string> connect(Connection& conn) {
        const std::string where = endpoint.host + ":" + endpoint.port;
        tcp::resolver resolver(strand);
        auto [resolve_error, addresses] =
            co_await resolver.async_resolve(endpoint.host, endpoint.port, kNoThrow);
        if (resolve_error) co_return "cannot resolve " + where + ": " + resolve_error.message();
        if (endpoint.tls)
            conn.tls.emplace(strand, tls_context);
        else
            conn.plain.emplace(strand);
        conn.lowest().expires_after(options.timeout);
        auto [connect_error, peer] = co_await conn.lowest().async_connect(addresses, kNoThrow);
        if (connect_error) co_return "cannot connect to " + where + ": " + connect_error.message();
        if (!endpoint.tls) co_return std::string();

        // SNI carries host names only, never IP literals (RFC 6066).
        if (!is_ip_address(endpoint.host) &&
            !SSL_set_tlsext_host_name(conn.tls->native_handle(), endpoint.host.c_str()))
            co_return "cannot set SNI for " + where;
        conn.tls->set_verify_callback(ssl::host_name_verification(endpoint.host));
        conn.lowest().expires_after(options.timeout);
        auto [handshake_error] =
            co_await conn.tls->async_handshake(ssl::stream_base::client, kNoThrow);
        if (handshake_error)
            co_return "TLS handshake with " + where + " failed: " + handshake_error.message();
        conn.lowest().expires_never();
        co_return std::string();
    }

    void close() {
        closed = true;
        for (auto& conn : connections) conn->shut();
        idle.clear();
        auto calls = std::move(waiting);
        waiting.clear();
        for (auto& call : calls)
            call.done(failed(ApiResult::Outcome::retry, "the Slack client is closed"));
    }

    net::strand<net::io_context::executor_type> strand;
    ssl::context tls_context;
    Endpoint endpoint;
    Options options;
    std::string authorization;
    // All below only on the strand.
    std::vector<std::shared_ptr<Connection>> connections;  // open or being opened
    std::vector<std::shared_ptr<Connection>> idle;
    std::deque<Call> waiting;
    bool closed = false;
};

WebClient::WebClient(net::io_context& ioc, const config::Slack& cfg)
    : WebClient(ioc, cfg, Options{}) {}

WebClient::WebClient(net::io_context& ioc, const config::Slack& cfg, Options options)
    : impl_(std::make_shared<Impl>(ioc, cfg, options)) {}

WebClient::~WebClient() {
    close();
}

void WebClient::call(std::string method, std::string json_body, Callback done) {
    net::post(impl_->strand, [impl = impl_, method = std::move(method), body = std::move(json_body),
                              done = std::move(done)]() mutable {
        impl->enqueue(std::move(method), std::move(body), std::move(done));
    });
}

void WebClient::close() {
    net::post(impl_->strand, [impl = impl_] { impl->close(); });
}

}  // namespace bot::slack
