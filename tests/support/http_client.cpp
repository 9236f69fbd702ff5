#include "tests/support/http_client.hpp"

#include <sys/socket.h>
#include <sys/time.h>

#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "core/text.hpp"

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace testing_support {
namespace {

// Beast's synchronous calls have no deadline of their own; the kernel's
// socket timeouts turn a hung server into an error.
void set_timeouts(tcp::socket& socket) {
    timeval tv{10, 0};
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

http::request<http::string_body> make_request(unsigned short port, const std::string& method,
                                              const std::string& target, const Headers& headers,
                                              const std::string& body, bool keep_alive) {
    http::request<http::string_body> req;
    req.method_string(method);
    req.target(target);
    req.version(11);
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    for (const auto& [name, value] : headers) req.set(name, value);
    req.body() = body;
    req.prepare_payload();
    req.keep_alive(keep_alive);
    return req;
}

}  // namespace

std::string HttpResult::header(const std::string& lower_case_name) const {
    auto it = headers.find(lower_case_name);
    return it == headers.end() ? std::string() : it->second;
}

nlohmann::json HttpResult::json() const {
    return nlohmann::json::parse(body);
}

struct HttpConnection::Impl {
    explicit Impl(unsigned short p) : port(p), socket(ioc) {
        socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
        set_timeouts(socket);
    }
    unsigned short port;
    net::io_context ioc;
    tcp::socket socket;
    beast::flat_buffer buffer;
};

HttpConnection::HttpConnection(unsigned short port) : impl_(std::make_unique<Impl>(port)) {}
HttpConnection::~HttpConnection() = default;

HttpResult HttpConnection::request(const std::string& method, const std::string& target,
                                   const Headers& headers, const std::string& body,
                                   bool keep_alive) {
    auto req = make_request(impl_->port, method, target, headers, body, keep_alive);
    http::write(impl_->socket, req);
    return read_response();
}

void HttpConnection::send_raw(std::string_view bytes) {
    net::write(impl_->socket, net::buffer(bytes.data(), bytes.size()));
}

HttpResult HttpConnection::read_response() {
    http::response_parser<http::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    http::read(impl_->socket, impl_->buffer, parser);
    auto res = parser.release();
    HttpResult out;
    out.status = res.result_int();
    for (const auto& field : res) out.headers[core::lower(field.name_string())] = field.value();
    out.body = std::move(res.body());
    return out;
}

bool HttpConnection::closed_by_server() {
    char byte;
    beast::error_code ec;
    const std::size_t n = impl_->socket.read_some(net::buffer(&byte, 1), ec);
    if (n == 1) throw std::runtime_error("closed_by_server: the server sent more bytes");
    return ec == net::error::eof || ec == net::error::connection_reset;
}

unsigned short HttpConnection::local_port() const {
    return impl_->socket.local_endpoint().port();
}

HttpResult http_request(unsigned short port, const std::string& method, const std::string& target,
                        const Headers& headers, const std::string& body) {
    HttpConnection conn(port);
    return conn.request(method, target, headers, body, /*keep_alive=*/false);
}

}  // namespace testing_support
