#pragma once
// The service's periodic jobs, registered on the scheduler.

#include <functional>

#include "bot/schedule/scheduler.hpp"
#include "config/config.hpp"

namespace bot {

// "reminders", at the start of each site's working hours (09:00 unless it
// says otherwise) on its working days: the requests of that site waiting for
// a decision remind, escalate and expire (handlers/reminders.hpp).
// "pto-status", at the start of each site's working hours, every day: with
// pto.slack_status, the Slack status of whoever's approved leave has begun
// (handlers/pto.hpp, status).
// "digest", at digest.time on each site's working days: the morning digest
// (handlers/digest.hpp) to the site leads and managers of that site.
// "weekly", at digest.time on each site's working days: on the first of a
// week, last week's numbers to the site's leads (handlers/weekly.hpp).
// "announcements", every minute at each site: the scheduled announcements
// that are due go out (handlers/announce.hpp).
// "office-escalation", every minute at each site: tickets nobody
// acknowledged in time are posted again, then their site lead is told.
void add_jobs(Scheduler& scheduler, const config::Config& cfg);

}  // namespace bot
