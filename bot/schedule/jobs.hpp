#pragma once
// The service's periodic jobs, registered on the scheduler.

#include <functional>

#include "bot/schedule/scheduler.hpp"
#include "config/config.hpp"

namespace bot {

// "pto-reminders", 09:00 on working days: every approver with requests
// waiting more than a day gets one DM listing them.
void add_jobs(Scheduler& scheduler, const config::Config& cfg);

}  // namespace bot
