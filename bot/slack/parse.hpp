#pragma once
// Turns a verified Slack request body into what it asks for. Pure: no I/O.

#include <string>
#include <string_view>
#include <variant>

#include "bot/dispatch/command.hpp"

namespace bot::slack {

struct UrlVerification {
    std::string challenge;
};
struct SslCheck {};   // form body with ssl_check=1: answer 200, empty
struct Ignored {      // acknowledged with 200 and otherwise dropped
    std::string why;  // "bot message", "message subtype message_changed", ...
};
struct BadRequest {  // 400 with this short reason
    std::string reason;
};

using Parsed = std::variant<Command, UrlVerification, SslCheck, Ignored, BadRequest>;

// content_type is the raw header ("application/json; charset=utf-8" is fine).
// - form with `command`: a slash command (name = command without "/",
//   lower-cased; text trimmed).
// - form with `payload`: an interactivity payload; block_actions with a button
//   becomes a Command with source=button whose name/text are the first word /
//   rest of the button's value ("approve PTO-12"); other types are Ignored.
// - JSON url_verification: UrlVerification; event_callback with a `message`
//   event in an IM (channel_type "im") or an `app_mention`: a Command (name =
//   the first word lower-cased, text = the rest, message = the whole text; a
//   leading "<@U…>" mention removed; &amp; &lt; &gt; decoded); bot messages
//   (bot_id), subtypes, edits and other event types: Ignored.
// Control characters other than tab and new line are dropped from every text.
Parsed parse(std::string_view content_type, std::string_view body);

}  // namespace bot::slack
