#include "storage/announcement_store.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/ids.hpp"
#include "storage/query.hpp"

namespace storage::announcement {
namespace {

constexpr const char* kColumns =
    "id, site, author, text, channel, dm, state, due_at, created_at, messages, dms_until";

Announcement read(SQLite::Statement& q) {
    Announcement a;
    a.id = q.getColumn(0).getInt64();
    a.site = q.getColumn(1).getString();
    a.author = q.getColumn(2).getString();
    a.text = q.getColumn(3).getString();
    a.channel = q.getColumn(4).getString();
    a.dm = q.getColumn(5).getInt() != 0;
    a.state = q.getColumn(6).getString();
    a.due_at = q.getColumn(7).getInt64();
    a.created_at = q.getColumn(8).getInt64();
    a.messages = q.getColumn(9).getInt();
    a.dms_until = q.getColumn(10).getInt64();
    return a;
}

std::vector<Announcement> read_all(SQLite::Statement& q) {
    std::vector<Announcement> out;
    while (q.executeStep()) out.push_back(read(q));
    return out;
}

}  // namespace

std::int64_t add(SQLite::Database& db, const Announcement& a) {
    Query q(db,
            "INSERT INTO announcements (site, author, text, channel, dm, state, due_at, "
            "created_at, messages, dms_until) VALUES (:site, :author, :text, :channel, :dm, "
            ":state, :due, :now, :messages, :until)");
    q->bind(":site", a.site);
    q->bind(":author", a.author);
    q->bind(":text", a.text);
    q->bind(":channel", a.channel);
    q->bind(":dm", a.dm ? 1 : 0);
    q->bind(":state", a.state);
    q->bind(":due", a.due_at);
    q->bind(":now", a.created_at);
    q->bind(":messages", a.messages);
    q->bind(":until", a.dms_until);
    q->exec();
    return db.getLastInsertRowid();
}

std::optional<Announcement> get(SQLite::Database& db, std::int64_t id) {
    Query q(db, fmt::format("SELECT {} FROM announcements WHERE id = :id", kColumns));
    q->bind(":id", id);
    if (!q->executeStep()) return std::nullopt;
    return read(*q);
}

std::vector<Announcement> due(SQLite::Database& db, const std::string& site, std::int64_t at_ms) {
    Query q(db, fmt::format("SELECT {} FROM announcements WHERE state = 'scheduled' AND site = "
                            ":site AND due_at <= :at ORDER BY due_at, id",
                            kColumns));
    q->bind(":site", site);
    q->bind(":at", at_ms);
    return read_all(*q);
}

std::vector<Announcement> scheduled(SQLite::Database& db, const std::vector<std::string>& sites) {
    std::vector<Announcement> out;
    for (const auto& site : sites) {
        Query q(db, fmt::format("SELECT {} FROM announcements WHERE site = :site AND state = "
                                "'scheduled' ORDER BY due_at, id",
                                kColumns));
        q->bind(":site", site);
        for (auto& a : read_all(*q)) out.push_back(std::move(a));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& x, const auto& y) { return x.due_at < y.due_at; });
    return out;
}

std::vector<Announcement> recent(SQLite::Database& db, const std::vector<std::string>& sites,
                                 std::int64_t since_ms, int limit) {
    std::vector<Announcement> out;
    for (const auto& site : sites) {
        Query q(db, fmt::format("SELECT {} FROM announcements WHERE site = :site AND state <> "
                                "'scheduled' AND due_at > :since ORDER BY due_at DESC, id DESC "
                                "LIMIT :limit",
                                kColumns));
        q->bind(":site", site);
        q->bind(":since", since_ms);
        q->bind(":limit", limit);
        for (auto& a : read_all(*q)) out.push_back(std::move(a));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& x, const auto& y) { return x.due_at > y.due_at; });
    if (out.size() > static_cast<std::size_t>(std::max(limit, 0))) out.resize(std::max(limit, 0));
    return out;
}

bool mark_sent(SQLite::Database& db, std::int64_t id, std::int64_t at_ms, int messages,
               std::int64_t dms_until) {
    Query q(db,
            "UPDATE announcements SET state = 'sent', due_at = :at, messages = :messages, "
            "dms_until = :until WHERE id = :id AND state = 'scheduled'");
    q->bind(":at", at_ms);
    q->bind(":messages", messages);
    q->bind(":until", dms_until);
    q->bind(":id", id);
    return q->exec() == 1;
}

bool cancel(SQLite::Database& db, std::int64_t id) {
    Query q(db,
            "UPDATE announcements SET state = 'cancelled' WHERE id = :id AND state = 'scheduled'");
    q->bind(":id", id);
    return q->exec() == 1;
}

std::int64_t dms_paced_until(SQLite::Database& db) {
    Query q(db, "SELECT coalesce(max(dms_until), 0) FROM announcements WHERE state = 'sent'");
    q->executeStep();
    return q->getColumn(0).getInt64();
}

Progress progress(SQLite::Database& db, std::int64_t id) {
    Query q(db, "SELECT state, count(*) FROM outbox WHERE subject = :subject GROUP BY state");
    q->bind(":subject", core::format_id(core::IdKind::announcement, id));
    Progress p;
    while (q->executeStep()) {
        const std::string state = q->getColumn(0).getString();
        const int n = q->getColumn(1).getInt();
        if (state == "sent") p.delivered = n;
        if (state == "dead") p.failed = n;
        if (state == "pending") p.waiting = n;
    }
    return p;
}

}  // namespace storage::announcement
