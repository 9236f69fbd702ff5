#pragma once
// `sitelead-bot say`: what Slack would send when a person types a line, signed
// with the configured secret, sent to a running server, and the answer made
// readable. A line starting with "/" is a slash command (a form body);
// anything else is a direct message to the bot (an Events API callback).

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "bot/slack/requests.hpp"
#include "config/config.hpp"

namespace bot::say {

// A slash command when `text` starts with "/", else a DM event; signed
// with the configured secret at `now`.
slack::SignedRequest build(const config::Config& cfg, const config::Person& who,
                           std::string_view text, std::chrono::system_clock::time_point now);

// A submission of the form `form` ("pto", "expense", "office", "deny") with
// `fields`, each "name=value" (the block ids of the form: start, end, type,
// ...); a word without "=" is the form's metadata (deny: the request's id).
// Throws std::invalid_argument for a field written otherwise.
slack::SignedRequest build_submission(const config::Config& cfg, const config::Person& who,
                                      std::string_view form, const std::vector<std::string>& fields,
                                      std::chrono::system_clock::time_point now);

struct Reply {
    unsigned status = 0;
    std::string content_type;
    std::string body;
    std::string request_id;  // X-Sitelead-Request-Id: finds what the request caused
};

// Nobody answered, or the answer was not HTTP. what() is for the operator.
class SendError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// "http://<server.address>:<server.port>/slack/events"; 0.0.0.0 becomes
// 127.0.0.1, since that is where a local server is reached.
std::string default_url(const config::Server& server);

// POSTs to an http:// URL; an empty path means /slack/events.
Reply send(std::string_view url, const slack::SignedRequest& req,
           std::chrono::seconds timeout = std::chrono::seconds(10));

// What the person would see: a slash command's text and blocks, a form that
// opens, what a submission got wrong, or "(acknowledged)" for a DM, whose
// answers arrive later as bot messages.
std::string render(const slack::SignedRequest& req, const Reply& reply);

}  // namespace bot::say
