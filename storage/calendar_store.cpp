#include "storage/calendar_store.hpp"

#include "storage/query.hpp"

namespace storage::calendar {

std::optional<std::string> token_of(SQLite::Database& db, const std::string& person) {
    Query q(db, "SELECT token FROM calendar_tokens WHERE person = :person");
    q->bind(":person", person);
    if (!q->executeStep()) return std::nullopt;
    return q->getColumn(0).getString();
}

std::optional<std::string> person_of(SQLite::Database& db, const std::string& token) {
    Query q(db, "SELECT person FROM calendar_tokens WHERE token = :token");
    q->bind(":token", token);
    if (!q->executeStep()) return std::nullopt;
    return q->getColumn(0).getString();
}

void set_token(SQLite::Database& db, const std::string& person, const std::string& token,
               std::int64_t now_ms) {
    Query q(db,
            "INSERT INTO calendar_tokens (person, token, created_at) VALUES (:person, :token, "
            ":now) ON CONFLICT (person) DO UPDATE SET token = excluded.token, created_at = "
            "excluded.created_at");
    q->bind(":person", person);
    q->bind(":token", token);
    q->bind(":now", now_ms);
    q->exec();
}

}  // namespace storage::calendar
