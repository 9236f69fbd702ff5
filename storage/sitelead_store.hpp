#pragma once
// What the site lead's weekly summary reads across the workflows' tables:
// expenses approved and the times tickets took, in a period.

#include <cstdint>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

namespace storage::sitelead {

// Expenses of `site` that got their final approval in [from_ms, to_ms),
// per category and currency, in that order.
struct Approved {
    std::string category, currency;
    int count = 0;
    std::int64_t total_minor = 0;
};
std::vector<Approved> expenses_approved(SQLite::Database& db, const std::string& site,
                                        std::int64_t from_ms, std::int64_t to_ms);

// Tickets of `site` opened in [from_ms, to_ms) or changed then, with when
// each was first acknowledged and first resolved (0: not yet).
struct TicketTimes {
    std::int64_t id = 0;
    std::string priority;
    std::int64_t created_at = 0, acknowledged_at = 0, resolved_at = 0;
};
std::vector<TicketTimes> ticket_times(SQLite::Database& db, const std::string& site,
                                      std::int64_t from_ms, std::int64_t to_ms);

}  // namespace storage::sitelead
