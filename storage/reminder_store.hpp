#pragma once
// How far the reminders of each request waiting for a decision have gone
// (handlers/reminders.hpp): a count per kind and id, 0 when none was sent.

#include <cstdint>
#include <string_view>

#include <SQLiteCpp/Database.h>

namespace storage::reminders {

int sent(SQLite::Database& db, std::string_view kind, std::int64_t id);
void set_sent(SQLite::Database& db, std::string_view kind, std::int64_t id, int sent);

}  // namespace storage::reminders
