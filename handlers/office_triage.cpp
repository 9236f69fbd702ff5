#include "handlers/office_triage.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/message.hpp"
#include "core/text.hpp"

namespace handlers::office {
namespace {

// Lower case, letters and digits only (an apostrophe is dropped: "can't" is
// "cant"), one space between words and one at each end, so that " word" finds
// a word's start.
std::string normalized(std::string_view text) {
    std::string out = " ";
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\'') continue;
        if (std::isalnum(u) || u >= 0x80)
            out += static_cast<char>(std::tolower(u));
        else if (out.back() != ' ')
            out += ' ';
    }
    if (out.back() != ' ') out += ' ';
    return out;
}

// A word or phrase of the lists in `text` (normalized): at a word's start,
// and ending a word, or, for a word of four letters or more, starting one
// ("leak" in "leaking", "print" in "printer").
bool mentions(const std::string& text, std::string_view word) {
    // The configuration's words are lower case already: most need no
    // normalizing (this runs for every word of every list, per report).
    const bool plain = !word.empty() && word.front() != ' ' && word.back() != ' ' &&
                       std::all_of(word.begin(), word.end(), [](char c) {
                           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ';
                       });
    std::string normal;
    if (!plain) {
        normal = normalized(word);            // " word "
        if (normal.size() < 3) return false;  // nothing but punctuation
        word = std::string_view(normal).substr(1, normal.size() - 2);
    }
    for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
        if (text[at - 1] != ' ') continue;  // text starts with a space: at >= 1
        const char next = text[at + word.size()];
        if (next == ' ' || (next == 's' && text[at + word.size() + 1] == ' ')) return true;
        if (word.size() >= 4 && word.find(' ') == std::string_view::npos) return true;
    }
    return false;
}

bool any_of(const std::string& text, const std::vector<std::string>& words) {
    return std::any_of(words.begin(), words.end(),
                       [&](const std::string& w) { return mentions(text, w); });
}

std::string names_of(const config::Office& office) {
    std::string out;
    for (const auto& c : office.categories) out += "`#" + c.name + "`, ";
    return out + "`#other`";
}

}  // namespace

Triage triage(const config::Office& office, std::string_view report) {
    Triage t;
    std::string given_category;
    std::optional<config::Priority> given_priority;
    for (std::string_view rest = report; !core::trim(rest).empty();) {
        const auto [word, next] = core::next_word(rest);
        rest = next;
        if (word.size() > 1 && word.front() == '#') {
            given_category = core::lower(word.substr(1));
            const bool known = given_category == "other" ||
                               std::any_of(office.categories.begin(), office.categories.end(),
                                           [&](const config::OfficeCategory& c) {
                                               return c.name == given_category;
                                           });
            if (!known)
                throw core::Refusal(
                    fmt::format("`{}` is not a category: use one of {}.", word, names_of(office)),
                    "category");
            continue;
        }
        if (word.size() > 1 && word.front() == '!') {
            given_priority = config::parse_priority(word.substr(1));
            if (!given_priority)
                throw core::Refusal(
                    fmt::format(
                        "`{}` is not a priority: use `!low`, `!normal`, `!high` or `!urgent`.",
                        word),
                    "priority");
            continue;
        }
        if (!t.description.empty()) t.description += ' ';
        t.description += word;
    }
    const std::string text = normalized(t.description);

    if (!given_category.empty()) {
        t.category = given_category;
    } else {
        // A word of safety makes it a safety report, whatever else it
        // mentions; otherwise the category whose words match the most text
        // (a longer word says more: "keyboard" over "key"), the first listed
        // on a tie.
        std::size_t best = 0;
        t.category = "other";
        for (const auto& c : office.categories) {
            std::size_t score = 0;
            for (const auto& w : c.words)
                if (mentions(text, w)) score += w.size();
            if (score > 0 && c.name == "safety") {
                t.category = c.name;
                break;
            }
            if (score > best) {
                best = score;
                t.category = c.name;
            }
        }
    }
    if (given_priority)
        t.priority = *given_priority;
    else if (any_of(text, office.urgent_words))
        t.priority = config::Priority::urgent;
    else if (any_of(text, office.high_words))
        t.priority = config::Priority::high;
    else if (any_of(text, office.low_words))
        t.priority = config::Priority::low;
    // Safety is never below high, unless the report says otherwise itself.
    if (!given_priority && t.category == "safety" && t.priority < config::Priority::high)
        t.priority = config::Priority::high;
    return t;
}

}  // namespace handlers::office
