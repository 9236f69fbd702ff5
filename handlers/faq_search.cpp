#include "handlers/faq_search.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_map>

#include <sqlite3.h>

#include "core/json_text.hpp"
#include "handlers/faq_words.hpp"
#include "storage/stems.hpp"

namespace handlers::faq {
namespace {

namespace store = storage::faq;

// How much a question's words that an entry does not cover count against it,
// against its covered words' full weight (tuned on tests/faq).
constexpr double kMissing = 0.5;
// A word shorter than this is taken as written, never as a typo: most short
// words a FAQ does not use are other words ("best" is not "rest", "tall" not
// "all"), not misspellings of its own.
constexpr std::size_t kShortestTypo = 5;

// How many edits away a misspelling of `w` may be: one from five letters,
// two from nine.
int typo_edits(const std::string& w) {
    return w.size() >= 9 ? 2 : w.size() >= kShortestTypo ? 1 : 0;
}
// How much answering the kind of question asked (where, when, how much...)
// weighs in the order of the candidates: enough to break a near tie, never
// their confidence (tuned on tests/faq).
constexpr double kIntentBonus = 0.03;

// One thing the question asks about: its alternatives, each a word or a
// phrase (a synonym group has several).
struct Concept {
    std::vector<std::string> alternatives;
};

bool is_stop(const config::Faq& faq, const std::string& w) {
    return std::find(faq.stop_words.begin(), faq.stop_words.end(), w) != faq.stop_words.end();
}

// A word that says nothing a FAQ answers: a stop word, a letter, a number
// ("17 times 23").
bool says_nothing(const config::Faq& faq, const std::string& w) {
    return is_stop(faq, w) || w.size() < 2 ||
           w.find_first_not_of("0123456789") == std::string::npos;
}

// "home" in "my printer at home": unless an entry speaks of it too, the
// question is about somewhere else.
bool is_elsewhere(const config::Faq& faq, const std::string& w) {
    return std::find(faq.elsewhere_words.begin(), faq.elsewhere_words.end(), w) !=
           faq.elsewhere_words.end();
}

// An FTS5 query for a word or phrase: its words, each quoted, all of them
// anywhere in the entry ("who is out" finds "Who's out of the office?"), as
// coverage counts them.
std::string fts_terms(const std::string& text) {
    std::string out;
    for (const auto& w : words_of(text)) out += (out.empty() ? "\"" : " AND \"") + w + "\"";
    return "(" + out + ")";
}

using Postings = std::vector<std::uint32_t>;  // entries, ascending
using ByStem = std::unordered_map<std::string, Postings>;

// Whether entry `i` says every one of `stems`.
bool says_all(const ByStem& where, const std::vector<std::string>& stems, std::uint32_t i) {
    return std::all_of(stems.begin(), stems.end(), [&](const std::string& stem) {
        const auto it = where.find(stem);
        return it != where.end() && std::binary_search(it->second.begin(), it->second.end(), i);
    });
}

// The entries in which every one of `stems` is said, in the title or
// (all of them) in the answer.
Postings all_of(const ByStem& where, const std::vector<std::string>& stems) {
    Postings out;
    for (std::size_t i = 0; i < stems.size(); ++i) {
        const auto it = where.find(stems[i]);
        if (it == where.end()) return {};
        if (i == 0) {
            out = it->second;
            continue;
        }
        Postings both;
        std::set_intersection(out.begin(), out.end(), it->second.begin(), it->second.end(),
                              std::back_inserter(both));
        out = std::move(both);
    }
    return out;
}

// What the search derives from the entries, read once per version of the
// FAQ and database rather than per question.
struct Index {
    std::vector<store::Entry> entries;
    std::unordered_map<std::int64_t, std::size_t> by_id;
    Vocabulary vocabulary;  // the words it uses, as written
    // By stem, the entries (positions in `entries`) that say it in their
    // title (question and tags), and in their answer.
    ByStem in_title, in_answer;
    std::vector<Intent> kinds;  // by entry: the kind of question its title asks
    // The configuration's synonym groups, and each phrase's stems filed
    // under its first, in the order of the groups and their phrases.
    std::vector<std::vector<std::string>> synonyms;
    struct Phrase {
        const std::vector<std::string>* group;
        std::vector<std::string> stems;
    };
    std::unordered_map<std::string, std::vector<Phrase>> phrases;

