#pragma once
// The HTTP/1.1 transport: a listener and one session per connection (the
// shape of Beast's advanced server). It turns each request into a plain
// bot::HttpRequest, hands it to the handler and writes whatever the handler
// responds, from any thread. It knows nothing about Slack.
//
// Limits and timeouts, all from config::Server:
// - waiting for a request to start: read_timeout on a fresh connection,
//   idle_timeout on a kept-alive one; on expiry the connection is closed.
// - reading one request, from its first byte to the end of its body:
//   read_timeout, then the connection is closed.
// - writing one response: write_timeout.
// - a body over body_limit gets 413, a header over header_limit 431, any
//   other malformed request 400; each then closes the connection.
//
// Every response carries X-Sitelead-Request-Id, the id the request was given
// here (and that logs and outbox rows carry too).

#include <cstddef>
#include <functional>
#include <memory>

#include "bot/http/request.hpp"
#include "config/config.hpp"

namespace boost::asio {
class io_context;
}

namespace bot {

namespace detail {
struct ServerState;
class Listener;
}  // namespace detail

class HttpServer {
public:
    using Handler = std::function<void(HttpRequest, Respond)>;

    // The handler runs on an io thread and must not block; it may respond
    // later from any thread. cfg is copied.
    HttpServer(boost::asio::io_context& ioc, const config::Server& cfg, Handler handler);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds and listens, then accepts on the io_context's threads. Throws
    // std::runtime_error naming the address when it cannot listen.
    void start();
    // The bound port: the real one when the configuration asks for port 0.
    unsigned short port() const;
    // Closes the listening socket and idle kept-alive connections. Requests
    // already started are finished and answered with Connection: close.
    // Safe from any thread, idempotent.
    void stop_accepting();
    // Requests whose first byte has arrived and whose response is not yet
    // completely written.
    std::size_t in_flight() const;

private:
    std::shared_ptr<detail::ServerState> state_;
    std::shared_ptr<detail::Listener> listener_;
    unsigned short port_ = 0;
};

}  // namespace bot
