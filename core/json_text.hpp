#pragma once
// JSON written as text. The shapes the bot sends (Block Kit, Web API
// payloads, slash command answers) are small and fixed, so they are written
// straight into a string instead of built as a tree and serialised; a string
// value goes in through the one escaper here. Invalid UTF-8 is written as
// U+FFFD, as nlohmann::json's dump(..., error_handler_t::replace) does.

#include <string>
#include <string_view>

namespace core {

// `value` as the inside of a JSON string (no quotes).
void append_json_escaped(std::string& out, std::string_view value);
// `value` as a JSON string, quotes included.
void append_json_string(std::string& out, std::string_view value);
std::string json_string(std::string_view value);

}  // namespace core
