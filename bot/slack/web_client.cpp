#include "bot/slack/web_client.hpp"

#include <charconv>
#include <deque>
#include <map>
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
    std::string path;         // the encoded path, then "?" and the query if it has one

    // Where connections go: one pool of them per origin.
    std::string origin() const { return (tls ? "https://" : "http://") + host + ":" + port; }
};

// Throws std::invalid_argument saying what is wrong.
Endpoint parse_http_url(std::string_view text) {
    auto parsed = boost::urls::parse_uri(text);
    if (!parsed) throw std::invalid_argument("not a URL");
    const auto& url = *parsed;
    Endpoint ep;
    if (url.scheme() == "https")
        ep.tls = true;
    else if (url.scheme() == "http")
        ep.tls = false;
    else
        throw std::invalid_argument("the scheme must be https (or http for local testing)");
    if (url.has_fragment() || url.has_userinfo())
        throw std::invalid_argument("a fragment or user name is not allowed");
    ep.host = url.host_address();
    if (ep.host.empty()) throw std::invalid_argument("the host is missing");
    ep.port = url.has_port() ? std::string(url.port()) : (ep.tls ? "443" : "80");
    ep.host_header = url.encoded_host_and_port();
    ep.path = url.encoded_path();
    if (url.has_query()) ep.path += "?" + std::string(url.encoded_query());
    return ep;
}

}  // namespace

std::string url_origin(std::string_view url) {
    try {
        const Endpoint ep = parse_http_url(url);
        return ep.path.empty() ? std::string() : ep.origin();
    } catch (const std::invalid_argument&) {
        return {};
    }
}

