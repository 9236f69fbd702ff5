#include "handlers/faq_words.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/text.hpp"

namespace handlers::faq {

namespace {

// Unicode's punctuation, symbols and emoji outside Latin-1, by block: what
// unicode61 does not count as a letter or digit there.
bool is_symbol_block(char32_t c) {
    return (c >= 0x2000 && c <= 0x2BFF) ||    // punctuation (dashes, curly quotes), currency,
                                              // arrows, maths, shapes, dingbats
           (c >= 0x3000 && c <= 0x303F) ||    // CJK punctuation
           (c >= 0xFE00 && c <= 0xFE0F) ||    // variation selectors (emoji style)
           (c >= 0xFE30 && c <= 0xFE6F) ||    // CJK compatibility and small forms
           (c >= 0xFF01 && c <= 0xFF0F) ||    // full-width punctuation
           (c >= 0x1F000 && c <= 0x1FAFF) ||  // emoji, playing cards, mahjong tiles
           c >= 0xE0000;                      // tags (flag emoji)
}

// The code point that starts at text[i] and its length in bytes. A byte
// that starts no valid sequence is a character of its own, a letter: text
// that is not UTF-8 is read as the bytes it is.
std::pair<char32_t, std::size_t> code_point_at(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b = byte(i);
    const std::size_t length = b < 0x80           ? 1
                               : (b >> 5) == 0x6  ? 2
                               : (b >> 4) == 0xE  ? 3
                               : (b >> 3) == 0x1E ? 4
                                                  : 0;
    if (length == 0 || i + length > text.size()) return {b, 1};
    char32_t c = length == 1 ? b : b & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return {b, 1};
        c = (c << 6) | (byte(i + k) & 0x3F);
    }
    return {c, length};
}

// A Slack emoji code at text[i] (":sweat_smile:", ":+1:", ":skin-tone-2:"):
// how Slack writes an emoji in a message's text. Its length, or 0.
std::size_t emoji_code_at(std::string_view text, std::size_t i) {
    if (text[i] != ':') return 0;
    bool letter = false;
    for (std::size_t k = i + 1; k < text.size(); ++k) {
        const auto c = static_cast<unsigned char>(text[k]);
        if (c == ':') {
            const auto code = text.substr(i + 1, k - i - 1);
            return letter || code == "+1" || code == "-1" ? k + 1 - i : 0;  // thumbs up, down
        }
        if (std::islower(c))
            letter = true;
        else if (!std::isdigit(c) && c != '_' && c != '+' && c != '-')
            return 0;
    }
    return 0;
}

// Slack's markup at text[i], as it writes a mention, a channel, a special
// mention or a link in a message's text ("<@U024BE7LH>", "<#C01|general>",
// "<!here>", "<https://example.com|the wiki>"): whom or where a question
// names says nothing of what it asks. Its length, or 0.
std::size_t markup_at(std::string_view text, std::size_t i) {
    if (text[i] != '<' || i + 1 >= text.size()) return 0;
    const auto end = text.find('>', i + 1);
    if (end == std::string_view::npos) return 0;
    const auto inside = text.substr(i + 1, end - i - 1);
    const auto target = inside.substr(0, inside.find('|'));
    if (target.empty() || target.find_first_of(" \t\n<") != std::string_view::npos) return 0;
    const bool names = target[0] == '@' || target[0] == '#' || target[0] == '!';
    const bool link = target.starts_with("http://") || target.starts_with("https://") ||
                      target.starts_with("mailto:") || target.starts_with("tel:");
    return names || link ? end + 1 - i : 0;
}

// The length in bytes of the letter or digit (of any script) that starts at
// text[i], or 0 when none does.
std::size_t word_char_at(std::string_view text, std::size_t i) {
    const auto [c, length] = code_point_at(text, i);
    if (c < 0x80) return std::isalnum(static_cast<int>(c)) ? 1 : 0;
    if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA ? length : 0;  // ª µ º
    if (c == 0xD7 || c == 0xF7 || is_symbol_block(c)) return 0;             // × ÷
    return length;
}

// The length of what starts at text[i] and is no word: a character, or an
// emoji, a mention or a link as Slack writes it.
std::size_t separator_at(std::string_view text, std::size_t i) {
    if (const std::size_t code = emoji_code_at(text, i)) return code;
    if (const std::size_t markup = markup_at(text, i)) return markup;
    return code_point_at(text, i).second;
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> word_spans(std::string_view text) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t end = i;
        for (std::size_t n; end < text.size() && (n = word_char_at(text, end)) > 0;) end += n;
        if (end > i) out.emplace_back(i, end);
        i = end < text.size() ? end + separator_at(text, end) : end;
    }
    return out;
}

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& [begin, end] : word_spans(text))
        out.push_back(core::lower(text.substr(begin, end - begin)));
    return out;
}

