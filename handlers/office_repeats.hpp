#pragma once
// Whether a new office report repeats a ticket still open at its site: "the
// 3rd floor printer is jammed again" repeats "printer on 3F jammed";
// "kitchen tap leaking" does not.
//
// A plain index of the open tickets' stems (storage::office::may_repeat)
// says first whether any open ticket of the site shares two of the report's
// words; only then does FTS5 find those sharing words with it and rank them
// by BM25. The first is taken when they share at least two significant
// words that name a thing, not a place ("printer", "jammed"; not "2nd",
// "floor"), and half of the shorter report's words (a fixed BM25 threshold
// does not work: BM25's values swing with how many tickets a site has,
// -0.98 for a clear repeat among three).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "storage/office_store.hpp"

namespace handlers::office {

// The words that say what a report is about: lower case, without the small
// words every report has ("the", "is", "again", "please").
std::vector<std::string> significant_words(std::string_view text);

std::optional<storage::office::Ticket> repeat_of(SQLite::Database& reads, const std::string& site,
                                                 std::string_view report);

}  // namespace handlers::office
