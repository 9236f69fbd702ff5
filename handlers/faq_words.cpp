#include "handlers/faq_words.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace handlers::faq {

bool is_word_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || u >= 0x80;
}

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> out;
    std::string word;
    for (const char c : text) {
        if (is_word_byte(c)) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!word.empty()) {
            out.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
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
        // An em or en dash (UTF-8), or a hyphen after a space.
        if (text.compare(i, 3, "\u2014") == 0 || text.compare(i, 3, "\u2013") == 0) {
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

// Damerau-Levenshtein distance (optimal string alignment), given up above `most`.
int distance(std::string_view a, std::string_view b, int most) {
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
    return d[n][m];
}

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
        const int d = distance(w, v, most);
        if (d < best_distance) {
            best_distance = d;
            best = v;
        }
    }
    return best;
}

}  // namespace handlers::faq
