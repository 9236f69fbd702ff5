#include "bot/http/server.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <limits>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace bot::detail {

class Session;

// What the listener and every session share. It holds no io objects, so it
// may be released after the io_context in any order.
struct ServerState {
    ServerState(const config::Server& c, HttpServer::Handler h)
        : cfg(c), handler(std::move(h)), id_prefix(std::random_device{}() & 0xffffff) {}

    // Per process a random prefix: request ids reach the database (outbox
    // rows), so they must not repeat after a restart.
    std::string next_request_id() {
        return fmt::format("r-{:06x}-{:x}", id_prefix, ++request_counter);
    }

    const config::Server cfg;
    const HttpServer::Handler handler;
    const std::uint32_t id_prefix;
    std::atomic<std::uint64_t> request_counter{0};
    std::atomic<std::size_t> in_flight{0};
    std::atomic<bool> draining{false};

    std::mutex mutex;  // guards sessions
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
};

namespace {

constexpr std::size_t kReadChunk = 4096;
// After an error reply the client may still be sending a body we will not
// read. Closing with unread input makes the kernel send a reset, which can
// destroy our reply before the client reads it; so we half-close and discard
// input for a while first (the "lingering close" of other servers).
constexpr std::chrono::seconds kLingerTime{2};
constexpr std::size_t kLingerBytes = 1 << 20;

bool ordinary_disconnect(beast::error_code ec) {
    return ec == net::error::operation_aborted || ec == beast::error::timeout ||
           ec == net::error::eof || ec == http::error::end_of_stream ||
           ec == http::error::partial_message || ec == net::error::connection_reset ||
           ec == net::error::broken_pipe || ec == net::error::not_connected;
}

bool is_http_parse_error(beast::error_code ec) {
    return ec.category() == http::make_error_code(http::error::bad_method).category() &&
           ec != http::error::end_of_stream && ec != http::error::partial_message;
}

std::string error_json(std::string_view message, std::optional<std::size_t> limit = {}) {
    nlohmann::json j = {{"error", message}};
    if (limit) j["limit"] = *limit;
    return j.dump();
}

}  // namespace

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket&& socket, std::shared_ptr<ServerState> state)
        : stream_(std::move(socket)), state_(std::move(state)) {}

    ~Session() {
        end_request();
        std::lock_guard lock(state_->mutex);
        state_->sessions.erase(this);
    }

    void start() {
        {
            std::lock_guard lock(state_->mutex);
            state_->sessions.emplace(this, weak_from_this());
        }
        net::dispatch(stream_.get_executor(),
                      beast::bind_front_handler(&Session::do_wait, shared_from_this()));
    }

    // Any thread. A session waiting for a new request closes now; one with
    // a request under way closes after its response.
    void shut_down() {
        net::post(stream_.get_executor(), [self = shared_from_this()] {
            if (self->idle_) self->stream_.cancel();
        });
    }

