#include "core/working_time.hpp"

#include <algorithm>

#include <date/tz.h>

namespace core {

std::chrono::system_clock::time_point WorkingTime::add(std::chrono::system_clock::time_point from,
                                                       std::chrono::minutes amount) const {
    using namespace std::chrono;
    using Local = date::local_time<minutes>;
    Local cursor = date::floor<minutes>(date::make_zoned(zone, from).get_local_time());
    date::local_days day = date::floor<date::days>(cursor);
    // A year of days off in a row would be a broken calendar; stop there.
    for (int guard = 0; guard < 370 * 4; ++guard, ++day) {
        const double value = calendar.working_value(day);
        if (value > 0) {
            const Local open = day + start;
            const Local close = value >= 1 ? day + end : day + start + (end - start) / 2;
            cursor = std::max(cursor, open);
            if (cursor < close) {
                const minutes left = duration_cast<minutes>(close - cursor);
                if (amount <= left) {
                    const auto at = cursor + amount;
                    return date::make_zoned(zone, at, date::choose::earliest).get_sys_time();
                }
                amount -= left;
            }
        }
        cursor = Local(day + date::days{1});
    }
    return date::make_zoned(zone, cursor, date::choose::earliest).get_sys_time();
}

}  // namespace core