    // The synonym group whose phrase `stems` (one per word of the question)
    // start with at `at`, the longest, and how many words it takes. Compared
    // as stems: "passes" is "pass".
    std::pair<const std::vector<std::string>*, std::size_t> group_at(
        const std::vector<std::string>& stems, std::size_t at) const {
        const std::vector<std::string>* found = nullptr;
        std::size_t taken = 0;
        const auto it = phrases.find(stems[at]);
        if (it == phrases.end()) return {found, taken};
        for (const auto& phrase : it->second) {
            const auto& parts = phrase.stems;
            if (parts.size() <= taken || at + parts.size() > stems.size()) continue;
            if (std::equal(parts.begin(), parts.end(), stems.begin() + at)) {
                found = phrase.group;
                taken = parts.size();
            }
        }
        return {found, taken};
    }
    bool knows(const std::string& stem) const {
        return in_title.count(stem) > 0 || in_answer.count(stem) > 0;
    }
};

// The stems of a word or phrase, one per word, as FTS5 makes them (a word
// it makes nothing of stays as it is).
std::vector<std::string> stems_by_word(SQLite::Database& reads, const std::string& text) {
    std::vector<std::string> out;
    for (const auto& w : words_of(text)) {
        const auto s = storage::stems(reads, w);
        out.push_back(s.empty() ? w : s.front());
    }
    return out;
}

std::shared_ptr<const Index> build(const config::Faq& faq, SQLite::Database& reads) {
    auto index = std::make_shared<Index>();
    index->entries = store::all(reads);
    std::uint32_t i = 0;
    for (const auto& e : index->entries) {
        index->by_id[e.id] = i;
        index->kinds.push_back(intent_of(words_of(e.question)));
        for (const auto* text : {&e.question, &e.tags, &e.answer})
            for (auto& w : words_of(*text)) index->vocabulary.add(std::move(w));
        // Distinct stems, so each entry is filed once under each.
        for (const auto& stem : storage::stems(reads, e.question + " " + e.tags))
            index->in_title[stem].push_back(i);
        for (const auto& stem : storage::stems(reads, e.answer))
            index->in_answer[stem].push_back(i);
        ++i;
    }
    // A misspelt synonym ("holdiay") is corrected to it, and so to its group.
    for (const auto& group : faq.synonyms)
        for (const auto& phrase : group)
            for (auto& w : words_of(phrase)) index->vocabulary.add(std::move(w));
    index->vocabulary.file();
    index->synonyms = faq.synonyms;
    for (const auto& group : index->synonyms)
        for (const auto& phrase : group) {
            auto stems = stems_by_word(reads, phrase);
            if (stems.empty()) continue;
            const std::string first = stems.front();
            index->phrases[first].push_back({&group, std::move(stems)});
        }
    return index;
}

std::shared_ptr<const Index> index_of(const config::Faq& faq, SQLite::Database& reads) {
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
        if (const auto it = cache.find(file); it != cache.end() && it->second.version == version &&
                                              it->second.index->synonyms == faq.synonyms)
            return it->second.index;
    }
    auto index = build(faq, reads);  // outside the lock: other files and readers go on
    std::lock_guard lock(mutex);
    cache[file] = {version, index};
    return index;
}

}  // namespace

void warm(const config::Faq& faq, SQLite::Database& reads) {
    index_of(faq, reads);
}