std::string with_tags(std::string_view tags, const std::vector<std::string>& words) {
    std::string out(tags);
    auto had = words_of(tags);
    for (const auto& w : words)
        if (std::find(had.begin(), had.end(), w) == had.end()) {
            out += (out.empty() ? "" : " ") + w;
            had.push_back(w);
        }
    return out;
}

std::vector<std::string> clauses_of(std::string_view text) {
    std::vector<std::string> out;
    std::string part;
    const auto close = [&] {
        if (!part.empty()) out.push_back(std::move(part));
        part.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        // An emoji's code is no punctuation: its colons close no clause.
        if (const std::size_t code = emoji_code_at(text, i)) {
            part += ' ';
            i += code - 1;
        } else if (text.compare(i, 3, "\u2014") == 0 || text.compare(i, 3, "\u2013") == 0) {
            // An em or en dash (UTF-8), or a hyphen after a space.
            close();
            i += 2;
        } else if (c == '?' || c == '!' || c == '.' || c == ',' || c == ';' || c == ':' ||
                   (c == '-' && i > 0 && text[i - 1] == ' ')) {
            close();
        } else {
            part += c;
        }
    }
    close();
    return out;
}

Intent intent_of(const std::vector<std::string>& words) {
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        const std::string next = i + 1 < words.size() ? words[i + 1] : std::string();
        if (w == "where") return Intent::where;
        if (w == "when") return Intent::when;
        if (w == "who" || w == "whom") return Intent::who;
        if (w == "how") {
            if (next == "much" || next == "many") return Intent::how_much;
            if (next == "long" || next == "soon") return Intent::when;
            return Intent::how;
        }
        if (w == "what" || w == "which" || w == "whats") {
            if (next == "time" || next == "day") return Intent::when;
            return Intent::what;
        }
        if ((w == "is" || w == "are") && next == "there") return Intent::is_there;
        if (w == "can" || w == "may" || w == "could") return Intent::can;
    }
    return Intent::none;
}

namespace {

// `w` and what remains of it with up to `most` letters deleted.
std::set<std::string> deletions(const std::string& w, int most) {
    std::set<std::string> out{w};
    std::vector<std::string> edge{w};
    for (int round = 0; round < most; ++round) {
        std::vector<std::string> next;
        for (const auto& x : edge)
            for (std::size_t i = 0; i < x.size(); ++i) {
                std::string shorter = x.substr(0, i) + x.substr(i + 1);
                if (out.insert(shorter).second) next.push_back(std::move(shorter));
            }
        edge = std::move(next);
    }
    return out;
}

}  // namespace

void Vocabulary::file() {
    std::sort(sorted_.begin(), sorted_.end());
    sorted_.erase(std::unique(sorted_.begin(), sorted_.end()), sorted_.end());
    for (std::uint32_t i = 0; i < sorted_.size(); ++i)
        for (const auto& key : deletions(sorted_[i], sorted_[i].size() >= 7 ? 2 : 1))
            near_[key].push_back(i);
}

std::string Vocabulary::nearest(const std::string& w, int most) const {
    std::set<std::uint32_t> candidates;
    for (const auto& key : deletions(w, most))
        if (const auto it = near_.find(key); it != near_.end())
            candidates.insert(it->second.begin(), it->second.end());
    std::string best;
    int best_distance = most + 1;
    for (const auto i : candidates) {  // ascending: alphabetical
        const std::string& v = sorted_[i];
        if (v.size() < 3) continue;
        const int d = core::edit_distance(w, v, most);
        if (d < best_distance) {
            best_distance = d;
            best = v;
        }
    }
    return best;
}

}  // namespace handlers::faq
