#pragma once
// Expenses: submit, attach a receipt, cancel, reimburse, lists (product.md,
// Expenses), and the expense side of /approve and /deny, with a second
// approval by a site lead above the configured amount.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "handlers/approvals.hpp"
#include "handlers/blocks.hpp"
#include "handlers/context.hpp"
#include "handlers/forms.hpp"
#include "handlers/help.hpp"

namespace handlers::expense {

// `/expense ...` and `expense ...` in a DM.
Plan handle(const Context& ctx, std::string_view args, SQLite::Database& reads);

// Files shared in a DM without a command: the first becomes the receipt of
// the sharer's latest expense without one, from the last 10 minutes.
Plan shared_files(const Context& ctx, std::string_view text, SQLite::Database& reads);

// `/approve EXP-7 [note]` and `/deny EXP-7 <reason>`, by the approvals table.
Plan decide(const Context& ctx, std::int64_t id, Decision decision, std::string_view note,
            SQLite::Database& reads);

HelpSection help_section();

// Expenses' side of the reminders (handlers/approvals.hpp, Remindable).
extern const Remindable remindable;

// The form `/expense` opens: amount, currency, category, date, description
// and receipt.
extern const Form form;
// Money spent said in a DM ("I spent 45.50 on a taxi to the airport"): the
// expense it would be, offered with a button (expense_claim.cpp); nothing
// for other text.
std::optional<Plan> claim(const Context& ctx, std::string_view text, SQLite::Database& reads);
// Its part of a person's Home tab (handlers/home.hpp).
void home(const Context& ctx, SQLite::Database& reads, std::vector<blocks::Block>& out);
// The expenses waiting for the caller's approval, oldest first.
std::vector<Decidable> awaiting(const Context& ctx, SQLite::Database& reads);

// "2026-11" when `text` is a month written so; nothing otherwise.
std::optional<std::string> valid_month(std::string_view text);
// The expenses spent in `month` as RFC 4180 CSV, a header and a record each:
// amounts in their currency's own decimals, the approvals, the
// reimbursement reference.
std::string export_csv(const config::Config& cfg, SQLite::Database& db, std::string_view month);

namespace views {
Plan export_month(const Context& ctx, std::string_view args, SQLite::Database& reads);
Plan list(const Context& ctx, SQLite::Database& reads);
Plan pending(const Context& ctx, SQLite::Database& reads);
Plan show(const Context& ctx, std::string_view args, SQLite::Database& reads);
}  // namespace views

}  // namespace handlers::expense
