#pragma once
// The service's view of an HTTP exchange: plain structs, so that only the
// Beast session (bot/http_server.cpp) knows about sockets and parsers.

#include <algorithm>
#include <cctype>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bot {

struct HttpRequest {
    std::string method;  // "GET", "POST", ...
    std::string target;  // path and query, as sent
    std::string content_type;
    std::vector<std::pair<std::string, std::string>> headers;  // as sent, in order
    std::string body;
    std::string request_id;  // set by the session, for logs and the outbox

    // The first header named `name`, compared case-insensitively; empty when
    // there is none.
    std::string_view header(std::string_view name) const {
        for (const auto& [key, value] : headers)
            if (key.size() == name.size() &&
                std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
                    return std::tolower(static_cast<unsigned char>(a)) ==
                           std::tolower(static_cast<unsigned char>(b));
                }))
                return value;
        return {};
    }
};

struct HttpResponse {
    unsigned status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

// Called exactly once per request, from any thread.
using Respond = std::function<void(HttpResponse)>;

}  // namespace bot
