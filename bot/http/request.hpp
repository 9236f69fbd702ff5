#pragma once
// The service's view of an HTTP exchange: plain structs, so that only the
// Beast session (bot/http_server.cpp) knows about sockets and parsers.

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace bot {

struct HttpRequest {
    std::string method;  // "GET", "POST", ...
    std::string target;  // path and query, as sent
    std::string content_type;
    // Slack's headers, looked up case-insensitively by the session.
    std::string slack_timestamp;  // X-Slack-Request-Timestamp
    std::string slack_signature;  // X-Slack-Signature
    std::string slack_retry_num;  // X-Slack-Retry-Num
    std::string body;
    std::string request_id;       // set by the session, for logs and the outbox
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
