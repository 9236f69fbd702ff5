#pragma once
// Office issues: tickets to BizOps (product.md, Office issues). A report is
// triaged from its words, posted to its site's BizOps channel as a live
// triage post that every later change edits, worked with commands or the
// post's buttons, escalated when nobody responds in time, and offered as a
// follow when it repeats a ticket still open.

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "handlers/blocks.hpp"
#include "handlers/context.hpp"
#include "handlers/forms.hpp"
#include "handlers/help.hpp"

namespace handlers::office {

// `/office ...` and `office ...` in a DM.
Plan handle(const Context& ctx, std::string_view args, SQLite::Database& reads);

// A DM or mention that is no command but reads like an office report
// ("@sitelead the kitchen sink is leaking"): a mention is filed, a DM is
// offered a button that files it. Nothing when it does not read like one.
std::optional<Plan> claim(const Context& ctx, std::string_view text, SQLite::Database& reads);

HelpSection help_section();

// The form `/office` and the "Report to BizOps" shortcut open: description,
// category and priority (pre-filled from a shortcut's message).
extern const Form form;
// Its part of a person's Home tab (handlers/home.hpp).
void home(const Context& ctx, SQLite::Database& reads, std::vector<blocks::Block>& out);

// The escalation job, every minute at each site: a ticket not acknowledged
// by its deadline is posted again in the BizOps channel; at twice its
// response time the site's leads are told. Each once per ticket, recorded in
// the ticket (a restart repeats neither), none once it is acknowledged.
// Runs on the writer, in the job's transaction.
std::vector<Message> escalate(const config::Config& cfg, const config::Site& site,
                              SQLite::Database& db, std::chrono::system_clock::time_point now);

namespace work {
Plan ack(const Context& ctx, std::string_view args, SQLite::Database& reads);
Plan assign(const Context& ctx, std::string_view args, SQLite::Database& reads);
Plan resolve(const Context& ctx, std::string_view args, SQLite::Database& reads);
Plan reopen(const Context& ctx, std::string_view args, SQLite::Database& reads);
Plan comment(const Context& ctx, std::string_view args, SQLite::Database& reads);
// The requester's answer to "is it fixed?": Fixed closes, Still broken reopens.
Plan fixed(const Context& ctx, std::string_view args, SQLite::Database& reads);
Plan broken(const Context& ctx, std::string_view args, SQLite::Database& reads);
}  // namespace work

namespace views {
Plan list(const Context& ctx, SQLite::Database& reads);
Plan queue(const Context& ctx, std::string_view args, SQLite::Database& reads);
Plan show(const Context& ctx, std::string_view args, SQLite::Database& reads);
}  // namespace views

}  // namespace handlers::office
