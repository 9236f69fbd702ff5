#include "storage/office_store.hpp"

#include <array>
#include <stdexcept>

#include "core/json_text.hpp"
#include "core/names.hpp"
#include "storage/query.hpp"
#include "storage/stems.hpp"

namespace storage::office {
namespace {

constexpr core::Names<Status, 4> kStatusNames{{"open", "acknowledged", "resolved", "closed"}};

constexpr const char* kColumns =
    "t.id, t.requester, t.site, t.description, t.category, t.priority, t.status, t.assignee, "
    "t.photo, coalesce(t.similar_to, 0), t.due_at, t.created_at, t.updated_at, t.escalate_at, "
    "t.escalated";

Ticket read(SQLite::Statement& q) {
    Ticket t;
    t.id = q.getColumn(0).getInt64();
    t.requester = q.getColumn(1).getString();
    t.site = q.getColumn(2).getString();
    t.description = q.getColumn(3).getString();
    t.category = q.getColumn(4).getString();
    t.priority = q.getColumn(5).getString();
    t.status = parse_status(q.getColumn(6).getText());
    t.assignee = q.getColumn(7).getString();
    t.photo = q.getColumn(8).getString();
    t.similar_to = q.getColumn(9).getInt64();
    t.due_at = q.getColumn(10).getInt64();
    t.created_at = q.getColumn(11).getInt64();
    t.updated_at = q.getColumn(12).getInt64();
    t.escalate_at = q.getColumn(13).getInt64();
    t.escalated = q.getColumn(14).getInt();
    return t;
}

std::vector<Ticket> read_all(SQLite::Statement& q) {
    std::vector<Ticket> out;
    while (q.executeStep()) out.push_back(read(q));
    return out;
}

// The stems of an open ticket's description, for may_repeat().
void add_stems(SQLite::Database& db, std::int64_t id, const std::string& site,
               const std::string& description) {
    Query q(db,
            "INSERT OR IGNORE INTO ticket_stems (site, stem, ticket_id) VALUES (:site, :stem, "
            ":id)");
    for (const auto& stem : stems(db, description)) {
        q->reset();
        q->bind(":site", site);
        q->bind(":stem", stem);
        q->bind(":id", id);
        q->exec();
    }
}

// A word as an FTS5 string: quoted, so that no word is read as an operator.
std::string quoted(const std::string& word) {
    std::string out = "\"";
    for (const char c : word) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::string_view to_string(Status s) {
    return kStatusNames.of(s);
}

Status parse_status(std::string_view s) {
    return kStatusNames.parse(s, "ticket status");
}

std::int64_t insert(SQLite::Database& db, const Ticket& t, std::int64_t now_ms) {
    Query q(db,
            "INSERT INTO tickets (requester, site, description, category, priority, status, "
            "assignee, photo, similar_to, due_at, escalate_at, created_at, updated_at) VALUES "
            "(:requester, :site, :description, :category, :priority, :status, :assignee, :photo, "
            ":similar, :due, :escalate, :now, :now)");
    q->bind(":requester", t.requester);
    q->bind(":site", t.site);
    q->bind(":description", t.description);
    q->bind(":category", t.category);
    q->bind(":priority", t.priority);
    q->bind(":status", to_string(t.status).data());  // a literal: NUL-terminated
    q->bind(":assignee", t.assignee);
    q->bind(":photo", t.photo);
    if (t.similar_to > 0) q->bind(":similar", t.similar_to);
    q->bind(":due", t.due_at);
    q->bind(":escalate", t.escalate_at);
    q->bind(":now", now_ms);
    q->exec();
    const std::int64_t id = db.getLastInsertRowid();
    if (t.status == Status::open || t.status == Status::acknowledged) {
        Query index(db, "INSERT INTO ticket_text (rowid, description) VALUES (:id, :description)");
        index->bind(":id", id);
        index->bind(":description", t.description);
        index->exec();
        add_stems(db, id, t.site, t.description);
    }
    return id;
}

std::optional<Ticket> get(SQLite::Database& db, std::int64_t id) {
    static const std::string sql =
        std::string("SELECT ") + kColumns + " FROM tickets t WHERE id = :id";
    Query q(db, sql);
    q->bind(":id", id);
    if (!q->executeStep()) return std::nullopt;
    return read(*q);
}

bool move(SQLite::Database& db, std::int64_t id, Status from, Status to,
          const std::string& assignee, std::int64_t now_ms) {
    Query q(db,
            "UPDATE tickets SET status = :to, assignee = :assignee, updated_at = :now "
            "WHERE id = :id AND status = :from");
    q->bind(":to", to_string(to).data());
    q->bind(":assignee", assignee);
    q->bind(":now", now_ms);
    q->bind(":id", id);
    q->bind(":from", to_string(from).data());
    if (q->exec() != 1) return false;
    const auto live = [](Status s) { return s == Status::open || s == Status::acknowledged; };
    if (live(from) && !live(to)) {
        Query drop(db, "DELETE FROM ticket_text WHERE rowid = :id");
        drop->bind(":id", id);
        drop->exec();
        // By its key: the stems of its description, as they were added.
        const auto t = get(db, id);
        Query unstem(db,
                     "DELETE FROM ticket_stems WHERE site = :site AND stem = :stem AND ticket_id "
                     "= :id");
        for (const auto& stem : stems(db, t->description)) {
            unstem->reset();
            unstem->bind(":site", t->site);
            unstem->bind(":stem", stem);
            unstem->bind(":id", id);
            unstem->exec();
        }
    } else if (!live(from) && live(to)) {
        Query back(db,
                   "INSERT INTO ticket_text (rowid, description) "
                   "SELECT id, description FROM tickets WHERE id = :id");
        back->bind(":id", id);
        back->exec();
        const auto t = get(db, id);
        add_stems(db, id, t->site, t->description);
    }
    return true;
}

void restart_clock(SQLite::Database& db, std::int64_t id, std::int64_t due_at,
                   std::int64_t escalate_at) {
    Query q(db,
            "UPDATE tickets SET due_at = :due, escalate_at = :escalate, escalated = 0 "
            "WHERE id = :id");
    q->bind(":due", due_at);
    q->bind(":escalate", escalate_at);
    q->bind(":id", id);
    q->exec();
}

void mark_escalated(SQLite::Database& db, std::int64_t id, int level) {
    Query q(db, "UPDATE tickets SET escalated = :level WHERE id = :id AND escalated < :level");
    q->bind(":level", level);
    q->bind(":id", id);
    q->exec();
}

void follow(SQLite::Database& db, std::int64_t id, const std::string& person) {
    Query q(db, "INSERT OR IGNORE INTO ticket_followers (ticket_id, person) VALUES (:id, :who)");
    q->bind(":id", id);
    q->bind(":who", person);
    q->exec();
}

std::vector<std::string> followers(SQLite::Database& db, std::int64_t id) {
    Query q(db, "SELECT person FROM ticket_followers WHERE ticket_id = :id ORDER BY person");
    q->bind(":id", id);
    std::vector<std::string> out;
    while (q->executeStep()) out.push_back(q->getColumn(0).getString());
    return out;
}

std::vector<Ticket> of_person(SQLite::Database& db, const std::string& person) {
    static const std::string sql =
        std::string("SELECT ") + kColumns +
        " FROM tickets t WHERE t.requester = :who OR t.id IN "
        "(SELECT ticket_id FROM ticket_followers WHERE person = :who) "
        "ORDER BY (t.status = 'resolved' OR t.status = 'closed'), t.created_at DESC, t.id DESC";
    Query q(db, sql);
    q->bind(":who", person);
    return read_all(*q);
}

std::vector<Ticket> queue(SQLite::Database& db, const std::string& site) {
    static const std::string sql =
        std::string("SELECT ") + kColumns +
        " FROM tickets t WHERE t.site = :site AND (t.status = 'open' OR t.status = "
        "'acknowledged') ORDER BY CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 "
        "WHEN 'normal' THEN 2 ELSE 3 END, t.created_at, t.id";
    Query q(db, sql);
    q->bind(":site", site);
    return read_all(*q);
}

std::vector<Ticket> reopened(SQLite::Database& db, const std::string& site) {
    static const std::string sql =
        std::string("SELECT ") + kColumns +
        " FROM tickets t WHERE t.site = :site AND (t.status = 'open' OR t.status = "
        "'acknowledged') AND EXISTS (SELECT 1 FROM audit_trail a WHERE a.kind = 'OFC' AND "
        "a.item_id = t.id AND a.action = 'reopened') ORDER BY t.created_at, t.id";
    Query q(db, sql);
    q->bind(":site", site);
    return read_all(*q);
}

std::vector<Ticket> overdue(SQLite::Database& db, const std::string& site, std::int64_t now_ms) {
    // escalate_at comes after due_at: the index range on due_at holds both.
    static const std::string sql =
        std::string("SELECT ") + kColumns +
        " FROM tickets t WHERE t.site = :site AND t.status = 'open' AND t.due_at <= :now "
        "AND (t.escalated < 1 OR (t.escalated < 2 AND t.escalate_at <= :now)) "
        "ORDER BY t.due_at, t.id";
    Query q(db, sql);
    q->bind(":site", site);
    q->bind(":now", now_ms);
    return read_all(*q);
}

std::vector<Ticket> resembling(SQLite::Database& db, const std::string& site,
                               const std::vector<std::string>& words, int limit) {
    if (words.empty()) return {};
    std::string match;
    for (const auto& w : words) match += (match.empty() ? "" : " OR ") + quoted(w);
    static const std::string sql = std::string("SELECT ") + kColumns +
                                   " FROM ticket_text JOIN tickets t ON t.id = ticket_text.rowid "
                                   "WHERE ticket_text MATCH :match AND t.site = :site AND "
                                   "(t.status = 'open' OR t.status = 'acknowledged') "
                                   "ORDER BY bm25(ticket_text) LIMIT :limit";
    Query q(db, sql);
    q->bind(":match", match);
    q->bind(":site", site);
    q->bind(":limit", limit);
    return read_all(*q);
}

bool may_repeat(SQLite::Database& db, const std::string& site, const std::string& words) {
    const auto wanted = stems(db, words);
    if (wanted.size() < 2) return false;
    std::string list = "[";
    for (const auto& s : wanted) list += (list.size() > 1 ? "," : "") + core::json_string(s);
    list += "]";
    Query q(db,
            "SELECT 1 FROM ticket_stems WHERE site = :site AND stem IN (SELECT value FROM "
            "json_each(:stems)) GROUP BY ticket_id HAVING count(*) >= 2 LIMIT 1");
    q->bind(":site", site);
    q->bind(":stems", list);
    return q->executeStep();
}

bool has_word(SQLite::Database& db, std::int64_t id, const std::string& word) {
    Query q(db, "SELECT 1 FROM ticket_text WHERE ticket_text MATCH :word AND rowid = :id");
    q->bind(":word", quoted(word));
    q->bind(":id", id);
    return q->executeStep();
}

}  // namespace storage::office