private:
    const config::Server& cfg() const { return state_->cfg; }

    // Waits for the first byte of the next request, so that a kept-alive
    // connection may sit idle for idle_timeout while a request, once
    // started, must arrive whole within read_timeout.
    void do_wait() {
        if (state_->draining) return do_close();
        if (buffer_.size() > 0) return do_read_header();  // pipelined
        idle_ = true;
        stream_.expires_after(fresh_ ? cfg().read_timeout : cfg().idle_timeout);
        stream_.async_read_some(buffer_.prepare(kReadChunk),
                                beast::bind_front_handler(&Session::on_wait, shared_from_this()));
    }

    void on_wait(beast::error_code ec, std::size_t n) {
        idle_ = false;
        if (ec) return fail(ec, "waiting for a request");
        buffer_.commit(n);
        do_read_header();
    }

    void do_read_header() {
        fresh_ = false;
        begin_request();
        parser_.emplace();
        parser_->body_limit(cfg().body_limit);
        parser_->header_limit(static_cast<std::uint32_t>(
            std::min<std::size_t>(cfg().header_limit, std::numeric_limits<std::uint32_t>::max())));
        stream_.expires_after(cfg().read_timeout);
        http::async_read_header(
            stream_, buffer_, *parser_,
            beast::bind_front_handler(&Session::on_read_header, shared_from_this()));
    }

    void on_read_header(beast::error_code ec, std::size_t) {
        if (ec) return on_read(ec, 0);
        // curl and others hold a larger body back until told to go on.
        if (beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
            static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
            return net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                        if (ec) {
                                            self->end_request();
                                            return self->fail(ec, "writing 100 Continue");
                                        }
                                        self->do_read_body();
                                    });
        }
        do_read_body();
    }

    void do_read_body() {
        http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec == http::error::body_limit) return reject(413, "body too large", cfg().body_limit);
        if (ec == http::error::header_limit)
            return reject(431, "header too large", cfg().header_limit);
        if (is_http_parse_error(ec)) return reject(400, "malformed HTTP request: " + ec.message());
        if (ec) {
            end_request();
            return fail(ec, "reading a request");
        }

        auto msg = parser_->release();
        parser_.reset();
        keep_alive_ = msg.keep_alive();
        version_ = msg.version();
        HttpRequest req;
        req.method = std::string(msg.method_string());
        req.target = std::string(msg.target());
        req.content_type = std::string(msg[http::field::content_type]);
        for (const auto& field : msg)
            if (field.name() != http::field::content_type)
                req.headers.emplace_back(std::string(field.name_string()),
                                         std::string(field.value()));
        req.body = std::move(msg.body());
        req.request_id = request_id_;

        // The handler may answer from the writer's thread: hop back onto
        // this connection's strand. The flag turns a second answer (a bug
        // elsewhere) into a log line instead of a corrupt stream.
        auto answered = std::make_shared<std::atomic<bool>>(false);
        Respond respond = [self = shared_from_this(), answered](HttpResponse res) {
            if (answered->exchange(true)) {
                spdlog::error("{}: answered twice; the second answer is dropped",
                              self->request_id_);
                return;
            }
            net::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable {
                self->do_write(std::move(res), false);
            });
        };
        try {
            state_->handler(std::move(req), std::move(respond));
        } catch (const std::exception& e) {
            spdlog::error("{}: handler failed: {}", request_id_, e.what());
            if (!answered->exchange(true))
                do_write({500, "application/json", error_json("internal error"), {}}, false);
        }
    }

    // A request the transport refuses on its own. The service never sees
    // it, so this is its one log line.
    void reject(unsigned status, const std::string& error,
                std::optional<std::size_t> limit = std::nullopt) {
        const bool has_method = parser_ && parser_->is_header_done();
        const std::string method = has_method ? std::string(parser_->get().method_string()) : "-";
        parser_.reset();
        spdlog::info("{} {} - {} {:.2f}ms ({})", request_id_, method, status, elapsed_ms(), error);
        keep_alive_ = false;
        version_ = 11;
        do_write({status, "application/json", error_json(error, limit), {}}, true);
    }

    void do_write(HttpResponse res, bool linger) {
        auto msg = std::make_shared<http::response<http::string_body>>(
            static_cast<http::status>(res.status), version_);
        msg->set(http::field::server, "sitelead-bot");
        msg->set(http::field::content_type, res.content_type);
        for (auto& [name, value] : res.headers) msg->set(name, value);
        msg->set("X-Sitelead-Request-Id", request_id_);
        const bool close = !keep_alive_ || state_->draining;
        msg->keep_alive(!close);
        msg->body() = std::move(res.body);
        msg->prepare_payload();
        response_ = msg;
        stream_.expires_after(cfg().write_timeout);
        http::async_write(
            stream_, *msg,
            beast::bind_front_handler(&Session::on_write, shared_from_this(), close, linger));
    }

    void on_write(bool close, bool linger, beast::error_code ec, std::size_t) {
        response_.reset();
        end_request();
        if (ec) return fail(ec, "writing a response");
        if (linger) return do_linger();
        if (close) return do_close();
        do_wait();
    }

    void do_linger() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        buffer_.clear();
        stream_.expires_after(kLingerTime);
        read_and_discard();
    }

    void read_and_discard() {
        stream_.async_read_some(buffer_.prepare(kReadChunk),
                                [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                    self->lingered_ += n;
                                    if (ec || self->lingered_ > kLingerBytes)
                                        return;  // closed when released
                                    self->read_and_discard();
                                });
    }

    void do_close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    void begin_request() {
        request_id_ = state_->next_request_id();
        started_ = std::chrono::steady_clock::now();
        if (!counted_) {
            counted_ = true;
            ++state_->in_flight;
        }
    }

    void end_request() {
        if (counted_) {
            counted_ = false;
            --state_->in_flight;
        }
    }

    double elapsed_ms() const {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                         started_)
            .count();
    }

    void fail(beast::error_code ec, const char* what) {
        if (ordinary_disconnect(ec))
            spdlog::debug("connection closed {}: {}", what, ec.message());
        else
            spdlog::warn("connection failed {}: {}", what, ec.message());
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::shared_ptr<ServerState> state_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::shared_ptr<http::response<http::string_body>> response_;  // alive while written
    std::string request_id_;
    std::chrono::steady_clock::time_point started_;
    unsigned version_ = 11;
    bool keep_alive_ = true;
    bool fresh_ = true;     // no request on this connection yet
    bool idle_ = false;     // waiting for the first byte of a request
    bool counted_ = false;  // counted in state_->in_flight
    std::size_t lingered_ = 0;
};

