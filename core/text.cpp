#include "core/text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace core {

std::string_view trim(std::string_view s) {
    const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::pair<std::string, std::string_view> split_first_word(std::string_view s) {
    s = trim(s);
    const auto end = s.find_first_of(" \t\n");
    if (end == std::string_view::npos) return {lower(s), {}};
    return {lower(s.substr(0, end)), trim(s.substr(end))};
}

std::optional<RequestId> parse_id(std::string_view word) {
    const auto dash = word.find('-');
    if (dash == std::string_view::npos || dash == 0) return std::nullopt;
    std::string kind = lower(word.substr(0, dash));
    std::transform(kind.begin(), kind.end(), kind.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (kind != "PTO" && kind != "EXP" && kind != "OFC" && kind != "FAQ" && kind != "Q")
        return std::nullopt;
    const std::string_view digits = word.substr(dash + 1);
    std::int64_t n = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() || n <= 0)
        return std::nullopt;
    return RequestId{kind, n};
}

std::string format_id(std::string_view kind, std::int64_t number) {
    return fmt::format("{}-{}", kind, number);
}

std::string mention(std::string_view user_id) { return fmt::format("<@{}>", user_id); }

std::string days_number(double days) {
    const bool whole = days == static_cast<double>(static_cast<long long>(days));
    return whole ? fmt::format("{}", static_cast<long long>(days)) : fmt::format("{:.1f}", days);
}

std::string days_text(double days) {
    return days_number(days) + (days == 1.0 || days == 0.5 ? " day" : " days");
}

}  // namespace core
