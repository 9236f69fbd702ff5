#pragma once
// When BizOps must have responded to a ticket: its priority's response time
// from the office configuration, counted in the site's working time (its
// working days, holidays and hours, in its zone) or, for wall-clock times
// such as urgent's 30 minutes, straight through nights and weekends.

#include <chrono>

#include "config/config.hpp"

namespace handlers::office {

// `times` response times after `filed_at`: 2 is when the site lead is told.
std::chrono::system_clock::time_point due_at(const config::Office& office, const config::Site& site,
                                             config::Priority priority,
                                             std::chrono::system_clock::time_point filed_at,
                                             int times = 1);

}  // namespace handlers::office
