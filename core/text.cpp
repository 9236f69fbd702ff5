#include "core/text.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include <fmt/compile.h>
#include <fmt/format.h>

namespace core {

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::pair<std::string_view, std::string_view> next_word(std::string_view s) {
    s = trim(s);
    const auto end = s.find_first_of(" \t\n");
    if (end == std::string_view::npos) return {s, {}};
    return {s.substr(0, end), trim(s.substr(end))};
}

std::pair<std::string, std::string_view> split_first_word(std::string_view s) {
    const auto [word, rest] = next_word(s);
    return {lower(word), rest};
}

std::string plain(std::string_view typed) {
    std::string out;
    out.reserve(typed.size());
    for (const char c : typed) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string mentioned_user(std::string_view word) {
    if (!word.starts_with("<@") || !word.ends_with(">")) return {};
    const std::string_view id = word.substr(2, word.find_first_of("|>") - 2);
    const bool valid = !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    });
    return valid ? std::string(id) : std::string();
}

std::vector<std::string> lower_words(std::string_view text) {
    std::vector<std::string> out;
    std::string word;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '\'' || u >= 0x80) {
            word += static_cast<char>(std::tolower(u));
        } else if (!word.empty()) {
            out.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

bool is_question(std::string_view text) {
    static constexpr std::string_view kAsking[] = {
        "where", "what", "whats", "when", "how", "who",    "whos", "why", "which", "can",
        "could", "do",   "does",  "is",   "are", "should", "may",  "any", "anyone"};
    std::string first;
    for (const char c : lower(split_first_word(text).first))
        if (c != '\'') first += c;  // "What's" is "whats"
    return trim(text).ends_with('?') ||
           std::find(std::begin(kAsking), std::end(kAsking), first) != std::end(kAsking);
}

std::string mention(std::string_view user_id) {
    return fmt::format(FMT_COMPILE("<@{}>"), user_id);
}

std::string channel_link(std::string_view channel) {
    if (!channel.empty() && (channel[0] == 'C' || channel[0] == 'G') &&
        std::all_of(channel.begin(), channel.end(), [](char c) {
            return std::isupper(static_cast<unsigned char>(c)) || is_digit(c);
        }))
        return fmt::format(FMT_COMPILE("<#{}>"), channel);
    return channel.starts_with('#') ? std::string(channel) : "#" + std::string(channel);
}

std::string without_controls(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') out.push_back(c);
    return out;
}

std::size_t utf8_characters(std::string_view text) {
    // Every byte but a continuation byte (10xxxxxx) starts a character.
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string utf8_prefix(std::string_view text, std::size_t bytes) {
    if (text.size() <= bytes) return std::string(text);
    // Back to the first byte of the sequence the cut falls in.
    while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
    return std::string(text.substr(0, bytes));
}

std::string describe(std::exception_ptr error) {
    try {
        if (error) std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
    }
    return "unknown error";
}

std::string days_number(double days) {
    const bool whole = days == static_cast<double>(static_cast<long long>(days));
    return whole ? fmt::format(FMT_COMPILE("{}"), static_cast<long long>(days))
                 : fmt::format(FMT_COMPILE("{:.1f}"), days);
}

std::string days_text(double days) {
    return days_number(days) + (days == 1.0 || days == 0.5 ? " day" : " days");
}

int edit_distance(std::string_view a, std::string_view b, int most) {
    if (static_cast<int>(a.size()) - static_cast<int>(b.size()) > most ||
        static_cast<int>(b.size()) - static_cast<int>(a.size()) > most)
        return most + 1;
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= n; ++i)
        for (std::size_t j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return std::min(d[n][m], most + 1);
}

}  // namespace core
