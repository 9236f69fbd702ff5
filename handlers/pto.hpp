#pragma once
// PTO: request, cancel, balances, lists and who is out (product.md, PTO), and
// the PTO side of /approve and /deny.

#include <chrono>
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

namespace storage::pto {
struct Request;
}

namespace handlers::pto {

// `/pto ...` and `pto ...` in a DM.
Plan handle(const Context& ctx, std::string_view args, SQLite::Database& reads);

// Time off said in a DM ("I need tomorrow off"): the request it would be,
// offered with a button; "who's out next week?": who is (pto_claim.cpp);
// nothing for other text.
std::optional<Plan> claim(const Context& ctx, std::string_view text, SQLite::Database& reads);

// `/approve PTO-12 [note]` and `/deny PTO-12 <reason>`, by the approvals table.
Plan decide(const Context& ctx, std::int64_t id, Decision decision, std::string_view note,
            SQLite::Database& reads);

HelpSection help_section();

// The calendar feed (pto_calendar.cpp). `/pto calendar [rotate]`: the
// caller's feed link, made on first use or made anew.
namespace calendar {
Plan command(const Context& ctx, std::string_view args, SQLite::Database& reads);
// The feed behind `token` (iCalendar text), or nothing for a token that is
// nobody's (wrong, or replaced).
std::optional<std::string> feed(const config::Config& cfg, SQLite::Database& reads,
                                const std::string& token,
                                std::chrono::system_clock::time_point now);
}  // namespace calendar

// Slack status while away (pto_status.cpp, pto.slack_status): on the first
// day of approved leave the person's status shows their leave type's emoji
// and text until the leave ends (the end of its last day in the site's
// zone; a morning off, until the middle of the working day). Set by the
// morning job for leave approved before its first day, and by the approval
// (or the recording, for leave that needs none) on a day it has begun; once
// per request either way. Without a user token (SLACK_USER_TOKEN) nothing
// is set.
namespace status {
// The message that sets it for request `r` of `site`, when statuses are on
// and `r` is approved leave that has begun by `now` and not ended.
// `subject` is its id ("PTO-12", or with the id's slot).
std::optional<Message> set(const config::Config& cfg, const config::Site& site,
                           const storage::pto::Request& r, const std::string& subject,
                           std::chrono::system_clock::time_point now);
// The scheduler's "pto-status" at `site` (at the start of its working
// hours, every day): the approved leave starting today.
std::vector<Message> morning(const config::Config& cfg, const config::Site& site,
                             SQLite::Database& db, std::chrono::system_clock::time_point due);
}  // namespace status

// PTO's side of the reminders (handlers/approvals.hpp, Remindable).
extern const Remindable remindable;

// "*vacation*: 18 of 25 left (5 approved, 2 pending)": `person`'s balance of
// `type` in `year`.
std::string balance_line(const Context& ctx, SQLite::Database& reads, const config::Person& person,
                         const config::LeaveType& type, int year);

// The form `/pto` opens: dates, half day, type, reason, and the balance.
extern const Form form;
// Its part of a person's Home tab (handlers/home.hpp).
void home(const Context& ctx, SQLite::Database& reads, std::vector<blocks::Block>& out);
// The requests waiting for the caller's approval, oldest first.
std::vector<Decidable> awaiting(const Context& ctx, SQLite::Database& reads);

// The read-only views: /pto balance, list, pending, out [when], help.
namespace views {
Plan balance(const Context& ctx, SQLite::Database& reads);
Plan list(const Context& ctx, SQLite::Database& reads);
Plan pending(const Context& ctx, SQLite::Database& reads);
Plan out(const Context& ctx, std::string_view args, SQLite::Database& reads);
Plan usage(const Context& ctx);
}  // namespace views

}  // namespace handlers::pto