class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(net::io_context& ioc, std::shared_ptr<ServerState> state)
        : ioc_(ioc),
          acceptor_(net::make_strand(ioc)),
          retry_(acceptor_.get_executor()),
          state_(std::move(state)) {}

    unsigned short open(const std::string& address, unsigned short port) {
        beast::error_code ec;
        const auto ip = net::ip::make_address(address, ec);
        if (ec)
            throw std::runtime_error("server.address: \"" + address +
                                     "\" is not an IP address (use e.g. 127.0.0.1 or 0.0.0.0)");
        const tcp::endpoint endpoint{ip, port};
        auto check = [&](const char* step) {
            if (!ec) return;
            std::string hint;
            if (ec == net::error::address_in_use)
                hint =
                    " (another process is listening there; stop it, or choose another port "
                    "with server.port or SITELEAD_PORT)";
            throw std::runtime_error(fmt::format("cannot listen on {}:{}: {} failed: {}{}", address,
                                                 port, step, ec.message(), hint));
        };
        acceptor_.open(endpoint.protocol(), ec);
        check("open");
        acceptor_.set_option(net::socket_base::reuse_address(true), ec);
        check("setsockopt");
        acceptor_.bind(endpoint, ec);
        check("bind");
        acceptor_.listen(net::socket_base::max_listen_connections, ec);
        check("listen");
        return acceptor_.local_endpoint().port();
    }

    void run() {
        net::dispatch(acceptor_.get_executor(),
                      beast::bind_front_handler(&Listener::do_accept, shared_from_this()));
    }

    void stop() {
        net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] {
            beast::error_code ignored;
            self->acceptor_.close(ignored);
            self->retry_.cancel();
        });
    }

private:
    void do_accept() {
        if (!acceptor_.is_open()) return;
        acceptor_.async_accept(net::make_strand(ioc_),
                               beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
    }

    void on_accept(beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
        if (ec) {
            // Out of file descriptors, say: pause rather than spin.
            spdlog::warn("accept failed: {}", ec.message());
            retry_.expires_after(std::chrono::milliseconds(100));
            retry_.async_wait([self = shared_from_this()](beast::error_code ec) {
                if (!ec) self->do_accept();
            });
            return;
        }
        std::make_shared<Session>(std::move(socket), state_)->start();
        do_accept();
    }

    net::io_context& ioc_;
    tcp::acceptor acceptor_;
    net::steady_timer retry_;
    std::shared_ptr<ServerState> state_;
};

}  // namespace bot::detail

namespace bot {

HttpServer::HttpServer(net::io_context& ioc, const config::Server& cfg, Handler handler)
    : state_(std::make_shared<detail::ServerState>(cfg, std::move(handler))),
      listener_(std::make_shared<detail::Listener>(ioc, state_)) {}

HttpServer::~HttpServer() {
    stop_accepting();
}

void HttpServer::start() {
    port_ = listener_->open(state_->cfg.address, state_->cfg.port);
    listener_->run();
}

unsigned short HttpServer::port() const {
    return port_;
}

void HttpServer::stop_accepting() {
    if (state_->draining.exchange(true)) return;
    listener_->stop();
    std::vector<std::shared_ptr<detail::Session>> live;
    {
        std::lock_guard lock(state_->mutex);
        for (auto& [raw, weak] : state_->sessions)
            if (auto s = weak.lock()) live.push_back(std::move(s));
    }
    for (auto& s : live) s->shut_down();
}

std::size_t HttpServer::in_flight() const {
    return state_->in_flight.load();
}

}  // namespace bot