namespace {

// Its path is the prefix of every method's target, without a trailing '/'.
Endpoint parse_base_url(const std::string& base) {
    try {
        Endpoint ep = parse_http_url(base);
        if (ep.path.find('?') != std::string::npos)
            throw std::invalid_argument("a query is not allowed");
        while (!ep.path.empty() && ep.path.back() == '/') ep.path.pop_back();
        return ep;
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("slack.api_base_url \"" + base + "\": " + e.what() +
                                    " (write it like https://slack.com/api)");
    }
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
    bool web_api = true;  // classify the reply as the Web API's, else by its status alone
    WebClient::Callback done;
};

// The connections to one origin, and the calls waiting for one.
struct Pool {
    Endpoint endpoint;
    std::vector<std::shared_ptr<Connection>> connections;  // open or being opened
    std::vector<std::shared_ptr<Connection>> idle;
    std::deque<Call> waiting;
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

ApiResult classify_status(unsigned status, std::string_view retry_after_header) {
    using Outcome = ApiResult::Outcome;
    ApiResult r;
    if (status >= 200 && status < 300) {
        r.outcome = Outcome::ok;
    } else if (status == 429) {
        r.outcome = Outcome::retry;
        r.retry_after = parse_retry_after(retry_after_header);
        r.rate_limited = true;
        r.error = "HTTP 429 rate limited";
    } else {
        r.outcome = status >= 500 ? Outcome::retry : Outcome::permanent;
        r.error = "HTTP " + std::to_string(status);
    }
    return r;
}

ApiResult classify_response(unsigned status, std::string_view retry_after_header,
                            std::string_view body) {
    using Outcome = ApiResult::Outcome;
    ApiResult r = classify_status(status, retry_after_header);
    r.response = nlohmann::json::parse(body, nullptr, false);
    if (r.response.is_discarded()) r.response = nullptr;
    const std::string code =
        r.response.is_object() && r.response.contains("error") && r.response["error"].is_string()
            ? r.response["error"].get<std::string>()
            : std::string();
    if (r.outcome != Outcome::ok) {
        if (!code.empty()) r.error += ": " + code;
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
        r.rate_limited = r.error == "ratelimited" || r.error == "rate_limited";
    } else {
        r.outcome = Outcome::permanent;
    }
    return r;
}

struct WebClient::Impl : std::enable_shared_from_this<WebClient::Impl> {
    Impl(net::io_context& ioc, const config::Slack& cfg, Options opts)
        : strand(net::make_strand(ioc)),
          tls_context(ssl::context::tls_client),
          web_api(parse_base_url(cfg.api_base_url)),
          options(opts) {
        if (!cfg.bot_token.empty()) authorization = "Bearer " + cfg.bot_token;
        if (!cfg.user_token.empty()) user_authorization = "Bearer " + cfg.user_token;
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

    static constexpr const char* kJson = "application/json; charset=utf-8";
    static constexpr const char* kForm = "application/x-www-form-urlencoded";

    static Request request_to(const Endpoint& endpoint, std::string target, std::string body) {
        Request req{http::verb::post, std::move(target), 11};
        req.set(http::field::host, endpoint.host_header);
        req.set(http::field::user_agent, "sitelead-bot");
        req.keep_alive(true);
        req.body() = std::move(body);
        return req;
    }

    void enqueue_call(std::string method, std::string body, Callback done, Token token,
                      const char* content_type = kJson) {
        Request req = request_to(web_api, web_api.path + "/" + method, std::move(body));
        const std::string& bearer = token == Token::user ? user_authorization : authorization;
        if (!bearer.empty()) req.set(http::field::authorization, bearer);
        req.set(http::field::content_type, content_type);
        req.prepare_payload();
        enqueue(web_api, Call{std::move(req), true, std::move(done)});
    }

    void enqueue_post(const std::string& url, std::string body, std::vector<Header> headers,
                      Callback done) {
        Endpoint endpoint;
        try {
            endpoint = parse_http_url(url);
        } catch (const std::invalid_argument& e) {
            done(failed(ApiResult::Outcome::permanent, std::string("bad URL: ") + e.what()));
            return;
        }
        std::string target = endpoint.path.empty() ? "/" : endpoint.path;
        Request req = request_to(endpoint, std::move(target), std::move(body));
        for (auto& [name, value] : headers) req.set(name, value);
        req.prepare_payload();
        enqueue(endpoint, Call{std::move(req), false, std::move(done)});
    }

    void enqueue(const Endpoint& endpoint, Call call) {
        if (closed) {
            call.done(failed(ApiResult::Outcome::retry, "the HTTP client is closed"));
            return;
        }
        auto& pool = pools[endpoint.origin()];
        if (!pool) pool = std::make_unique<Pool>(Pool{endpoint, {}, {}, {}});
        pool->waiting.push_back(std::move(call));
        pump(*pool);
    }

    // Hands waiting calls to idle connections, opening new ones up to the limit.
    void pump(Pool& pool) {
        while (!pool.waiting.empty() && !closed) {
            std::shared_ptr<Connection> conn;
            if (!pool.idle.empty()) {
                conn = std::move(pool.idle.back());
                pool.idle.pop_back();
            } else if (pool.connections.size() < options.connections) {
                conn = std::make_shared<Connection>();
                pool.connections.push_back(conn);
            } else {
                return;
            }
            Call call = std::move(pool.waiting.front());
            pool.waiting.pop_front();
            net::co_spawn(strand, serve(pool, std::move(conn), std::move(call)), net::detached);
        }
    }

    // `pool` lives as long as this client.
    net::awaitable<void> serve(Pool& pool, std::shared_ptr<Connection> connection, Call next) {
        // Declared in this order so that the connection (whose TLS stream
        // uses tls_context) goes before the last reference to this client.
        auto self = shared_from_this();
        auto conn = std::move(connection);
        Call call = std::move(next);
        ApiResult result = co_await exchange(*conn, pool.endpoint, call);
        if (conn->is_open() && !closed) {
            pool.idle.push_back(conn);
        } else {
            conn->reset();
            std::erase(pool.connections, conn);
        }
        try {
            call.done(std::move(result));
        } catch (const std::exception& e) {
            spdlog::error("http client: a call's completion threw: {}", e.what());
        }
        pump(pool);
    }

    net::awaitable<ApiResult> exchange(Connection& conn, const Endpoint& endpoint,
                                       const Call& call) {
        bool reused = conn.is_open();
        for (;;) {
            if (closed) co_return failed(ApiResult::Outcome::retry, "the HTTP client is closed");
            if (!conn.is_open()) {
                conn.reset();
                if (auto error = co_await connect(conn, endpoint); !error.empty()) {
                    ApiResult down = failed(ApiResult::Outcome::retry, std::move(error));
                    down.unreachable = true;
                    co_return down;
                }
                reused = false;
            }
            std::pair<beast::error_code, Response> reply;
            if (conn.plain)
                reply = co_await round_trip(*conn.plain, conn.buffer, call.request, options);
            else
                reply = co_await round_trip(*conn.tls, conn.buffer, call.request, options);
            auto& [ec, res] = reply;
            if (!ec) {
                if (!res.keep_alive()) conn.shut();
                auto retry_after = res[http::field::retry_after];
                co_return call.web_api
                    ? classify_response(res.result_int(), retry_after, res.body())
                    : classify_status(res.result_int(), retry_after);
            }
            conn.shut();
            // A kept-alive connection the server has since closed fails on
            // first use; that says nothing about the server, so try a fresh one.
            if (reused && stale_connection(ec)) {
                spdlog::debug("http client: kept-alive connection to {} was closed; reconnecting",
                              endpoint.host);
                reused = false;
                continue;
            }
            co_return failed(ApiResult::Outcome::retry,
                             "request to " + endpoint.host + " failed: " + ec.message());
        }
    }

    // Returns an error message, empty on success.
    net::awaitable<std::string> connect(Connection& conn, const Endpoint& endpoint) {
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
        for (auto& [origin, pool] : pools) {
            for (auto& conn : pool->connections) conn->shut();
            pool->idle.clear();
            auto calls = std::move(pool->waiting);
            pool->waiting.clear();
            for (auto& call : calls)
                call.done(failed(ApiResult::Outcome::retry, "the HTTP client is closed"));
        }
    }

    net::strand<net::io_context::executor_type> strand;
    ssl::context tls_context;
    Endpoint web_api;
    Options options;
    std::string authorization;
    std::string user_authorization;
    // All below only on the strand.
    std::map<std::string, std::unique_ptr<Pool>> pools;  // by origin
    bool closed = false;
};

WebClient::WebClient(net::io_context& ioc, const config::Slack& cfg)
    : WebClient(ioc, cfg, Options{}) {}

WebClient::WebClient(net::io_context& ioc, const config::Slack& cfg, Options options)
    : impl_(std::make_shared<Impl>(ioc, cfg, options)) {}

WebClient::~WebClient() {
    close();
}

void WebClient::call(std::string method, std::string json_body, Callback done, Token token) {
    net::post(impl_->strand, [impl = impl_, method = std::move(method), body = std::move(json_body),
                              done = std::move(done), token]() mutable {
        impl->enqueue_call(std::move(method), std::move(body), std::move(done), token);
    });
}

void WebClient::call_form(std::string method, std::string form_body, Callback done) {
    net::post(impl_->strand, [impl = impl_, method = std::move(method), body = std::move(form_body),
                              done = std::move(done)]() mutable {
        impl->enqueue_call(std::move(method), std::move(body), std::move(done), Token::bot,
                           Impl::kForm);
    });
}

void WebClient::post(std::string url, std::string body, std::vector<Header> headers,
                     Callback done) {
    net::post(impl_->strand, [impl = impl_, url = std::move(url), body = std::move(body),
                              headers = std::move(headers), done = std::move(done)]() mutable {
        impl->enqueue_post(url, std::move(body), std::move(headers), std::move(done));
    });
}

void WebClient::close() {
    net::post(impl_->strand, [impl = impl_] { impl->close(); });
}

}  // namespace bot::slack
