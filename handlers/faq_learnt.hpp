#pragma once
// What the FAQ has learnt from whole questions (storage::faq::learnt): the
// questions its answers helped, as their askers rated them, and those site
// leads answered, with an entry or in words; and the configured examples
// (config::Faq::examples), each for every site. A new question as near to one
// of them as to be the same question asked another way gets what that one
// got: the entry, or "don't know" for a question no entry answers (so that
// it goes to the site lead, as the first did). Words learnt as tags
// (lesson_for) tie single words to an entry; a whole question keeps which
// words go together. Measured in tests/faq/history/1-rounds-1-to-5.md.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <SQLiteCpp/Database.h>

#include "config/faq.hpp"
#include "config/site.hpp"
#include "handlers/faq_index.hpp"

namespace handlers::faq {

// How near a learnt question must be (the share of each question's weight
// that the other says, the lesser of the two; tuned on tests/faq).
constexpr double kLearntNearness = 0.5;

struct Nearest {
    std::int64_t entry_id = 0;  // 0: a question no entry answers
    double nearness = 0;
};
// The learnt question nearest `question` (as the search read it against
// `index`), asked about `site`'s entries, if one is at least kLearntNearness
// near. A learnt question is read as it was searched (handlers::faq::
// asked_about over `sites`): about the site it names, without the words that
// name it. One no entry answers counts only for the site it asked about: no
// entry of that site answered it, which says nothing of another's. Reads on
// `reads`; what it derives is kept until the FAQ or what it has learnt
// changes.
std::optional<Nearest> nearest_learnt(const config::Faq& faq,
                                      const std::vector<config::Site>& sites,
                                      SQLite::Database& reads, const detail::Index& index,
                                      const std::string& site, const detail::Read& question);

// Derives the learnt questions (and the configured examples) as the search
// reads them now, at start-up, rather than on the first question: most of a
// second for the benchmark's 1,500 examples of 10,000 entries.
void warm_learnt(const config::Faq& faq, const std::vector<config::Site>& sites,
                 SQLite::Database& reads, const detail::Index& index);

}  // namespace handlers::faq