namespace {

// A candidate answer to one text: its entry, the share of the text it
// covers (the confidence), its BM25 rank and the order it is offered in.
struct Scored {
    std::size_t entry;
    double coverage;
    double rank;
    double order;
};

// The candidates for one text, best first. The words of the text the FAQ
// never uses are added to `unknown` when it is given.
std::vector<Scored> rank(const Index& index, const config::Faq& faq, SQLite::Database& reads,
                         const std::string& site, std::string_view text,
                         std::vector<std::string>* unknown_words = nullptr) {
    const auto& entries = index.entries;

    // The stems of a word, as FTS5 makes them.
    std::map<std::string, std::vector<std::string>> stem_cache;
    const auto stem_of = [&](const std::string& text) -> const std::vector<std::string>& {
        auto [it, added] = stem_cache.try_emplace(text);
        if (added) it->second = stems_by_word(reads, text);
        return it->second;
    };
    const auto words = words_of(text);
    std::vector<std::string> stems;
    for (const auto& w : words) stems.push_back(stem_of(w).empty() ? w : stem_of(w).front());
    std::vector<Concept> concepts;
    int unknown = 0;
    for (std::size_t i = 0; i < words.size();) {
        if (const auto [group, taken] = index.group_at(stems, i); group) {
            concepts.push_back({*group});
            i += taken;
            continue;
        }
        const std::string& w = words[i];
        const std::string& stem = stems[i++];
        if (says_nothing(faq, w)) continue;
        if (index.knows(stem)) {
            concepts.push_back({{w}});
            continue;
        }
        // A typo: the nearest word the FAQ uses.
        const std::string best = index.vocabulary.nearest(w, typo_edits(w));
        if (best.empty()) {
            ++unknown;
            if (unknown_words) unknown_words->push_back(w);
        } else if (const auto [group, taken] = index.group_at({stem_of(best).front()}, 0); group) {
            concepts.push_back({*group});
        } else {
            concepts.push_back({{best}});
        }
    }
    if (concepts.empty()) return {};

    // Where a concept is said: 2 in the title, 1 only in the answer, 0 not at all.
    std::vector<std::vector<std::vector<std::string>>> needs;  // concept, alternative, stems
    for (const auto& c : concepts) {
        auto& n = needs.emplace_back();
        for (const auto& alt : c.alternatives) n.push_back(storage::stems(reads, alt));
    }
    const auto where = [&](std::size_t c, std::uint32_t entry) {
        int best = 0;
        for (const auto& stems : needs[c]) {
            if (stems.empty()) continue;
            if (says_all(index.in_title, stems, entry)) return 2;
            if (says_all(index.in_answer, stems, entry)) best = 1;
        }
        return best;
    };
    // A concept most entries mention says little: weighted by its rarity.
    const double n = static_cast<double>(entries.size());
    std::vector<double> weight(concepts.size());
    // A word the FAQ never uses is the surest sign of a question it cannot
    // answer ("netflix", "peru"): it counts in full.
    const double rarest = std::log(1 + n);  // the weight of a word no entry says
    const double strange = unknown * rarest;
    double total = 0;
    for (std::size_t c = 0; c < concepts.size(); ++c) {
        // The entries that say it: every stem of an alternative in the
        // title, or every one in the answer.
        std::set<std::uint32_t> saying;
        for (const auto& stems : needs[c]) {
            if (stems.empty()) continue;
            for (const auto* where : {&index.in_title, &index.in_answer})
                for (const auto e : all_of(*where, stems)) saying.insert(e);
        }
        const auto df = static_cast<double>(saying.size());
        weight[c] = std::log(1 + n / (1 + df));
        total += weight[c];
    }

    std::string match;
    for (const auto& c : concepts)
        for (const auto& alt : c.alternatives)
            match += (match.empty() ? "" : " OR ") + fts_terms(alt);
    const auto hits = store::search(reads, site, match, 8);

    std::vector<bool> elsewhere_concept(concepts.size());
    for (std::size_t c = 0; c < concepts.size(); ++c)
        elsewhere_concept[c] = concepts[c].alternatives.size() == 1 &&
                               is_elsewhere(faq, concepts[c].alternatives.front());

    // Among entries that cover a question alike, the one that answers the
    // kind of question asked comes first.
    const Intent asked = intent_of(words);
    std::vector<Scored> scored;
    for (const auto& hit : hits) {
        const auto it = index.by_id.find(hit.id);
        if (it == index.by_id.end()) continue;
        const std::size_t i = it->second;
        double covered = 0;
        double elsewhere = 0;  // the weight of the elsewhere words it does not say
        for (std::size_t c = 0; c < concepts.size(); ++c) {
            const int said = where(c, static_cast<std::uint32_t>(i));
            covered += weight[c] * said / 2.0;
            if (said == 0 && elsewhere_concept[c]) elsewhere += rarest;
        }
        // What the entry does not cover counts against it at half weight, an
        // elsewhere word in full.
        const double missing = total - covered;
        const double coverage =
            covered > 0 ? covered / (covered + kMissing * missing + strange + elsewhere) : 0;
        const bool same_kind = asked != Intent::none && index.kinds[i] == asked;
        scored.push_back({i, coverage, hit.rank, coverage + (same_kind ? kIntentBonus : 0)});
    }
    std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
        return a.order != b.order ? a.order > b.order : a.rank < b.rank;
    });
    return scored;
}

