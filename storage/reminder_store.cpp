#include "storage/reminder_store.hpp"

#include "storage/query.hpp"

namespace storage::reminders {

int sent(SQLite::Database& db, std::string_view kind, std::int64_t id) {
    Query q(db, "SELECT sent FROM reminders WHERE kind = :kind AND item_id = :id");
    q->bind(":kind", std::string(kind));
    q->bind(":id", id);
    return q->executeStep() ? q->getColumn(0).getInt() : 0;
}

void set_sent(SQLite::Database& db, std::string_view kind, std::int64_t id, int sent) {
    Query q(db,
            "INSERT INTO reminders (kind, item_id, sent) VALUES (:kind, :id, :sent) "
            "ON CONFLICT (kind, item_id) DO UPDATE SET sent = excluded.sent");
    q->bind(":kind", std::string(kind));
    q->bind(":id", id);
    q->bind(":sent", sent);
    q->exec();
}

}  // namespace storage::reminders
