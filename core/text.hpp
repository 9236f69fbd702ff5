#pragma once
// Small text helpers shared by the handlers: words, ids, mentions, days.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace core {

std::string_view trim(std::string_view s);
std::string lower(std::string_view s);
// ("pto", "dec 21") from "pto dec 21"; the rest is trimmed.
std::pair<std::string, std::string_view> split_first_word(std::string_view s);

struct RequestId {
    std::string kind;  // "PTO", "EXP", "OFC", "FAQ", "Q"
    std::int64_t number = 0;
};
// "PTO-12", "pto-12", "Pto-12" -> {"PTO", 12}; anything else -> nullopt.
std::optional<RequestId> parse_id(std::string_view word);
std::string format_id(std::string_view kind, std::int64_t number);

std::string mention(std::string_view user_id);  // <@U123>
// "1", "0.5", "2.5"
std::string days_number(double days);
// "1 day", "0.5 day", "2.5 days", "3 days", "0 days"
std::string days_text(double days);

}  // namespace core
