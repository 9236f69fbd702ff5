#pragma once
// The scheduler's memory: per job, the instant up to which its occurrences
// are handled (table scheduler_runs).

#include <cstdint>
#include <string>

#include <SQLiteCpp/Database.h>

namespace storage::schedule {

// Records `at` for a job seen for the first time; returns what is recorded.
std::int64_t first_seen(SQLite::Database& db, const std::string& job, std::int64_t at_ms);

// Claims the occurrence due at `due_ms`: false when a run already handled it
// (or a later one).
bool claim(SQLite::Database& db, const std::string& job, std::int64_t due_ms);

}  // namespace storage::schedule
