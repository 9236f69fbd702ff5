#pragma once
// The words of a text as the ticket index keeps them: SQLite FTS5's own
// porter tokenizer over unicode61 (the tokenizer of ticket_text), so that a
// stem here is exactly a term FTS5 would match ("jammed" and "jam" are both
// "jam").

#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

namespace storage {

// The distinct stems of `text`, in the order they first appear. Any
// connection will do, read-only included: FTS5 is in every one.
std::vector<std::string> stems(SQLite::Database& db, std::string_view text);

}  // namespace storage
