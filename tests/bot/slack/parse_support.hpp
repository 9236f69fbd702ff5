#pragma once
// What the tests of Slack's request parsing share: a readable account of
// what a body parsed into. (The content types are bot/slack/requests.hpp's.)

#include <string>
#include <string_view>
#include <variant>

#include "bot/slack/parse.hpp"

namespace bot::slack::testing {

// Slack's message.im sample (slack-protocol.md §3.4), its trailing commas
// removed.
inline constexpr std::string_view kMessageIm = R"({
    "token": "one-long-verification-token",
    "team_id": "T123ABC456",
    "api_app_id": "A0PNCHHK2",
    "event": {
        "type": "message",
        "channel": "D024BE91L",
        "user": "U2147483697",
        "text": "Hello hello can you hear me?",
        "ts": "1355517523.000005",
        "event_ts": "1355517523.000005",
        "channel_type": "im"
    },
    "type": "event_callback",
    "authorizations": [
        {
            "team_id": "T123ABC456",
            "user_id": "U2147483697",
            "is_bot": false,
            "is_enterprise_install": false
        }
    ],
    "event_id": "Ev0PV52K21",
    "event_time": 1355517523
})";

inline std::string describe(const Parsed& parsed) {
    struct Visitor {
        std::string operator()(const Command& c) const { return "Command " + c.name; }
        std::string operator()(const UrlVerification&) const { return "UrlVerification"; }
        std::string operator()(const SslCheck&) const { return "SslCheck"; }
        std::string operator()(const Ignored& i) const { return "Ignored: " + i.why; }
        std::string operator()(const BadRequest& b) const { return "BadRequest: " + b.reason; }
    };
    return std::visit(Visitor{}, parsed);
}

}  // namespace bot::slack::testing
