#pragma once
// A small synchronous HTTP/1.1 client for end-to-end tests, kept apart from
// the product's own client code so that tests do not share its mistakes.
// Every read and write gives up after ten seconds, so a hung server fails a
// test instead of hanging it.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace testing_support {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpResult {
    unsigned status = 0;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;

    std::string header(const std::string& lower_case_name) const;
    nlohmann::json json() const;  // throws when the body is not JSON
};

// One request on a fresh connection (Connection: close). Host and
// Content-Length are added.
HttpResult http_request(unsigned short port, const std::string& method, const std::string& target,
                        const Headers& headers = {}, const std::string& body = {});

// A connection kept open across requests, or fed raw bytes.
class HttpConnection {
public:
    explicit HttpConnection(unsigned short port);
    ~HttpConnection();
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    // Sends a request and reads its response.
    HttpResult request(const std::string& method, const std::string& target,
                       const Headers& headers = {}, const std::string& body = {},
                       bool keep_alive = true);
    void send_raw(std::string_view bytes);
    HttpResult read_response();
    // True when the server has closed the connection (reads end of stream).
    bool closed_by_server();
    // The local port of this connection: tells two connections apart.
    unsigned short local_port() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace testing_support
