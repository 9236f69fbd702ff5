#pragma once
// What the FAQ search derives from the entries, shared by the search
// (faq_search.cpp) and what it learns (faq_learnt.cpp): the words the
// entries say, by stem, and how a text reads as the search's concepts.
// Internal to handlers::faq.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "config/faq.hpp"
#include "handlers/faq_words.hpp"
#include "storage/faq_store.hpp"

namespace handlers::faq::detail {

// A word shorter than this is taken as written, never as a typo: most short
// words a FAQ does not use are other words ("best" is not "rest", "tall" not
// "all"), not misspellings of its own.
constexpr std::size_t kShortestTypo = 5;

// How many edits away a misspelling of `w` may be: one from five letters,
// two from nine.
int typo_edits(const std::string& w);

// One thing the question asks about: its alternatives, each a word or a
// phrase (a synonym group has several).
struct Concept {
    std::vector<std::string> alternatives;
};

bool is_stop(const config::Faq& faq, const std::string& w);
// A word that says nothing a FAQ answers: a stop word, a letter, a number
// ("17 times 23").
bool says_nothing(const config::Faq& faq, const std::string& w);
// "home" in "my printer at home": unless an entry speaks of it too, the
// question is about somewhere else.
bool is_elsewhere(const config::Faq& faq, const std::string& w);

using Postings = std::vector<std::uint32_t>;  // entries, ascending
using ByStem = std::unordered_map<std::string, Postings>;

// Whether entry `i` says every one of `stems`.
bool says_all(const ByStem& where, const std::vector<std::string>& stems, std::uint32_t i);
// The entries in which every one of `stems` is said, in the title or
// (all of them) in the answer.
Postings all_of(const ByStem& where, const std::vector<std::string>& stems);

// What the search derives from the entries, read once per version of the
// FAQ and database rather than per question.
struct Index {
    std::int64_t version = -1;  // of the entries (storage::faq::version)
    std::vector<storage::faq::Entry> entries;
    std::unordered_map<std::int64_t, std::size_t> by_id;
    std::unordered_map<std::string, std::int64_t> id_by_key;  // of the entries with a key

    // The entry a configured example is of: 0 for one no entry answers,
    // none when no entry has its key (any more).
    std::optional<std::int64_t> entry_of(const config::Faq::Example& x) const {
        if (x.entry.empty()) return 0;
        const auto it = id_by_key.find(x.entry);
        if (it == id_by_key.end()) return std::nullopt;
        return it->second;
    }
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
    // The configuration's stop words, and by stem the length of the
    // shortest.
    std::vector<std::string> stop_words;
    std::unordered_map<std::string, std::size_t> stop_stems;

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
    // Whether a word the FAQ never uses is a longer form of a stop word
    // ("requires", "sundays", "possibility"): it says nothing either. Not
    // a shorter one: "sitting" says nothing in "my laptop is just sitting
    // there", "sit" does in "where do I sit". Nor a misspelling of one:
    // "fever" is one letter from "never", "brother" from "bother".
    bool says_nothing_either(const std::string& word, const std::string& stem) const {
        const auto it = stop_stems.find(stem);
        return it != stop_stems.end() && word.size() >= it->second;
    }
};

// The stems of a word or phrase, one per word, as FTS5 makes them (a word
// it makes nothing of stays as it is).
std::vector<std::string> stems_by_word(SQLite::Database& reads, const std::string& text);

// The index of the entries now in `reads`, built once per version of the
// FAQ (and of its synonyms and stop words) and database file.
std::shared_ptr<const Index> index_of(const config::Faq& faq, SQLite::Database& reads);

// A text read as concepts, with the stems each alternative needs and each
// concept's weight (its rarity in the FAQ).
struct Read {
    std::vector<Concept> concepts;
    std::vector<std::vector<std::vector<std::string>>> needs;  // concept, alternative, stems
    std::vector<double> weight;
    double total = 0;
    int unknown = 0;
    std::vector<std::string> unknown_stems;
};

// How `words` read as the search's concepts; the words the FAQ never uses
// are added to `unknown_words` when it is given.
Read read_concepts(const Index& index, const config::Faq& faq, SQLite::Database& reads,
                   const std::vector<std::string>& words, std::vector<std::string>* unknown_words);

// A text's concepts as the search reads it, for comparing two questions:
// each as a key (a synonym group, a word's stems, or a word the FAQ never
// uses) and its weight (its rarity in the FAQ; a word it never uses weighs
// as the rarest). Each key once.
struct Weighted {
    std::string key;
    double weight;
};
std::vector<Weighted> concepts_of(const Index& index, const config::Faq& faq,
                                  SQLite::Database& reads, std::string_view text);
// The same of a text the search has read already.
std::vector<Weighted> weighted(const Index& index, const Read& read);

}  // namespace handlers::faq::detail
