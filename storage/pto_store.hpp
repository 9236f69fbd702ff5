#pragma once
// PTO requests in SQLite. Dates are the site's calendar dates (YYYY-MM-DD),
// timestamps Unix ms UTC. Every function runs on the caller's connection, in
// the caller's transaction.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "config/pto.hpp"

namespace storage::pto {

// No request is longer than this many days (config pto.max_request_days is
// capped to it), so a request touching day D starts on or after D minus this:
// the bound that keeps interval queries an index range instead of a scan.
using config::kLongestRequestDays;

enum class Status { pending, approved, denied, cancelled };
std::string_view to_string(Status s);
// Throws std::invalid_argument for a value the schema does not allow.
Status parse_status(std::string_view s);

struct Request {
    std::int64_t id = 0;
    std::string requester;
    std::string leave_type;
    std::string start_date, end_date;  // YYYY-MM-DD
    std::string part = "full";         // full, am, pm
    double days = 0;
    std::string reason;
    Status status = Status::pending;
    std::string approver;
    std::string decided_by;
    std::int64_t decided_at = 0;
    std::string decision_note;
    std::int64_t created_at = 0;
    std::string site;  // the requester's site when asked: whose calendar counted it
};

struct NewRequest {
    std::string requester, leave_type, start_date, end_date, part, reason, approver, site;
    Status status = Status::pending;
    double days = 0;
    std::map<int, double> charges;  // days per calendar year

    // The request as it reads once saved with `id`.
    Request shown(std::int64_t id = 0, std::int64_t created_at = 0) const;
};

// Returns the new request's id.
std::int64_t insert(SQLite::Database& db, const NewRequest& r, std::int64_t now_ms);
std::optional<Request> get(SQLite::Database& db, std::int64_t id);

// Gives a pending request to `approver` (false when it is no longer pending).
bool set_approver(SQLite::Database& db, std::int64_t id, const std::string& approver);
// Moves the request from `from` to `to` with the decision's who, when and
// note. False (and nothing changed) when it is no longer in `from`: somebody
// decided first.
bool set_status(SQLite::Database& db, std::int64_t id, Status from, Status to,
                const std::string& by, const std::string& note, std::int64_t now_ms);

// The requester's pending or approved requests that touch [start, end], with
// only id, requester, dates, part and status.
std::vector<Request> active_overlapping(SQLite::Database& db, const std::string& requester,
                                        const std::string& start, const std::string& end);

// Days charged to `type` in `year`, by the status of the requests: one key
// lookup (table pto_usage, kept by insert() and set_status(), the only
// writers of charges and statuses).
struct Usage {
    double approved = 0;
    double pending = 0;
    double taken() const { return approved + pending; }  // both count against a balance
};
Usage usage(SQLite::Database& db, const std::string& requester, const std::string& type, int year);

// The requester's requests ending on or after `since`, by start date.
std::vector<Request> of_requester(SQLite::Database& db, const std::string& requester,
                                  const std::string& since);

// Pending requests `approver` is asked to decide, oldest first.
std::vector<Request> pending_for(SQLite::Database& db, const std::string& approver);

// Pending requests created before `created_before` (Unix ms), by approver,
// oldest first.
std::map<std::string, std::vector<Request>> pending_by_approver(SQLite::Database& db,
                                                                std::int64_t created_before);

// `requester`'s approved requests touching [start, end], by start date.
std::vector<Request> approved_of(SQLite::Database& db, const std::string& requester,
                                 const std::string& start, const std::string& end);
// How many changes request `id` has had (its rows in the audit trail).
int changes(SQLite::Database& db, std::int64_t id);
// The requests of `site` approved (or recorded) in [from_ms, to_ms).
std::vector<Request> approved_between(SQLite::Database& db, const std::string& site,
                                      std::int64_t from_ms, std::int64_t to_ms);
// The pending requests of people at `site`, oldest first.
std::vector<Request> pending_at(SQLite::Database& db, const std::string& site);
// Approved requests touching [start, end], by start date then requester;
// only those of `site` unless it is empty.
std::vector<Request> out_between(SQLite::Database& db, const std::string& start,
                                 const std::string& end, const std::string& site);

// Gives requests saved before requests had a site (migration 9) to `site`,
// the first configured. Returns how many.
int assign_site(SQLite::Database& db, const std::string& site);

// True when `person` has an approved request covering `day`. From memory
// when the database is followed (pto_spans.hpp).
bool is_out(SQLite::Database& db, const std::string& person, const std::string& day);

// Pending or approved requests of `people` touching [start, end], by start
// date, requester and id; at most `limit` rows, with only id, requester,
// dates, part and status. From memory when the database is followed
// (pto_spans.hpp).
std::vector<Request> of_people_between(SQLite::Database& db, const std::vector<std::string>& people,
                                       const std::string& start, const std::string& end, int limit);

// Years in which the requester has pending or approved charges.
std::vector<int> charged_years(SQLite::Database& db, const std::string& requester);

}  // namespace storage::pto
