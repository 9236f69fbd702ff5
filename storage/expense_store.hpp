#pragma once
// Expenses in SQLite: amounts in integer minor units with their ISO 4217
// code, dates as the submitter's site's calendar dates (YYYY-MM-DD),
// timestamps Unix ms UTC. Every function runs on the caller's connection, in
// the caller's transaction; the audit trail is storage/audit.hpp's.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

namespace storage::expense {

// needs_receipt: accepted, waiting for its receipt before anyone is asked.
enum class Status { needs_receipt, pending, approved, denied, cancelled, reimbursed };
std::string_view to_string(Status s);  // "needs_receipt", ...
// Throws std::invalid_argument for a value the schema does not allow.
Status parse_status(std::string_view s);

struct Expense {
    std::int64_t id = 0;
    std::string submitter, site;
    std::int64_t amount_minor = 0;
    std::string currency;  // ISO 4217
    std::string category, description;
    std::string spent_on;  // YYYY-MM-DD
    std::string receipt_url, receipt_file, receipt_name;
    Status status = Status::pending;
    int stage = 1;  // 1: the approver rule's; 2: a site lead's, above the second-approval amount
    std::string approver;   // of the current stage
    std::string flags;      // what the approver is shown, a line each
    std::string reference;  // the reimbursement's
    std::string decided_by, decision_note;
    std::int64_t created_at = 0, updated_at = 0;

    bool has_receipt() const { return !receipt_url.empty() || !receipt_file.empty(); }
};

// Returns the new expense's id. `e.id`, `created_at` and `updated_at` are ignored.
std::int64_t insert(SQLite::Database& db, const Expense& e, std::int64_t now_ms);
std::optional<Expense> get(SQLite::Database& db, std::int64_t id);

// The next state of expense `id`, when it is still in `from` at `from_stage`
// (somebody else may have moved it first: then false, nothing changed).
struct Move {
    Status from;
    int from_stage;
    Status to;
    int to_stage;
    std::string approver;  // of the new stage
    std::string actor, note;
};
bool move(SQLite::Database& db, std::int64_t id, const Move& m, std::int64_t now_ms);
// Attaches a receipt to an expense of `submitter` that has none.
bool attach_receipt(SQLite::Database& db, std::int64_t id, const std::string& url,
                    const std::string& file, const std::string& name, std::int64_t now_ms);
bool set_reference(SQLite::Database& db, std::int64_t id, const std::string& reference);

// The submitter's, created since `since_ms`, newest first.
std::vector<Expense> of_submitter(SQLite::Database& db, const std::string& submitter,
                                  std::int64_t since_ms);
// Waiting for `approver`'s decision, oldest first.
std::vector<Expense> waiting_for(SQLite::Database& db, const std::string& approver);
// Ids of the submitter's other live expenses of the same amount, currency and
// category created since `since_ms`: possible duplicates.
// The expenses of `site` in `status`, oldest first.
std::vector<Expense> at_site(SQLite::Database& db, const std::string& site, Status status);
std::vector<std::int64_t> similar(SQLite::Database& db, const Expense& e, std::int64_t since_ms);
// The submitter's newest expense without a receipt created since `since_ms`.
std::optional<Expense> latest_without_receipt(SQLite::Database& db, const std::string& submitter,
                                              std::int64_t since_ms);
// Spent in `month` ("2026-11"), by date then id.
std::vector<Expense> of_month(SQLite::Database& db, std::string_view month);

}  // namespace storage::expense
