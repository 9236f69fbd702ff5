#pragma once
// The site's calendar: which days are worked and how much leave a span of days
// costs. Pure functions of the site configuration; no clock inside.

#include <date/date.h>

namespace date {
class time_zone;
}

#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <string>

#include <string_view>
#include <vector>

namespace core {

// Which part of a single day a request covers; `half` on input means am.
enum class Part { full, am, pm };
std::string_view to_string(Part p);   // "full", "am", "pm": how it is stored
Part parse_part(std::string_view s);  // the inverse; anything else is full

// A day the site does not work, or works only half of.
struct Holiday {
    date::year_month_day day;
    std::string name;
    bool half = false;  // a half-day holiday: half a working day is still worked
};

// The calendar date it is now in `zone`.
date::local_days today_in(const date::time_zone* zone, std::chrono::system_clock::time_point now);
// The same by zone name. Throws std::runtime_error for a zone the tz database
// does not know (config::validate refuses such a zone).
date::local_days today_in(std::string_view zone, std::chrono::system_clock::time_point now);

class Calendar {
public:
    // An empty working week means the default, Monday to Friday.
    Calendar(const std::vector<date::weekday>& working_days, const std::vector<Holiday>& holidays);

    // True when anything of the day is worked, including a half-day holiday.
    bool is_working_day(date::local_days d) const;
    // 1 on a working day, 0.5 on a half-day holiday, 0 on a non-working day or
    // a full holiday.
    double working_value(date::local_days d) const;
    // The holiday's name, also when it falls on a non-working day.
    std::optional<std::string> holiday_name(date::local_days d) const;

    // Working days in [from, to], both inclusive; an empty range (to < from)
    // counts 0. A half part (am/pm) is only meaningful for a single day and
    // counts min(0.5, the day's value); with from != to it throws
    // std::invalid_argument, since parse_when never produces that.
    double count(date::local_days from, date::local_days to, Part part = Part::full) const;
    // The same count split by calendar year, because allowances are per year:
    // a request from Dec 28 to Jan 2 draws on two years. Every year the range
    // touches has an entry, even when it counts 0.
    std::map<int, double> count_by_year(date::local_days from, date::local_days to,
                                        Part part = Part::full) const;

private:
    struct DayOff {
        std::string name;
        bool half = false;
    };

    const DayOff* holiday(date::local_days d) const;

    std::array<bool, 7> working_{};  // indexed by weekday::c_encoding(), Sunday = 0
    std::map<date::local_days, DayOff> holidays_;
};

}  // namespace core
