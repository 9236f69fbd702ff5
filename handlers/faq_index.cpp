#include "handlers/faq_index.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <set>

#include <sqlite3.h>

#include "handlers/faq_classifier.hpp"
#include "handlers/faq_learnt.hpp"
#include "handlers/faq_search.hpp"
#include "storage/stems.hpp"

namespace handlers::faq {
namespace detail {

namespace store = storage::faq;

// How many edits away a misspelling of `w` may be: one from five letters,
// two from nine.
int typo_edits(const std::string& w) {
    return w.size() >= 9 ? 2 : w.size() >= kShortestTypo ? 1 : 0;
}

bool is_stop(const config::Faq& faq, const std::string& w) {
    return std::find(faq.stop_words.begin(), faq.stop_words.end(), w) != faq.stop_words.end();
}

// A word that says nothing a FAQ answers: a stop word, a letter, a number
// ("17 times 23"), a time or an ordinal ("at 9am", "the 3rd floor").
bool says_nothing(const config::Faq& faq, const std::string& w) {
    if (is_stop(faq, w) || w.size() < 2) return true;
    const auto digits = w.find_first_not_of("0123456789");
    if (digits == std::string::npos) return true;
    if (digits == 0) return false;
    const std::string_view rest = std::string_view(w).substr(digits);
    for (const std::string_view suffix : {"am", "pm", "st", "nd", "rd", "th"})
        if (rest == suffix) return true;
    return false;
}

// "home" in "my printer at home": unless an entry speaks of it too, the
// question is about somewhere else.
bool is_elsewhere(const config::Faq& faq, const std::string& w) {
    return std::find(faq.elsewhere_words.begin(), faq.elsewhere_words.end(), w) !=
           faq.elsewhere_words.end();
}

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

namespace {

std::shared_ptr<const Index> build(const config::Faq& faq, SQLite::Database& reads,
                                   std::int64_t version) {
    auto index = std::make_shared<Index>();
    index->version = version;
    index->entries = store::all(reads);
    std::uint32_t i = 0;
    for (const auto& e : index->entries) {
        index->by_id[e.id] = i;
        if (!e.key.empty()) index->id_by_key.emplace(e.key, e.id);
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
    index->stop_words = faq.stop_words;
    for (const auto& w : faq.stop_words)
        for (const auto& stem : stems_by_word(reads, w)) {
            const auto [at, added] = index->stop_stems.try_emplace(stem, w.size());
            if (!added) at->second = std::min(at->second, w.size());
        }
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

}  // namespace

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
                                              it->second.index->synonyms == faq.synonyms &&
                                              it->second.index->stop_words == faq.stop_words)
            return it->second.index;
    }
    auto index = build(faq, reads, version);  // outside the lock: other files and readers go on
    std::lock_guard lock(mutex);
    cache[file] = {version, index};
    return index;
}

Read read_concepts(const Index& index, const config::Faq& faq, SQLite::Database& reads,
                   const std::vector<std::string>& words, std::vector<std::string>* unknown_words) {
    const auto& entries = index.entries;
    Read out;
    auto& concepts = out.concepts;
    int& unknown = out.unknown;
    // The stems of a word, as FTS5 makes them.
    std::map<std::string, std::vector<std::string>> stem_cache;
    const auto stem_of = [&](const std::string& text) -> const std::vector<std::string>& {
        auto [it, added] = stem_cache.try_emplace(text);
        if (added) it->second = stems_by_word(reads, text);
        return it->second;
    };
    std::vector<std::string> stems;
    for (const auto& w : words) stems.push_back(stem_of(w).empty() ? w : stem_of(w).front());
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
        if (best.empty() && index.says_nothing_either(w, stem)) continue;
        if (best.empty()) {
            ++unknown;
            out.unknown_stems.push_back(stem);
            if (unknown_words) unknown_words->push_back(w);
        } else if (const auto [group, taken] = index.group_at({stem_of(best).front()}, 0); group) {
            concepts.push_back({*group});
        } else {
            concepts.push_back({{best}});
        }
    }

    // Where a concept is said: 2 in the title, 1 only in the answer, 0 not at all.
    auto& needs = out.needs;
    for (const auto& c : concepts) {
        auto& n = needs.emplace_back();
        for (const auto& alt : c.alternatives) n.push_back(storage::stems(reads, alt));
    }
    // A concept most entries mention says little: weighted by its rarity.
    const double n = static_cast<double>(entries.size());
    auto& weight = out.weight;
    weight.resize(concepts.size());
    double& total = out.total;
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

    return out;
}

std::vector<Weighted> concepts_of(const Index& index, const config::Faq& faq,
                                  SQLite::Database& reads, std::string_view text) {
    return weighted(index, read_concepts(index, faq, reads, words_of(text), nullptr));
}

std::vector<Weighted> weighted(const Index& index, const Read& read) {
    std::vector<Weighted> out;
    const auto add = [&](std::string key, double weight) {
        for (const auto& w : out)
            if (w.key == key) return;
        out.push_back({std::move(key), weight});
    };
    for (std::size_t c = 0; c < read.concepts.size(); ++c) {
        const auto& alts = read.concepts[c].alternatives;
        std::string key;
        if (alts.size() > 1) {
            key = "g:" + alts.front() + "|" + alts.back();
        } else {
            key = "w:";
            for (const auto& s : read.needs[c].front()) key += s + " ";
        }
        add(key, read.weight[c]);
    }
    const double rarest = std::log(1 + static_cast<double>(index.entries.size()));
    for (const auto& s : read.unknown_stems) add("u:" + s, rarest);
    return out;
}

}  // namespace detail

void warm(const config::Faq& faq, const std::vector<config::Site>& sites, SQLite::Database& reads) {
    const auto index = detail::index_of(faq, reads);
    classifier_of(faq, reads, *index, /*wait=*/false);
    warm_learnt(faq, sites, reads, *index);
}

void warm_and_train(const config::Faq& faq, SQLite::Database& reads) {
    classifier_of(faq, reads, *detail::index_of(faq, reads), /*wait=*/true);
}

}  // namespace handlers::faq
