#pragma once
// Reminders that escalate, for every workflow with approvals (the table in
// reminders.cpp): a request waiting for a decision reminds its approver on
// the working days reminders.days lists (1st, 3rd, 5th); the working day
// after the last, a site lead of the requester's site is told and becomes
// an approver of it too (as when a manager is out); after
// reminders.expire_after_days working days it expires. An approver who is
// out today is not reminded: whoever stands in for them by the approvals'
// rule is. A decision ends it all: only what still waits is looked at.

#include <chrono>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "config/config.hpp"
#include "core/message.hpp"

namespace handlers::reminders {

// The morning run at `site` (the scheduler's "reminders", at the start of
// its working hours on its working days), on the writer.
std::vector<core::Message> run(const config::Config& cfg, const config::Site& site,
                               SQLite::Database& db, std::chrono::system_clock::time_point now);

}  // namespace handlers::reminders
