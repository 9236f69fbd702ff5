// The dates of core/dates.hpp in their fixed formats (ISO 8601, HH:MM), read
// and written, and as people read them. Formatted with fmt and
// fixed C-locale names, not date::format's ostringstream: these run for every
// request and every line of a list, so their formats are compiled
// (FMT_COMPILE) rather than parsed on each call.

#include <array>

#include <date/tz.h>
#include <fmt/compile.h>
#include <fmt/format.h>

#include "core/dates.hpp"
#include "core/text.hpp"

namespace core {
namespace {

using date::local_days;

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

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

std::optional<date::month> month_named(std::string_view w) {
    static constexpr std::array<std::string_view, 12> abbrev = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    for (unsigned i = 0; i < 12; ++i)
        if (w == abbrev[i] || w == lower(kMonthNames[i])) return date::month{i + 1};
    if (w == "sept") return date::September;
    return std::nullopt;
}

std::optional<date::weekday> weekday_named(std::string_view w) {
    struct Name {
        std::string_view word;
        date::weekday day;
    };
    static const std::array<Name, 17> names = {{
        {"mon", date::Monday},
        {"monday", date::Monday},
        {"tue", date::Tuesday},
        {"tues", date::Tuesday},
        {"tuesday", date::Tuesday},
        {"wed", date::Wednesday},
        {"wednesday", date::Wednesday},
        {"thu", date::Thursday},
        {"thur", date::Thursday},
        {"thurs", date::Thursday},
        {"thursday", date::Thursday},
        {"fri", date::Friday},
        {"friday", date::Friday},
        {"sat", date::Saturday},
        {"saturday", date::Saturday},
        {"sun", date::Sunday},
        {"sunday", date::Sunday},
    }};
    for (const auto& n : names)
        if (n.word == w) return n.day;
    return std::nullopt;
}

std::string month_name(date::month m) {
    return std::string(kMonthNames[unsigned(m) - 1]);
}

std::string month_abbrev(date::month m) {
    return lower(kMonthNames[unsigned(m) - 1].substr(0, 3));
}

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

std::optional<date::year_month_day> parse_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto digits = [&](std::size_t from, std::size_t n) -> std::optional<unsigned> {
        unsigned v = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
            v = v * 10 + unsigned(s[i] - '0');
        }
        return v;
    };
    const auto y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    if (!y || !m || !d) return std::nullopt;
    const auto ymd = date::year{int(*y)} / date::month{*m} / date::day{*d};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}

std::optional<local_days> parse_iso(std::string_view s) {
    const auto ymd = parse_iso_date(s);
    if (!ymd) return std::nullopt;
    return local_days{*ymd};
}

std::optional<std::chrono::minutes> parse_time_of_day(std::string_view s) {
    const auto colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || s.size() - colon != 3)
        return std::nullopt;
    int h = 0, m = 0;
    for (const char c : s.substr(0, colon)) {
        if (c < '0' || c > '9') return std::nullopt;
        h = h * 10 + (c - '0');
    }
    for (const char c : s.substr(colon + 1)) {
        if (c < '0' || c > '9') return std::nullopt;
        m = m * 10 + (c - '0');
    }
    if (h > 23 || m > 59) return std::nullopt;
    return std::chrono::hours(h) + std::chrono::minutes(m);
}

int year_of(date::local_days d) {
    return static_cast<int>(date::year_month_day{d}.year());
}

}  // namespace core
