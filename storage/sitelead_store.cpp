#include "storage/sitelead_store.hpp"

#include "storage/query.hpp"

namespace storage::sitelead {

std::vector<Approved> expenses_approved(SQLite::Database& db, const std::string& site,
                                        std::int64_t from_ms, std::int64_t to_ms) {
    Query q(db,
            "SELECT e.category, e.currency, count(*), sum(e.amount_minor) FROM expenses e WHERE "
            "e.site = :site AND EXISTS (SELECT 1 FROM audit_trail a WHERE a.kind = 'EXP' AND "
            "a.item_id = e.id AND a.to_state = 'approved' AND a.at >= :from AND a.at < :to) "
            "GROUP BY 1, 2 ORDER BY 1, 2");
    q->bind(":site", site);
    q->bind(":from", from_ms);
    q->bind(":to", to_ms);
    std::vector<Approved> out;
    while (q->executeStep())
        out.push_back({q->getColumn(0).getString(), q->getColumn(1).getString(),
                       q->getColumn(2).getInt(), q->getColumn(3).getInt64()});
    return out;
}

std::vector<TicketTimes> ticket_times(SQLite::Database& db, const std::string& site,
                                      std::int64_t from_ms, std::int64_t to_ms) {
    Query q(db,
            "SELECT t.id, t.priority, t.created_at, "
            "coalesce((SELECT min(a.at) FROM audit_trail a WHERE a.kind = 'OFC' AND a.item_id = "
            "t.id AND a.to_state = 'acknowledged'), 0), "
            "coalesce((SELECT min(a.at) FROM audit_trail a WHERE a.kind = 'OFC' AND a.item_id = "
            "t.id AND a.to_state = 'resolved'), 0) "
            "FROM tickets t WHERE t.site = :site AND t.created_at < :to AND (t.created_at >= "
            ":from OR t.id IN (SELECT a.item_id FROM audit_trail a WHERE a.kind = 'OFC' AND a.at "
            ">= :from AND a.at < :to)) ORDER BY t.id");
    q->bind(":site", site);
    q->bind(":from", from_ms);
    q->bind(":to", to_ms);
    std::vector<TicketTimes> out;
    while (q->executeStep())
        out.push_back({q->getColumn(0).getInt64(), q->getColumn(1).getString(),
                       q->getColumn(2).getInt64(), q->getColumn(3).getInt64(),
                       q->getColumn(4).getInt64()});
    return out;
}

}  // namespace storage::sitelead
