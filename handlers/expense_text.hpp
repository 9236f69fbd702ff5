#pragma once
// How expenses read in replies and messages: shared by the expense commands,
// their views and the approval DMs.

#include <string>
#include <string_view>

#include "core/money.hpp"
#include "handlers/context.hpp"
#include "storage/expense_store.hpp"

namespace handlers::expense {

inline constexpr std::string_view kSubmitUsage =
    "Usage: `/expense <amount> [currency] <category> <description> [receipt-url] [on <date>]`, "
    "e.g. `/expense 42.50 meals lunch with a client on nov 3`";

std::string id_text(std::int64_t id);  // "EXP-7"
core::Money money_of(const storage::expense::Expense& e);
// "€42.50"
std::string amount_text(const storage::expense::Expense& e);
// "needs a receipt", "waiting for <@U1>", "waiting for <@L> (site lead, after <@M>)", ...
std::string state_text(const storage::expense::Expense& e);
// The approver's view: who, how much, what for, when, the receipt and the
// flags. `id` is its id text (or a slot for it).
std::string summary(const Context& ctx, const storage::expense::Expense& e, const std::string& id);
// One line of /expense list: the submitter's view, with its state.
std::string expense_line(const storage::expense::Expense& e);
// An expense as a decision waiting on someone (the digest's lines): who,
// how much, what for.
std::string decision_text(const storage::expense::Expense& e);
// One line of what waits for the reader's decision (/expense pending, the
// Home tab): the decision, and a second approval said so.
std::string waiting_line(const storage::expense::Expense& e);

}  // namespace handlers::expense
