#pragma once
// What the expense commands share: the clock, the audit trail, the site's
// currency and amounts, the approval DM, finding an expense by its id.
// Internal to handlers/expense*.cpp.

#include <cstdint>
#include <string>
#include <string_view>

#include <date/date.h>

#include "core/money.hpp"
#include "handlers/context.hpp"
#include "storage/expense_store.hpp"

namespace handlers::expense::parts {

namespace store = storage::expense;

inline constexpr int kIdSlot = 0;
// How far back "my expenses" look (/expense list, the Home tab).
inline constexpr int kRecentDays = 90;

std::int64_t now_ms(const Context& ctx);
// A change of expense `id` in the audit trail.
void trail(SQLite::Database& db, std::int64_t id, std::string_view action, std::string_view from,
           store::Status to, const std::string& actor, const std::string& note, std::int64_t now);
const core::Currency& currency_of(const config::Site& site);
const config::Site& site_of(const Context& ctx, const store::Expense& e);
// An amount of the configuration (major units) against `m`, when `m` is in
// the site's currency; false for another currency, which the callers treat
// on their own (flagged, a receipt, a second approval).
bool above(const core::Money& m, const std::string& major, const config::Site& site);
// In a currency other than the site's: the bot has no exchange rates, so no
// amount of the site's currency can be compared with it.
bool foreign(const core::Money& m, const config::Site& site);
std::string limit_text(const std::string& major, const config::Site& site);
// The approval DM: the summary, why this person is asked, the buttons.
Message ask(const Context& ctx, const store::Expense& e, const std::string& id,
            const std::string& approver, const std::string& why);
// `/expense reimburse EXP-7 [reference]` (handlers/expense_decide.cpp).
Plan reimburse(const Context& ctx, std::string_view args, SQLite::Database& reads);
// The refusal of a write that found the expense moved on since it was read.
Refusal changed_meanwhile(std::int64_t id);
// The expense `word` names; a refusal with `usage` when there is none.
store::Expense find(SQLite::Database& reads, std::string_view word, std::string_view usage);

// The day it was spent, read from the end of `description` ("... on nov 3",
// "... yesterday", "... last friday") and taken off it; today when none.
// Refuses a date that is none or is to come.
date::local_days spent_on(const Context& ctx, std::string& description);

}  // namespace handlers::expense::parts
