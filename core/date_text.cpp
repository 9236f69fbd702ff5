// The dates of core/dates.hpp as people read them. Formatted with fmt and
// fixed C-locale names, not date::format's ostringstream: these run for every
// request and every line of a list, so their formats are compiled
// (FMT_COMPILE) rather than parsed on each call.

#include <date/tz.h>
#include <fmt/compile.h>
#include <fmt/format.h>

#include "core/dates.hpp"

namespace core {
namespace {

using date::local_days;

constexpr std::string_view kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// "Mon Dec 21", or "Mon Dec 21, 2026" with the year.
std::string day_text(local_days d, bool with_year) {
    const date::year_month_day ymd{d};
    const std::string_view day = kDays[date::weekday{d}.c_encoding()];
    const std::string_view month = kMonths[unsigned(ymd.month()) - 1];
    if (with_year)
        return fmt::format(FMT_COMPILE("{} {} {}, {}"), day, month, unsigned(ymd.day()),
                           int(ymd.year()));
    return fmt::format(FMT_COMPILE("{} {} {}"), day, month, unsigned(ymd.day()));
}

}  // namespace

std::string format_span(const DateSpan& span, local_days today) {
    const int start_year = int(date::year_month_day{span.start}.year());
    const bool with_year = start_year != int(date::year_month_day{span.end}.year()) ||
                           start_year != int(date::year_month_day{today}.year());
    const auto one = [&](local_days d) { return day_text(d, with_year); };
    if (span.start != span.end) return one(span.start) + " \u2013 " + one(span.end);
    switch (span.part) {
        case Part::am:
            return one(span.start) + " (morning)";
        case Part::pm:
            return one(span.start) + " (afternoon)";
        case Part::full:
            break;
    }
    return one(span.start);
}

std::string time_of_day_text(std::chrono::minutes since_midnight) {
    return fmt::format(FMT_COMPILE("{:02}:{:02}"), since_midnight.count() / 60,
                       since_midnight.count() % 60);
}

std::string format_moment(const date::time_zone* zone, std::chrono::system_clock::time_point at,
                          local_days today) {
    const auto local =
        date::make_zoned(zone, date::floor<std::chrono::minutes>(at)).get_local_time();
    const local_days day = date::floor<date::days>(local);
    const std::string time =
        time_of_day_text(std::chrono::duration_cast<std::chrono::minutes>(local - day));
    if (day == today) return "today " + time;
    if (day == today + date::days{1}) return "tomorrow " + time;
    if (day == today - date::days{1}) return "yesterday " + time;
    const bool with_year = date::year_month_day{day}.year() != date::year_month_day{today}.year();
    return day_text(day, with_year) + " " + time;
}

std::string format_moment(const date::time_zone* zone, std::int64_t at_unix_ms, local_days today) {
    return format_moment(
        zone, std::chrono::system_clock::time_point(std::chrono::milliseconds(at_unix_ms)), today);
}

std::string iso(local_days d) {
    // date::format goes through an ostringstream: this runs several times per
    // request on the writer, where that was 3% of the time.
    const date::year_month_day ymd{d};
    return fmt::format(FMT_COMPILE("{:04}-{:02}-{:02}"), static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

}  // namespace core
