#include "handlers/faq_search.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include <sqlite3.h>

#include "core/json_text.hpp"
#include "storage/stems.hpp"

namespace handlers::faq {
namespace {

namespace store = storage::faq;

// How much a question's words that an entry does not cover count against it,
// against its covered words' full weight (tuned on tests/faq).
constexpr double kMissing = 0.5;

// Lower-case words of letters and digits, split as FTS5's unicode61 splits
// them ("who's" is "who" and "s").
std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> out;
    std::string word;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || u >= 0x80) {
            word += static_cast<char>(std::tolower(u));
        } else if (!word.empty()) {
            out.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

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

// One thing the question asks about: its alternatives, each a word or a
// phrase (a synonym group has several).
struct Concept {
    std::vector<std::string> alternatives;
};

bool is_stop(const config::Faq& faq, const std::string& w) {
    return std::find(faq.stop_words.begin(), faq.stop_words.end(), w) != faq.stop_words.end();
}

// The synonym group whose phrase `stems` (one per word of the question)
// start with at `at`, the longest, and how many words it takes. Compared
// as stems: "passes" is "pass".
template <class Stem>
std::pair<const std::vector<std::string>*, std::size_t> group_at(
    const config::Faq& faq, const std::vector<std::string>& stems, std::size_t at, Stem& stem_of) {
    const std::vector<std::string>* found = nullptr;
    std::size_t taken = 0;
    for (const auto& group : faq.synonyms)
        for (const auto& phrase : group) {
            const auto& parts = stem_of(phrase);
            if (parts.empty() || parts.size() <= taken || at + parts.size() > stems.size())
                continue;
            if (std::equal(parts.begin(), parts.end(), stems.begin() + at)) {
                found = &group;
                taken = parts.size();
            }
        }
    return {found, taken};
}

// An FTS5 query for a word or phrase: its words, each quoted, all of them
// anywhere in the entry ("who is out" finds "Who's out of the office?"), as
// coverage counts them.
std::string fts_terms(const std::string& text) {
    std::string out;
    for (const auto& w : words_of(text)) out += (out.empty() ? "\"" : " AND \"") + w + "\"";
    return "(" + out + ")";
}

// What each entry says, as stems: its title (question and tags) and its answer.
struct Said {
    std::set<std::string> title, answer;
};

// What the search derives from the entries, read once per version of the
// FAQ and database rather than per question.
struct Index {
    std::vector<store::Entry> entries;
    std::set<std::string> vocabulary;  // the words it uses, as written
    std::vector<Said> said;            // by entry, in the order of `entries`
    std::set<std::string> known;       // every stem it uses
};

std::shared_ptr<const Index> build(SQLite::Database& reads) {
    auto index = std::make_shared<Index>();
    index->entries = store::all(reads);
    for (const auto& e : index->entries) {
        for (const auto* text : {&e.question, &e.tags, &e.answer})
            for (auto& w : words_of(*text)) index->vocabulary.insert(std::move(w));
        const auto t = storage::stems(reads, e.question + " " + e.tags);
        const auto a = storage::stems(reads, e.answer);
        index->said.push_back({{t.begin(), t.end()}, {a.begin(), a.end()}});
        index->known.insert(t.begin(), t.end());
        index->known.insert(a.begin(), a.end());
    }
    return index;
}

std::shared_ptr<const Index> index_of(SQLite::Database& reads) {
    struct Cached {
        std::int64_t version = -1;
        std::shared_ptr<const Index> index;
    };
    static std::mutex mutex;
    static std::map<std::string, Cached> cache;  // by database file
    const std::string file = sqlite3_db_filename(reads.getHandle(), "main");
    const std::int64_t version = store::version(reads);
    {
        std::lock_guard lock(mutex);
        if (const auto it = cache.find(file); it != cache.end() && it->second.version == version)
            return it->second.index;
    }
    auto index = build(reads);  // outside the lock: other files and readers go on
    std::lock_guard lock(mutex);
    cache[file] = {version, index};
    return index;
}

}  // namespace

Found find(const config::Faq& faq, SQLite::Database& reads, const std::string& site,
           std::string_view question) {
    const auto index = index_of(reads);
    const auto& entries = index->entries;
    const auto& vocabulary = index->vocabulary;
    const auto& said = index->said;
    const auto& known = index->known;

    // The stems of a word or phrase, one per word, as FTS5 makes them.
    std::map<std::string, std::vector<std::string>> stem_cache;
    const auto stem_of = [&](const std::string& text) -> const std::vector<std::string>& {
        auto [it, added] = stem_cache.try_emplace(text);
        if (added)
            for (const auto& w : words_of(text)) {
                const auto s = storage::stems(reads, w);
                it->second.push_back(s.empty() ? w : s.front());
            }
        return it->second;
    };
    const auto words = words_of(question);
    std::vector<std::string> stems;
    for (const auto& w : words) stems.push_back(stem_of(w).empty() ? w : stem_of(w).front());
    std::vector<Concept> concepts;
    int unknown = 0;
    for (std::size_t i = 0; i < words.size();) {
        if (const auto [group, taken] = group_at(faq, stems, i, stem_of); group) {
            concepts.push_back({*group});
            i += taken;
            continue;
        }
        const std::string& w = words[i];
        const std::string& stem = stems[i++];
        // Numbers say nothing a FAQ answers ("17 times 23").
        if (is_stop(faq, w) || w.size() < 2 ||
            w.find_first_not_of("0123456789") == std::string::npos)
            continue;
        if (known.count(stem)) {
            concepts.push_back({{w}});
            continue;
        }
        // A typo: the nearest word the FAQ uses, one edit away (two from nine letters).
        const int most = w.size() >= 9 ? 2 : w.size() >= 4 ? 1 : 0;
        std::string best;
        int best_distance = most + 1;
        for (const auto& v : vocabulary) {
            if (v.size() < 3) continue;
            const int d = distance(w, v, most);
            if (d < best_distance) {
                best_distance = d;
                best = v;
            }
        }
        if (best.empty()) {
            ++unknown;
        } else if (const auto [group, taken] = group_at(faq, {stem_of(best).front()}, 0, stem_of);
                   group) {
            concepts.push_back({*group});
        } else {
            concepts.push_back({{best}});
        }
    }
    Found found;
    if (concepts.empty()) return found;

    // Where a concept is said: 2 in the title, 1 only in the answer, 0 not at all.
    std::vector<std::vector<std::vector<std::string>>> needs;  // concept, alternative, stems
    for (const auto& c : concepts) {
        auto& n = needs.emplace_back();
        for (const auto& alt : c.alternatives) n.push_back(storage::stems(reads, alt));
    }
    const auto where = [&](std::size_t c, const Said& s) {
        int best = 0;
        for (const auto& stems : needs[c]) {
            if (stems.empty()) continue;
            const auto in = [&](const std::set<std::string>& set) {
                return std::all_of(stems.begin(), stems.end(),
                                   [&](const auto& x) { return set.count(x) > 0; });
            };
            if (in(s.title)) return 2;
            if (in(s.answer)) best = 1;
        }
        return best;
    };
    // A concept most entries mention says little: weighted by its rarity.
    const double n = static_cast<double>(entries.size());
    std::vector<double> weight(concepts.size());
    // A word the FAQ never uses is the surest sign of a question it cannot
    // answer ("netflix", "peru"): it counts in full.
    const double strange = unknown * std::log(1 + n);
    double total = 0;
    for (std::size_t c = 0; c < concepts.size(); ++c) {
        int df = 0;
        for (const auto& s : said) df += where(c, s) > 0 ? 1 : 0;
        weight[c] = std::log(1 + n / (1 + df));
        total += weight[c];
    }

    std::string match;
    for (const auto& c : concepts)
        for (const auto& alt : c.alternatives)
            match += (match.empty() ? "" : " OR ") + fts_terms(alt);
    const auto hits = store::search(reads, site, match, 8);

    struct Scored {
        std::size_t entry;
        double coverage;
        double rank;
    };
    std::vector<Scored> scored;
    for (const auto& hit : hits) {
        const auto it = std::find_if(entries.begin(), entries.end(),
                                     [&](const store::Entry& e) { return e.id == hit.id; });
        if (it == entries.end()) continue;
        const auto i = static_cast<std::size_t>(it - entries.begin());
        double covered = 0;
        for (std::size_t c = 0; c < concepts.size(); ++c)
            covered += weight[c] * where(c, said[i]) / 2.0;
        // What the entry does not cover counts against it at half weight.
        const double missing = total - covered;
        scored.push_back(
            {i, covered > 0 ? covered / (covered + kMissing * missing + strange) : 0, hit.rank});
    }
    std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
        return a.coverage != b.coverage ? a.coverage > b.coverage : a.rank < b.rank;
    });
    if (scored.empty()) return found;
    found.confidence = scored.front().coverage;
    if (found.confidence >= faq.min_confidence) found.best = entries[scored.front().entry];
    for (std::size_t i = found.best ? 1 : 0; i < scored.size() && found.related.size() < 3; ++i)
        found.related.push_back(entries[scored[i].entry]);
    return found;
}

}  // namespace handlers::faq
