#pragma once
// What the tests of Slack's request parsing share: a readable account of
// what a body parsed into. (The content types are bot/slack/requests.hpp's.)

#include <string>
#include <variant>

#include "bot/slack/parse.hpp"

namespace bot::slack::testing {

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
