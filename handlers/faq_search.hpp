#pragma once
// Finding the FAQ entry that answers a question as people type it: lower
// case, typos, synonyms, small words. The question becomes concepts (a word,
// a phrase, or a synonym group); a word the FAQ never uses is corrected to
// the nearest one it does (one or two edits), or counted as unknown. FTS5
// finds the candidates (BM25, question over tags over answer); the best is
// the one covering most concepts, and the share it covers, with unknown
// words counted against it, is the confidence: below the configured minimum
// the bot does not know.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "config/faq.hpp"
#include "config/site.hpp"
#include "storage/faq_store.hpp"

namespace handlers::faq {

struct Found {
    std::optional<storage::faq::Entry> best;   // none: the bot does not know
    double confidence = 0;                     // of the best candidate, answered or not
    std::vector<storage::faq::Entry> related;  // up to three others, best first
};

// The entries of `site` (and those for every site) that answer `question`;
// `sites` are the configured ones, by which learnt questions are read as
// they were searched (handlers/faq_learnt.hpp).
Found find(const config::Faq& faq, const std::vector<config::Site>& sites, SQLite::Database& reads,
           const std::string& site, std::string_view question);

// The site whose entries answer `question`: the one other site it names by
// id or by its whole name ("is the London office's wifi the same as
// here?"), else the asker's own (`own`), as when it names two others. The
// words that name it are left out of the question: they say where, not
// what, and an entry need not say its own site's name.
struct Asked {
    const config::Site* site;
    std::string question;
};
Asked asked_about(const std::vector<config::Site>& sites, const config::Site& own,
                  std::string_view question);

// What a site lead teaches entry `e` by answering `question` with it
// (`/faq answer Q-4 FAQ-3`): the question's words the entry does not say
// yet, in the order asked, each once; no stop word or number, no word whose
// stem the entry says, no synonym it says another way ("holiday" for
// "vacation"), no misspelling of a word it uses. `words` are those the FAQ
// uses elsewhere: they tie the question to this entry. `unused` are those
// no entry uses (a name, a place, a passing word): taught, they would draw
// unrelated questions to it (tests/faq/history/1-rounds-1-to-5.md), so they are only shown.
struct Lesson {
    std::vector<std::string> words, unused;
};
Lesson lesson_for(const config::Faq& faq, SQLite::Database& reads, const storage::faq::Entry& e,
                  std::string_view question);

// Derives what the search needs from the entries and what it learnt now
// (once the service listens), rather than on the first question: a few ms for an
// office's FAQ, a second or two for 10,000 entries; and starts training its
// classifier (faq_classifier.hpp) on a background thread, a second or two
// for an office's FAQ: a question asked before it is done is answered by
// the search alone. `sites` are the configured ones.
void warm(const config::Faq& faq, const std::vector<config::Site>& sites, SQLite::Database& reads);
// The same, and waits for the classifier.
void warm_and_train(const config::Faq& faq, SQLite::Database& reads);

// The classifiers trained since start-up, and how long the last took (the
// service's metrics).
struct Trainings {
    std::int64_t trained = 0;
    double last_seconds = 0;
};
Trainings classifier_trainings();

}  // namespace handlers::faq
