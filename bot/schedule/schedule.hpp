#pragma once
// When a periodic job runs, as the site says it: "09:00 on working days",
// "09:00 every day", "every 15 minutes". Pure calendar arithmetic in the
// site's time zone; the Scheduler (bot/scheduler.hpp) does the running.
//
// Daylight saving: a daily time is wall-clock time, so "09:00" stays 09:00
// local while its UTC instant moves with the offset. A time that does not
// exist on a spring-forward day runs at the first instant after the gap
// (02:30 in New York on 2026-03-08 runs at 03:00 EDT); a time that happens
// twice on a fall-back day runs once, at the first of the two.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.hpp"

namespace bot {

struct Schedule {
    enum class Kind { daily, every };

    Kind kind = Kind::daily;
    std::chrono::minutes time_of_day{0};  // daily: local time after midnight
    bool working_days_only = true;        // daily: skip non-working days and full holidays
    std::chrono::minutes interval{0};     // every: 1 to 1440 minutes

    static Schedule daily(std::chrono::minutes time_of_day, bool working_days_only);
    static Schedule every(std::chrono::minutes interval);

    friend bool operator==(const Schedule&, const Schedule&) = default;
};

using TimePoint = std::chrono::system_clock::time_point;

// The first occurrence strictly after `after`. "every N minutes" runs at the
// multiples of N minutes since the Unix epoch, so every 15 minutes is :00,
// :15, :30 and :45 of each UTC hour. The site's time zone must be valid (the
// configuration validates it).
TimePoint next_after(const Schedule& schedule, const config::Site& site, TimePoint after);

// The latest occurrence at or before `at`: what a job that missed several
// occurrences while the service was down runs for, once.
TimePoint last_at_or_before(const Schedule& schedule, const config::Site& site, TimePoint at);

// A working day of the site: one of site.working_days (Monday to Friday when
// the list is empty) and not a full-day holiday. A half-day holiday is still
// a working day.
bool is_working_day(const config::Site& site, date::local_days day);

// "09:00 on working days", "9:00 every day", "every 15 minutes",
// "every minute"; case and spacing do not matter. On bad text returns nothing
// and, when `error` is given, says what was wrong and how to write it.
std::optional<Schedule> parse_schedule(std::string_view text, std::string* error = nullptr);

// The canonical text of a schedule; parse_schedule(describe(s)) == s.
std::string describe(const Schedule& schedule);

}  // namespace bot
