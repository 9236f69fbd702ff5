#pragma once
// Small text helpers shared by every layer: words, mentions, days, errors.

#include <cctype>
#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace core {

// The ASCII classes of one byte of text (in the C locale: no byte of a UTF-8
// sequence is in any of them).
inline bool is_digit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}
inline bool is_alpha(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
inline bool is_alnum(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
inline bool is_space(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

std::string_view trim(std::string_view s);
std::string lower(std::string_view s);
// ("EUR", "30 meals") from "EUR 30 meals": the first word as typed, and the
// rest, trimmed.
std::pair<std::string_view, std::string_view> next_word(std::string_view s);
// The words of `text` in lower case, split at anything but letters, digits
// and apostrophes ("I'm off-sick" is "i'm", "off", "sick").
std::vector<std::string> lower_words(std::string_view text);
// ("pto", "dec 21") from "PTO dec 21": the first word in lower case.
std::pair<std::string, std::string_view> split_first_word(std::string_view s);

std::string mention(std::string_view user_id);  // <@U123>
// A channel id as Slack's link to it ("<#C123>"); a name as "#name".
std::string channel_link(std::string_view channel);
// "U123" from "<@U123>" or "<@U123|ana>", as Slack writes a mention; empty
// for anything else.
std::string mentioned_user(std::string_view word);
// Text someone typed, shown in a Slack message as typed: &, < and > escaped
// (Slack's own rule), so that "<!channel>" in a report pings nobody.
std::string plain(std::string_view typed);
// Input as typed, without the C0 control characters other than tab and new
// line (they never mean anything in a chat message, and \x01 marks the slots
// of prepared messages).
std::string without_controls(std::string_view s);
// At most `bytes` of `text`, never cutting a UTF-8 sequence in half.
std::string utf8_prefix(std::string_view text, std::size_t bytes);
// The characters (code points) of UTF-8 `text`, as Slack counts its limits.
std::size_t utf8_characters(std::string_view text);
// What went wrong, for a log line: the exception's what(), or "unknown error".
std::string describe(std::exception_ptr error);
// Written as a question: it ends with a question mark or starts with a
// question word ("where is the wifi password", "can I park here?").
bool is_question(std::string_view text);
// The edits (a letter added, dropped or changed, two neighbours swapped)
// that make `a` into `b`: the Damerau-Levenshtein distance of optimal
// string alignment; `most` + 1 for anything farther than `most`.
int edit_distance(std::string_view a, std::string_view b, int most);
// "1", "0.5", "2.5"
std::string days_number(double days);
// "1 day", "0.5 day", "2.5 days", "3 days", "0 days"
std::string days_text(double days);

}  // namespace core