// A question is often written with its context around it ("woke up with
// a fever, who do I tell?"): the words of the context weigh against the
// best entry as much as those of the question proper. So the best entry's
// confidence is also measured on each clause that says two things or more,
// and is the mean of the whole's and the best clause's when that is higher.
// Each clause is asked with the whole question's unknown and elsewhere
// words, so that "my home router ..., how do I reset it?" stays as far from
// the password entry as the whole question is.
double confidence_by_clause(const Index& index, const config::Faq& faq, SQLite::Database& reads,
                            const std::string& site, std::string_view question, const Scored& top,
                            std::vector<std::string> telling) {
    const double whole = top.coverage;
    double best = whole;
    const auto clauses = clauses_of(question);
    if (clauses.size() < 2) return best;
    for (const auto& w : words_of(question))
        if (is_elsewhere(faq, w)) telling.push_back(w);
    for (const auto& clause : clauses) {
        const auto own = words_of(clause);
        const auto said = std::count_if(own.begin(), own.end(),
                                        [&](const std::string& w) { return !is_stop(faq, w); });
        if (said < 2) continue;
        std::string asked = clause;
        for (const auto& w : telling)
            if (std::find(own.begin(), own.end(), w) == own.end()) asked += " " + w;
        for (const auto& s : rank(index, faq, reads, site, asked))
            if (s.entry == top.entry) best = std::max(best, (whole + s.coverage) / 2);
    }
    return best;
}

}  // namespace

Found find(const config::Faq& faq, SQLite::Database& reads, const std::string& site,
           std::string_view question) {
    const auto index = index_of(faq, reads);
    const auto& entries = index->entries;
    std::vector<std::string> unknown;
    auto scored = rank(*index, faq, reads, site, question, &unknown);
    Found found;
    if (scored.empty()) return found;
    scored.front().coverage = confidence_by_clause(*index, faq, reads, site, question,
                                                   scored.front(), std::move(unknown));
    found.confidence = scored.front().coverage;
    if (found.confidence >= faq.min_confidence) found.best = entries[scored.front().entry];
    // Related: the next candidates that cover at least half of what an
    // answer must, not whatever else shares a word.
    for (std::size_t i = found.best ? 1 : 0; i < scored.size() && found.related.size() < 3; ++i)
        if (scored[i].coverage >= faq.min_confidence / 2)
            found.related.push_back(entries[scored[i].entry]);
    return found;
}

Lesson lesson_for(const config::Faq& faq, SQLite::Database& reads, const storage::faq::Entry& e,
                  std::string_view question) {
    const auto index = index_of(faq, reads);
    const std::string said_text = e.question + " " + e.tags + " " + e.answer;
    const auto said_stems = storage::stems(reads, said_text);
    const std::set<std::string> said(said_stems.begin(), said_stems.end());
    const auto says = [&](const std::string& phrase) {
        const auto stems = stems_by_word(reads, phrase);
        return !stems.empty() && std::all_of(stems.begin(), stems.end(), [&](const auto& stem) {
            return said.count(stem) > 0;
        });
    };
    Vocabulary own;  // the entry's words, for the typos of them
    for (auto& w : words_of(said_text)) own.add(std::move(w));
    own.file();

    const auto words = words_of(question);
    std::vector<std::string> stems;
    for (const auto& w : words) stems.push_back(stems_by_word(reads, w).front());
    Lesson out;
    const auto seen = [&](const std::string& w) {
        return std::find(out.words.begin(), out.words.end(), w) != out.words.end() ||
               std::find(out.unused.begin(), out.unused.end(), w) != out.unused.end();
    };
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (says_nothing(faq, w) || seen(w) || said.count(stems[i]) > 0) continue;
        // A synonym the entry says another way ("time off" for "vacation").
        if (const auto [group, taken] = index->group_at(stems, i);
            group && std::any_of(group->begin(), group->end(), says)) {
            i += taken - 1;
            continue;
        }
        if (const int most = typo_edits(w); most > 0 && !own.nearest(w, most).empty()) continue;
        (index->knows(stems[i]) ? out.words : out.unused).push_back(w);
    }
    return out;
}

}  // namespace handlers::faq
