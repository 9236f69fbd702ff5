#include "storage/pto_store.hpp"

#include <algorithm>
#include <tuple>

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "core/names.hpp"
#include "storage/pto_spans.hpp"
#include "storage/query.hpp"

namespace storage::pto {
namespace {

constexpr core::Names<Status, 4> kStatusNames{{"pending", "approved", "denied", "cancelled"}};

constexpr const char* kColumns =
    "id, requester, leave_type, start_date, end_date, part, days, reason, status, "
    "coalesce(approver, ''), coalesce(decided_by, ''), coalesce(decided_at, 0), "
    "coalesce(decision_note, ''), created_at, coalesce(site, '')";

Request read(SQLite::Statement& q) {
    Request r;
    r.id = q.getColumn(0).getInt64();
    r.requester = q.getColumn(1).getString();
    r.leave_type = q.getColumn(2).getString();
    r.start_date = q.getColumn(3).getString();
    r.end_date = q.getColumn(4).getString();
    r.part = q.getColumn(5).getString();
    r.days = q.getColumn(6).getDouble();
    r.reason = q.getColumn(7).getString();
    r.status = parse_status(q.getColumn(8).getText());
    r.approver = q.getColumn(9).getString();
    r.decided_by = q.getColumn(10).getString();
    r.decided_at = q.getColumn(11).getInt64();
    r.decision_note = q.getColumn(12).getString();
    r.created_at = q.getColumn(13).getInt64();
    r.site = q.getColumn(14).getString();
    return r;
}

// Who, when and the status: what the questions about spans need, read for
// every teammate of every new request and on the writer for the overlap check.
constexpr const char* kSpanColumns = "id, requester, start_date, end_date, part, status";

Request read_span(SQLite::Statement& q) {
    Request r;
    r.id = q.getColumn(0).getInt64();
    r.requester = q.getColumn(1).getString();
    r.start_date = q.getColumn(2).getString();
    r.end_date = q.getColumn(3).getString();
    r.part = q.getColumn(4).getString();
    r.status = parse_status(q.getColumn(5).getText());
    return r;
}

std::vector<Request> read_all(SQLite::Statement& q) {
    std::vector<Request> out;
    while (q.executeStep()) out.push_back(read(q));
    return out;
}

std::string select(const std::string& rest) {
    return std::string("SELECT ") + kColumns + " FROM pto_requests " + rest;
}

// A request that touches [?1, ?2] (start, end: a statement using it numbers
// its own parameters from ?3). Its start is bounded below by the longest
// request allowed, so the test is an index range, not a scan.
const std::string& touching() {
    static const std::string clause =
        fmt::format("start_date <= ?2 AND start_date >= date(?1, '-{} days') AND end_date >= ?1",
                    kLongestRequestDays);
    return clause;
}

// Adds to the days a person has charged to a leave type in a year. The
// store's writes of charges and statuses are the only callers: nothing else
// changes either.
void add_usage(SQLite::Database& db, const std::string& requester, const std::string& type,
               int year, double approved, double pending) {
    if (approved == 0 && pending == 0) return;
    storage::Query q(db,
                     "INSERT INTO pto_usage (requester, leave_type, year, approved, pending) "
                     "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (requester, leave_type, year) "
                     "DO UPDATE SET approved = approved + excluded.approved, "
                     "pending = pending + excluded.pending");
    storage::bind_all(*q, requester, type, year, approved, pending);
    q->exec();
}

double counted(Status s, Status as, double days) {
    return s == as ? days : 0;
}

}  // namespace

std::string_view to_string(Status s) {
    return kStatusNames.of(s);
}

Status parse_status(std::string_view s) {
    return kStatusNames.parse(s, "PTO status");
}

std::int64_t insert(SQLite::Database& db, const NewRequest& r, std::int64_t now_ms) {
    storage::Query q(db,
                     "INSERT INTO pto_requests (requester, leave_type, start_date, end_date, part, "
                     "days, reason, status, approver, created_at, site) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    storage::bind_all(*q, r.requester, r.leave_type, r.start_date, r.end_date, r.part, r.days,
                      r.reason, to_string(r.status).data(),  // a literal: NUL-terminated
                      or_null(r.approver), now_ms, or_null(r.site));
    q->exec();
    const std::int64_t id = db.getLastInsertRowid();
    storage::Query charge(db, "INSERT INTO pto_charges (request_id, year, days) VALUES (?, ?, ?)");
    for (const auto& [year, days] : r.charges) {
        charge->reset();
        storage::bind_all(*charge, id, year, days);
        charge->exec();
        add_usage(db, r.requester, r.leave_type, year, counted(r.status, Status::approved, days),
                  counted(r.status, Status::pending, days));
    }
    return id;
}

Request NewRequest::shown(std::int64_t id, std::int64_t created_at) const {
    Request r;
    r.id = id;
    r.requester = requester;
    r.leave_type = leave_type;
    r.start_date = start_date;
    r.end_date = end_date;
    r.part = part;
    r.days = days;
    r.reason = reason;
    r.status = status;
    r.approver = approver;
    r.created_at = created_at;
    r.site = site;
    return r;
}

std::optional<Request> get(SQLite::Database& db, std::int64_t id) {
    static const std::string sql = select("WHERE id = :id");
    storage::Query q(db, sql);
    q->bind(":id", id);
    if (!q->executeStep()) return std::nullopt;
    return read(*q);
}

bool set_approver(SQLite::Database& db, std::int64_t id, const std::string& approver) {
    storage::Query q(db,
                     "UPDATE pto_requests SET approver = :approver WHERE id = :id AND status = "
                     "'pending'");
    q->bind(":approver", approver);
    q->bind(":id", id);
    return q->exec() == 1;
}

bool set_status(SQLite::Database& db, std::int64_t id, Status from, Status to,
                const std::string& by, const std::string& note, std::int64_t now_ms) {
    std::string requester, type;
    {
        storage::Query q(db,
                         "UPDATE pto_requests SET status = :to, decided_by = :by, decided_at = "
                         ":now, decision_note = :note WHERE id = :id AND status = :from "
                         "RETURNING requester, leave_type");
        q->bind(":to", to_string(to).data());  // literals: NUL-terminated
        q->bind(":from", to_string(from).data());
        q->bind(":by", by);
        q->bind(":now", now_ms);
        q->bind(":note", note);
        q->bind(":id", id);
        if (!q->executeStep()) return false;
        requester = q->getColumn(0).getString();
        type = q->getColumn(1).getString();
    }
    std::vector<std::pair<int, double>> charges;
    {
        storage::Query q(db, "SELECT year, days FROM pto_charges WHERE request_id = :id");
        q->bind(":id", id);
        while (q->executeStep())
            charges.emplace_back(q->getColumn(0).getInt(), q->getColumn(1).getDouble());
    }
    for (const auto& [year, days] : charges)
        add_usage(db, requester, type, year,
                  counted(to, Status::approved, days) - counted(from, Status::approved, days),
                  counted(to, Status::pending, days) - counted(from, Status::pending, days));
    return true;
}

std::vector<Request> active_overlapping(SQLite::Database& db, const std::string& requester,
                                        const std::string& start, const std::string& end) {
    static const std::string sql = std::string("SELECT ") + kSpanColumns +
                                   " FROM pto_requests WHERE requester = ?3 AND status IN "
                                   "('pending', 'approved') AND " +
                                   touching() + " ORDER BY start_date";
    storage::Query q(db, sql);
    storage::bind_all(*q, start, end, requester);
    std::vector<Request> out;
    while (q->executeStep()) out.push_back(read_span(*q));
    return out;
}

Usage usage(SQLite::Database& db, const std::string& requester, const std::string& type, int year) {
    storage::Query q(db,
                     "SELECT approved, pending FROM pto_usage "
                     "WHERE requester = ? AND leave_type = ? AND year = ?");
    storage::bind_all(*q, requester, type, year);
    if (!q->executeStep()) return Usage{};
    return Usage{q->getColumn(0).getDouble(), q->getColumn(1).getDouble()};
}

std::vector<Request> of_requester(SQLite::Database& db, const std::string& requester,
                                  const std::string& since) {
    static const std::string sql =
        select("WHERE requester = :requester AND end_date >= :since ORDER BY start_date, id");
    storage::Query q(db, sql);
    q->bind(":requester", requester);
    q->bind(":since", since);
    return read_all(*q);
}

std::vector<Request> pending_for(SQLite::Database& db, const std::string& approver) {
    static const std::string sql =
        select("WHERE status = 'pending' AND approver = :approver ORDER BY created_at, id");
    storage::Query q(db, sql);
    q->bind(":approver", approver);
    return read_all(*q);
}

std::map<std::string, std::vector<Request>> pending_by_approver(SQLite::Database& db,
                                                                std::int64_t created_before) {
    static const std::string sql =
        select("WHERE status = 'pending' AND created_at < :before ORDER BY created_at, id");
    storage::Query q(db, sql);
    q->bind(":before", created_before);
    std::map<std::string, std::vector<Request>> out;
    for (auto& r : read_all(*q)) out[r.approver].push_back(std::move(r));
    return out;
}

std::vector<Request> approved_of(SQLite::Database& db, const std::string& requester,
                                 const std::string& start, const std::string& end) {
    static const std::string sql = select(
        "WHERE requester = :requester AND status = 'approved' AND end_date >= :start AND "
        "start_date <= :end ORDER BY start_date, id");
    storage::Query q(db, sql);
    q->bind(":requester", requester);
    q->bind(":start", start);
    q->bind(":end", end);
    return read_all(*q);
}

int changes(SQLite::Database& db, std::int64_t id) {
    storage::Query q(db, "SELECT count(*) FROM audit_trail WHERE kind = 'PTO' AND item_id = :id");
    q->bind(":id", id);
    q->executeStep();
    return q->getColumn(0).getInt();
}

std::vector<Request> approved_between(SQLite::Database& db, const std::string& site,
                                      std::int64_t from_ms, std::int64_t to_ms) {
    static const std::string sql = select(
        "WHERE status = 'approved' AND site = :site AND decided_at >= :from AND "
        "decided_at < :to ORDER BY decided_at, id");
    storage::Query q(db, sql);
    q->bind(":site", site);
    q->bind(":from", from_ms);
    q->bind(":to", to_ms);
    return read_all(*q);
}

std::vector<Request> pending_at(SQLite::Database& db, const std::string& site) {
    static const std::string sql =
        select("WHERE status = 'pending' AND site = :site ORDER BY created_at, id");
    storage::Query q(db, sql);
    q->bind(":site", site);
    return read_all(*q);
}

std::vector<Request> out_between(SQLite::Database& db, const std::string& start,
                                 const std::string& end, const std::string& site) {
    static const std::string sql =
        select("WHERE status = 'approved' AND " + touching() +
               " AND (?3 = '' OR site = ?3) ORDER BY start_date, requester");
    storage::Query q(db, sql);
    storage::bind_all(*q, start, end, site);
    return read_all(*q);
}

int assign_site(SQLite::Database& db, const std::string& site) {
    storage::Query q(db, "UPDATE pto_requests SET site = :site WHERE site IS NULL");
    q->bind(":site", site);
    return q->exec();
}

bool is_out(SQLite::Database& db, const std::string& person, const std::string& day) {
    if (const auto spans = followed(db))
        if (const auto rows = spans->between({person}, day, day))
            return std::any_of(rows->begin(), rows->end(),
                               [](const Request& r) { return r.status == Status::approved; });
    static const std::string sql =
        "SELECT 1 FROM pto_requests WHERE requester = ?3 AND status = 'approved' AND " +
        touching() + " LIMIT 1";
    storage::Query q(db, sql);
    storage::bind_all(*q, day, day, person);
    return q->executeStep();
}

namespace {

// One statement for a team of `n`: one index range per person joined by
// UNION ALL. A statement per person cost about 9k instructions each;
// `requester IN (...)` with ORDER BY makes SQLite build two temporary
// b-trees per run (the list and the sort), dearer still. The text is built
// once per size and thread, and prepared once per connection.
const std::string& people_between_sql(std::size_t n) {
    thread_local std::vector<std::string> texts;
    if (texts.size() <= n) texts.resize(n + 1);
    std::string& sql = texts[n];
    if (!sql.empty()) return sql;
    for (std::size_t i = 1; i <= n; ++i) {
        if (i > 1) sql += " UNION ALL ";
        sql += std::string("SELECT ") + kSpanColumns + " FROM pto_requests WHERE requester = ?" +
               std::to_string(i + 2) + " AND " + touching() +
               " AND status IN ('approved', 'pending')";
    }
    return sql;
}

}  // namespace

std::vector<Request> of_people_between(SQLite::Database& db, const std::vector<std::string>& people,
                                       const std::string& start, const std::string& end,
                                       int limit) {
    if (people.empty() || limit <= 0) return {};
    std::vector<Request> out;
    if (const auto spans = followed(db);
        auto rows = spans ? spans->between(people, start, end) : std::nullopt) {
        out = *std::move(rows);
    } else {
        storage::Query q(db, people_between_sql(people.size()));
        // ?1 and ?2 the span, ?3 on the people (texts bound without a copy).
        q->bindNoCopy(1, start);
        q->bindNoCopy(2, end);
        for (std::size_t i = 0; i < people.size(); ++i)
            q->bindNoCopy(static_cast<int>(i) + 3, people[i]);
        while (q->executeStep()) out.push_back(read_span(*q));
    }
    std::sort(out.begin(), out.end(), [](const Request& a, const Request& b) {
        return std::tie(a.start_date, a.requester, a.id) <
               std::tie(b.start_date, b.requester, b.id);
    });
    if (out.size() > static_cast<std::size_t>(limit)) out.resize(limit);
    return out;
}

std::vector<int> charged_years(SQLite::Database& db, const std::string& requester) {
    storage::Query q(
        db,
        "SELECT DISTINCT year FROM pto_usage "
        "WHERE requester = :requester AND (approved > 0 OR pending > 0) ORDER BY year");
    q->bind(":requester", requester);
    std::vector<int> years;
    while (q->executeStep()) years.push_back(q->getColumn(0).getInt());
    return years;
}

}  // namespace storage::pto
