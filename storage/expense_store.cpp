#include "storage/expense_store.hpp"

#include <array>
#include <stdexcept>

#include "core/names.hpp"
#include "storage/query.hpp"

namespace storage::expense {
namespace {

constexpr core::Names<Status, 6> kStatusNames{
    {"needs_receipt", "pending", "approved", "denied", "cancelled", "reimbursed"}};

constexpr const char* kColumns =
    "id, submitter, site, amount_minor, currency, category, description, spent_on, "
    "receipt_url, receipt_file, receipt_name, status, stage, approver, flags, reference, "
    "decided_by, decision_note, created_at, updated_at";

std::string select(const std::string& rest) {
    return std::string("SELECT ") + kColumns + " FROM expenses " + rest;
}

Expense read(SQLite::Statement& q) {
    Expense e;
    e.id = q.getColumn(0).getInt64();
    e.submitter = q.getColumn(1).getString();
    e.site = q.getColumn(2).getString();
    e.amount_minor = q.getColumn(3).getInt64();
    e.currency = q.getColumn(4).getString();
    e.category = q.getColumn(5).getString();
    e.description = q.getColumn(6).getString();
    e.spent_on = q.getColumn(7).getString();
    e.receipt_url = q.getColumn(8).getString();
    e.receipt_file = q.getColumn(9).getString();
    e.receipt_name = q.getColumn(10).getString();
    e.status = parse_status(q.getColumn(11).getText());
    e.stage = q.getColumn(12).getInt();
    e.approver = q.getColumn(13).getString();
    e.flags = q.getColumn(14).getString();
    e.reference = q.getColumn(15).getString();
    e.decided_by = q.getColumn(16).getString();
    e.decision_note = q.getColumn(17).getString();
    e.created_at = q.getColumn(18).getInt64();
    e.updated_at = q.getColumn(19).getInt64();
    return e;
}

std::vector<Expense> read_all(SQLite::Statement& q) {
    std::vector<Expense> out;
    while (q.executeStep()) out.push_back(read(q));
    return out;
}

}  // namespace

std::string_view to_string(Status s) {
    return kStatusNames.of(s);
}

Status parse_status(std::string_view s) {
    return kStatusNames.parse(s, "expense status");
}

std::int64_t insert(SQLite::Database& db, const Expense& e, std::int64_t now_ms) {
    Query q(db,
            "INSERT INTO expenses (submitter, site, amount_minor, currency, category, "
            "description, spent_on, receipt_url, receipt_file, receipt_name, status, stage, "
            "approver, flags, created_at, updated_at) VALUES (:submitter, :site, :amount, "
            ":currency, :category, :description, :spent_on, :url, :file, :name, :status, "
            ":stage, :approver, :flags, :now, :now)");
    q->bind(":submitter", e.submitter);
    q->bind(":site", e.site);
    q->bind(":amount", e.amount_minor);
    q->bind(":currency", e.currency);
    q->bind(":category", e.category);
    q->bind(":description", e.description);
    q->bind(":spent_on", e.spent_on);
    q->bind(":url", e.receipt_url);
    q->bind(":file", e.receipt_file);
    q->bind(":name", e.receipt_name);
    q->bind(":status", to_string(e.status).data());  // a literal: NUL-terminated
    q->bind(":stage", e.stage);
    q->bind(":approver", e.approver);
    q->bind(":flags", e.flags);
    q->bind(":now", now_ms);
    q->exec();
    return db.getLastInsertRowid();
}

std::optional<Expense> get(SQLite::Database& db, std::int64_t id) {
    static const std::string sql = select("WHERE id = :id");
    Query q(db, sql);
    q->bind(":id", id);
    if (!q->executeStep()) return std::nullopt;
    return read(*q);
}

bool move(SQLite::Database& db, std::int64_t id, const Move& m, std::int64_t now_ms) {
    Query q(db,
            "UPDATE expenses SET status = :to, stage = :to_stage, approver = :approver, "
            "decided_by = :actor, decision_note = :note, updated_at = :now "
            "WHERE id = :id AND status = :from AND stage = :from_stage");
    q->bind(":to", to_string(m.to).data());
    q->bind(":to_stage", m.to_stage);
    q->bind(":approver", m.approver);
    q->bind(":actor", m.actor);
    q->bind(":note", m.note);
    q->bind(":now", now_ms);
    q->bind(":id", id);
    q->bind(":from", to_string(m.from).data());
    q->bind(":from_stage", m.from_stage);
    return q->exec() == 1;
}

bool attach_receipt(SQLite::Database& db, std::int64_t id, const std::string& url,
                    const std::string& file, const std::string& name, std::int64_t now_ms) {
    Query q(db,
            "UPDATE expenses SET receipt_url = :url, receipt_file = :file, receipt_name = :name, "
            "updated_at = :now WHERE id = :id AND receipt_url = '' AND receipt_file = ''");
    q->bind(":url", url);
    q->bind(":file", file);
    q->bind(":name", name);
    q->bind(":now", now_ms);
    q->bind(":id", id);
    return q->exec() == 1;
}

bool set_reference(SQLite::Database& db, std::int64_t id, const std::string& reference) {
    Query q(db, "UPDATE expenses SET reference = :reference WHERE id = :id");
    q->bind(":reference", reference);
    q->bind(":id", id);
    return q->exec() == 1;
}

std::vector<Expense> of_submitter(SQLite::Database& db, const std::string& submitter,
                                  std::int64_t since_ms) {
    static const std::string sql =
        select("WHERE submitter = :who AND created_at >= :since ORDER BY created_at DESC, id DESC");
    Query q(db, sql);
    q->bind(":who", submitter);
    q->bind(":since", since_ms);
    return read_all(*q);
}

std::vector<Expense> waiting_for(SQLite::Database& db, const std::string& approver) {
    static const std::string sql =
        select("WHERE approver = :who AND status = 'pending' ORDER BY created_at, id");
    Query q(db, sql);
    q->bind(":who", approver);
    return read_all(*q);
}

std::vector<Expense> at_site(SQLite::Database& db, const std::string& site, Status status) {
    static const std::string sql =
        select("WHERE site = :site AND status = :status ORDER BY created_at, id");
    Query q(db, sql);
    q->bind(":site", site);
    q->bind(":status", to_string(status).data());
    return read_all(*q);
}

std::vector<std::int64_t> similar(SQLite::Database& db, const Expense& e, std::int64_t since_ms) {
    Query q(db,
            "SELECT id FROM expenses WHERE submitter = :who AND created_at >= :since AND "
            "amount_minor = :amount AND currency = :currency AND category = :category AND "
            "status != 'cancelled' AND status != 'denied' ORDER BY id");
    q->bind(":who", e.submitter);
    q->bind(":since", since_ms);
    q->bind(":amount", e.amount_minor);
    q->bind(":currency", e.currency);
    q->bind(":category", e.category);
    std::vector<std::int64_t> out;
    while (q->executeStep()) out.push_back(q->getColumn(0).getInt64());
    return out;
}

std::optional<Expense> latest_without_receipt(SQLite::Database& db, const std::string& submitter,
                                              std::int64_t since_ms) {
    static const std::string sql = select(
        "WHERE submitter = :who AND created_at >= :since AND receipt_url = '' AND "
        "receipt_file = '' AND (status = 'needs_receipt' OR status = 'pending') "
        "ORDER BY created_at DESC, id DESC LIMIT 1");
    Query q(db, sql);
    q->bind(":who", submitter);
    q->bind(":since", since_ms);
    if (!q->executeStep()) return std::nullopt;
    return read(*q);
}

std::vector<Expense> of_month(SQLite::Database& db, std::string_view month) {
    static const std::string sql =
        select("WHERE spent_on >= :first AND spent_on < :next ORDER BY spent_on, id");
    Query q(db, sql);
    q->bind(":first", std::string(month) + "-01");
    q->bind(":next", std::string(month) + "-32");  // past any day of the month
    return read_all(*q);
}

}  // namespace storage::expense
