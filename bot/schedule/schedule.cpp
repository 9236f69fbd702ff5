#include "bot/schedule/schedule.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include <date/tz.h>

#include "core/dates.hpp"
#include "core/text.hpp"

namespace bot {
namespace {

using std::chrono::minutes;

// Enough days to be sure of a working day: any 7 days hold at least one
// working weekday, and each configured holiday can take away at most one.
int search_days(const Schedule& s, const config::Site& site) {
    if (!s.working_days_only) return 3;
    return 7 * (static_cast<int>(site.holidays.size()) + 1) + 2;
}

// The instant of a daily schedule on one local calendar day, if it runs that
// day. choose::earliest maps a time in a spring-forward gap to the end of the
// gap and an ambiguous fall-back time to its first instance.
std::optional<TimePoint> daily_on(const Schedule& s, const config::Site& site,
                                  const date::time_zone* zone, date::local_days day) {
    if (s.working_days_only && !is_working_day(site, day)) return std::nullopt;
    const auto local = date::local_time<minutes>{day.time_since_epoch()} + s.time_of_day;
    return std::chrono::time_point_cast<TimePoint::duration>(
        zone->to_sys(local, date::choose::earliest));
}

date::local_days local_day_of(const date::time_zone* zone, TimePoint t) {
    return date::floor<date::days>(zone->to_local(t));
}

// Floor division for durations, correct before the epoch too.
TimePoint::duration floor_to(TimePoint::duration d, TimePoint::duration step) {
    auto q = d / step;
    if (d % step < TimePoint::duration::zero()) --q;
    return q * step;
}

// A hand-built Schedule could hold values parse_schedule never produces.
void check(const Schedule& s) {
    if (s.kind == Schedule::Kind::every && s.interval <= minutes::zero())
        throw std::invalid_argument("schedule interval must be positive");
    if (s.kind == Schedule::Kind::daily &&
        (s.time_of_day < minutes::zero() || s.time_of_day >= std::chrono::hours(24)))
        throw std::invalid_argument("schedule time of day must be within 00:00-23:59");
}

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && core::is_space(text[i])) ++i;
        std::size_t j = i;
        while (j < text.size() && !core::is_space(text[j])) ++j;
        if (j > i) out.push_back(core::lower(text.substr(i, j - i)));
        i = j;
    }
    return out;
}

std::optional<int> number(std::string_view s) {
    int v = 0;
    if (s.empty() || s.size() > 4) return std::nullopt;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

constexpr const char* kUsage =
    "write a schedule as \"09:00 on working days\", \"09:00 every day\" or "
    "\"every 15 minutes\"";

std::optional<Schedule> fail(std::string* error, std::string message) {
    if (error) *error = std::move(message);
    return std::nullopt;
}

}  // namespace

Schedule Schedule::daily(minutes at, bool working_days_only) {
    Schedule s;
    s.kind = Kind::daily;
    s.time_of_day = at;
    s.working_days_only = working_days_only;
    return s;
}

Schedule Schedule::every(minutes interval) {
    Schedule s;
    s.kind = Kind::every;
    s.interval = interval;
    s.working_days_only = false;
    return s;
}

bool is_working_day(const config::Site& site, date::local_days day) {
    const date::weekday wd{day};
    const bool weekday_works = site.working_days.empty()
                                   ? wd != date::Saturday && wd != date::Sunday
                                   : std::find(site.working_days.begin(), site.working_days.end(),
                                               wd) != site.working_days.end();
    if (!weekday_works) return false;
    const date::year_month_day ymd{day};
    return std::none_of(site.holidays.begin(), site.holidays.end(),
                        [&](const config::Holiday& h) { return !h.half && h.day == ymd; });
}

TimePoint next_after(const Schedule& s, const config::Site& site, TimePoint after) {
    check(s);
    if (s.kind == Schedule::Kind::every) {
        return TimePoint{floor_to(after.time_since_epoch(), s.interval) + s.interval};
    }
    const date::time_zone* zone = date::locate_zone(site.time_zone);
    // Start a day early: near a transition at midnight a time on the previous
    // local day can map to an instant on this one.
    const auto first = local_day_of(zone, after) - date::days{1};
    const int span = search_days(s, site);
    for (int i = 0; i <= span; ++i)
        if (auto t = daily_on(s, site, zone, first + date::days{i}); t && *t > after) return *t;
    throw std::logic_error("no working day found for schedule \"" + describe(s) + "\"");
}

TimePoint last_at_or_before(const Schedule& s, const config::Site& site, TimePoint at) {
    check(s);
    if (s.kind == Schedule::Kind::every) {
        return TimePoint{floor_to(at.time_since_epoch(), s.interval)};
    }
    const date::time_zone* zone = date::locate_zone(site.time_zone);
    const auto first = local_day_of(zone, at) + date::days{1};
    const int span = search_days(s, site);
    for (int i = 0; i <= span; ++i)
        if (auto t = daily_on(s, site, zone, first - date::days{i}); t && *t <= at) return *t;
    throw std::logic_error("no working day found for schedule \"" + describe(s) + "\"");
}

std::optional<Schedule> parse_schedule(std::string_view text, std::string* error) {
    const auto w = words(text);
    if (w.empty()) return fail(error, std::string("the schedule is empty; ") + kUsage);

    if (w[0] == "every") {
        if (w.size() == 2 && w[1] == "minute") return Schedule::every(minutes(1));
        if (w.size() == 3 && (w[2] == "minutes" || w[2] == "minute")) {
            const auto n = number(w[1]);
            if (!n || *n < 1 || *n > 1440)
                return fail(error, "\"" + w[1] +
                                       "\" is not a number of minutes from 1 to 1440; write it "
                                       "as \"every 15 minutes\"");
            return Schedule::every(minutes(*n));
        }
        if (w.size() == 2 && w[1] == "day")
            return fail(error, "say at what time, such as \"09:00 every day\"");
        return fail(error, "\"" + std::string(text) + "\" is not a schedule; " + kUsage);
    }

    const auto at = core::parse_time_of_day(w[0]);
    if (!at) {
        if (w[0].find(':') == std::string::npos)
            return fail(error, "\"" + std::string(text) + "\" is not a schedule; " + kUsage);
        return fail(error, "\"" + w[0] +
                               "\" is not a time of day; write it as HH:MM on a 24-hour clock, "
                               "such as \"09:00\" or \"17:30\"");
    }
    const std::vector<std::string> rest(w.begin() + 1, w.end());
    if (rest == std::vector<std::string>{"on", "working", "days"})
        return Schedule::daily(*at, true);
    if (rest == std::vector<std::string>{"every", "day"}) return Schedule::daily(*at, false);
    return fail(error, "after the time write \"on working days\" or \"every day\", such as \"" +
                           w[0] + " on working days\"");
}

std::string describe(const Schedule& s) {
    if (s.kind == Schedule::Kind::every) {
        const auto n = s.interval.count();
        return n == 1 ? "every minute" : "every " + std::to_string(n) + " minutes";
    }
    const auto h = std::chrono::duration_cast<std::chrono::hours>(s.time_of_day).count();
    const auto m = (s.time_of_day - std::chrono::hours(h)).count();
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(h), static_cast<int>(m));
    return std::string(buf) + (s.working_days_only ? " on working days" : " every day");
}

}  // namespace bot
