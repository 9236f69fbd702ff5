#pragma once
// Exactly once for Slack's retries: the first answer to an Events API event
// (by event_id) or to a button press (by who pressed what on which message)
// is remembered, and a repeat gets it again instead of a second effect.

#include <cstdint>
#include <optional>
#include <string>

#include <SQLiteCpp/Database.h>

namespace storage::dedup {

enum class Kind {
    event,        // processed_events, keyed by Slack's event_id
    interaction,  // interactions, keyed by user, message, action and value
};

std::optional<std::string> earlier_response(SQLite::Database& db, Kind kind,
                                            const std::string& key);
void remember(SQLite::Database& db, Kind kind, const std::string& key, std::int64_t now_ms,
              const std::string& response);

}  // namespace storage::dedup
