#include "storage/dedup.hpp"

#include "storage/query.hpp"

namespace storage::dedup {

std::optional<std::string> earlier_response(SQLite::Database& db, Kind kind,
                                            const std::string& key) {
    storage::Query q(db, kind == Kind::event
                             ? "SELECT response FROM processed_events WHERE event_id = :key"
                             : "SELECT response FROM interactions WHERE key = :key");
    q->bind(":key", key);
    if (q->executeStep()) return q->getColumn(0).getString();
    return std::nullopt;
}

void remember(SQLite::Database& db, Kind kind, const std::string& key, std::int64_t now_ms,
              const std::string& response) {
    storage::Query q(db, kind == Kind::event
                             ? "INSERT INTO processed_events (event_id, received_at, response) "
                               "VALUES (:key, :now, :response)"
                             : "INSERT INTO interactions (key, received_at, response) "
                               "VALUES (:key, :now, :response)");
    q->bind(":key", key);
    q->bind(":now", now_ms);
    q->bind(":response", response);
    q->exec();
}

}  // namespace storage::dedup
