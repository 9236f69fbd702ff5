#include "storage/audit.hpp"

#include "storage/query.hpp"

namespace storage::audit {

void record(SQLite::Database& db, const Change& c) {
    Query q(db,
            "INSERT INTO audit_trail (kind, item_id, action, from_state, to_state, actor, at, "
            "note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    // Its texts are views: bound from copies that last until the insert.
    const std::string kind(core::prefix(c.kind)), action(c.action), from(c.from), to(c.to),
        actor(c.actor), note(c.note);
    bind_all(*q, kind, c.item, action, from, to, actor, c.at_ms, note);
    q->exec();
}

std::vector<Entry> history(SQLite::Database& db, core::IdKind kind, std::int64_t item) {
    Query q(db,
            "SELECT action, from_state, to_state, actor, note, at FROM audit_trail "
            "WHERE kind = :kind AND item_id = :item ORDER BY id");
    q->bind(":kind", std::string(core::prefix(kind)));
    q->bind(":item", item);
    std::vector<Entry> out;
    while (q->executeStep())
        out.push_back(Entry{q->getColumn(0).getString(), q->getColumn(1).getString(),
                            q->getColumn(2).getString(), q->getColumn(3).getString(),
                            q->getColumn(4).getString(), q->getColumn(5).getInt64()});
    return out;
}

}  // namespace storage::audit
