#pragma once
// The site lead's week in numbers (issue "The site lead's day"): time off
// taken and booked ahead, expenses approved by category and currency,
// tickets opened and resolved with the median times to acknowledge and to
// resolve per priority, the FAQ's most asked and least helpful entries.
// Sent to a site's leads on the first working morning of each week, for the
// week before; `sitelead-bot report weekly --week YYYY-Www` prints it.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <date/date.h>

#include "config/config.hpp"
#include "core/message.hpp"

namespace handlers::weekly {

// The Monday that begins the ISO week "2026-W48"; nothing for other text.
std::optional<date::local_days> parse_week(std::string_view text);

// The Monday of the last whole week at `site`: the week before the one it
// is now in its zone, which the site leads' summary tells.
date::local_days last_week(const config::Site& site, std::chrono::system_clock::time_point now);

// The week beginning `monday` at `site`, in its zone.
std::string summary(const config::Site& site, SQLite::Database& db, date::local_days monday);

// The scheduler's "weekly" run at `site` (at digest.time on its working
// days): on the first working day of a week, each of the site's leads gets
// the week before's summary. Nothing on the other days.
std::vector<core::Message> run(const config::Config& cfg, const config::Site& site,
                               SQLite::Database& db, std::chrono::system_clock::time_point now);

}  // namespace handlers::weekly
