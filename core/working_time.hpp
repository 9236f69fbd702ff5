#pragma once
// Deadlines counted in a site's working time: its working days (holidays
// off, a half-day holiday worked for the first half of the day) and its
// working hours, in its time zone. "4 working hours" from Friday 16:00 at
// 09:00-18:00 is Monday 11:00; "1 working day" is one working day's length
// of working time. Local wall-clock hours, so a deadline keeps its local
// time across a daylight-saving change.

#include <chrono>

#include <date/date.h>

#include "core/calendar.hpp"

namespace core {

struct WorkingTime {
    const Calendar& calendar;
    std::chrono::minutes start;  // local time after midnight
    std::chrono::minutes end;
    const date::time_zone* zone;

    // One full working day's length (end - start).
    std::chrono::minutes day() const { return end - start; }
    // The instant `amount` of working time after `from`. Time before the day
    // starts, after it ends, on days off and in the afternoon of a half-day
    // holiday does not count.
    std::chrono::system_clock::time_point add(std::chrono::system_clock::time_point from,
                                              std::chrono::minutes amount) const;
};

}  // namespace core
