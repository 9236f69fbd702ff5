#pragma once
// The site lead's morning digest (issue "The site lead's day"): one message
// with what their site needs of them today across the workflows, so that
// nobody has to ask. Who is out today and on the next working day (and
// today's holiday); the decisions waiting, on them and on each manager,
// oldest first with their age in working days; approved expenses not yet
// reimbursed; tickets past or near their deadline, and tickets reopened as
// still broken; the FAQ's unanswered questions, most asked first. A section
// with nothing is left out; a quiet day is one line. A manager's digest is
// their own team's: what waits for their decision and who of them is out.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "handlers/blocks.hpp"
#include "handlers/context.hpp"
#include "handlers/help.hpp"

namespace handlers::digest {

enum class When {
    always,           // asked for: a manager with nothing waiting hears so
    something_waits,  // the morning's: a manager hears only when something waits
};

// `person`'s digest at `now`: nothing for someone who neither leads a site
// nor manages anyone (nor, with When::something_waits, for a manager with
// nothing waiting).
std::optional<std::string> compose(const config::Config& cfg, const config::Person& person,
                                   SQLite::Database& reads,
                                   std::chrono::system_clock::time_point now, When when);

// The morning run at `site` (the scheduler's "digest", at digest.time on
// its working days): a DM to each person of the site who leads a site, and
// (digest.managers) to each manager there with something waiting.
std::vector<Message> morning(const config::Config& cfg, const config::Site& site,
                             SQLite::Database& db, std::chrono::system_clock::time_point due);

// `/sitelead digest`: the caller's digest now; `args` is what follows "digest".
Plan handle(const Context& ctx, std::string_view args, SQLite::Database& reads);
HelpLine help_line();
// A site lead's Home tab shows their digest.
void home(const Context& ctx, SQLite::Database& reads, std::vector<blocks::Block>& out);

}  // namespace handlers::digest
