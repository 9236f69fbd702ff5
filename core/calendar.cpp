#include "core/calendar.hpp"

#include <date/tz.h>

#include <algorithm>
#include <stdexcept>

namespace core {

std::string_view to_string(Part p) {
    return p == Part::am ? "am" : p == Part::pm ? "pm" : "full";
}

Part parse_part(std::string_view s) {
    return s == "am" ? Part::am : s == "pm" ? Part::pm : Part::full;
}

date::local_days today_in(const date::time_zone* zone, std::chrono::system_clock::time_point now) {
    return date::floor<date::days>(date::make_zoned(zone, now).get_local_time());
}

date::local_days today_in(std::string_view zone, std::chrono::system_clock::time_point now) {
    return today_in(date::locate_zone(zone), now);
}

Calendar::Calendar(const std::vector<date::weekday>& working_days,
                   const std::vector<Holiday>& holidays) {
    if (working_days.empty()) {
        for (auto wd : {date::Monday, date::Tuesday, date::Wednesday, date::Thursday, date::Friday})
            working_[wd.c_encoding()] = true;
    }
    for (auto wd : working_days)
        if (wd.ok()) working_[wd.c_encoding()] = true;

    for (const auto& h : holidays) {
        if (!h.day.ok()) continue;
        auto [it, inserted] =
            holidays_.try_emplace(date::local_days{h.day}, DayOff{h.name, h.half});
        // Two entries for one date: the day off wins over the half day.
        if (!inserted && it->second.half && !h.half) it->second = DayOff{h.name, false};
    }
}

const Calendar::DayOff* Calendar::holiday(date::local_days d) const {
    auto it = holidays_.find(d);
    return it == holidays_.end() ? nullptr : &it->second;
}

bool Calendar::is_working_day(date::local_days d) const {
    return working_value(d) > 0;
}

double Calendar::working_value(date::local_days d) const {
    if (!working_[date::weekday{d}.c_encoding()]) return 0;
    const DayOff* h = holiday(d);
    if (!h) return 1;
    return h->half ? 0.5 : 0;
}

std::optional<std::string> Calendar::holiday_name(date::local_days d) const {
    const DayOff* h = holiday(d);
    if (!h) return std::nullopt;
    return h->name;
}

double Calendar::count(date::local_days from, date::local_days to, Part part) const {
    double total = 0;
    for (const auto& [year, value] : count_by_year(from, to, part)) total += value;
    return total;
}

std::map<int, double> Calendar::count_by_year(date::local_days from, date::local_days to,
                                              Part part) const {
    std::map<int, double> by_year;
    if (to < from) return by_year;
    if (part != Part::full) {
        if (from != to) throw std::invalid_argument("a half day (am/pm) must be a single date");
        by_year[int(date::year_month_day{from}.year())] = std::min(0.5, working_value(from));
        return by_year;
    }
    for (date::local_days d = from; d <= to; d += date::days{1})
        by_year[int(date::year_month_day{d}.year())] += working_value(d);
    return by_year;
}

}  // namespace core
