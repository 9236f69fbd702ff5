#pragma once
// Each person's secret for their calendar feed (handlers/pto_calendar.cpp).

#include <cstdint>
#include <optional>
#include <string>

#include <SQLiteCpp/Database.h>

namespace storage::calendar {

std::optional<std::string> token_of(SQLite::Database& db, const std::string& person);
std::optional<std::string> person_of(SQLite::Database& db, const std::string& token);
// Gives `person` `token`, replacing any other.
void set_token(SQLite::Database& db, const std::string& person, const std::string& token,
               std::int64_t now_ms);

}  // namespace storage::calendar
