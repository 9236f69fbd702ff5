#pragma once
// The `<when>` of `/pto <when> [type] [reason]`: one date, a range or a half
// day, written the way people write dates in chat (see product.md, PTO).

#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/calendar.hpp"

namespace core {

struct DateSpan {
    date::local_days start, end;
    Part part = Part::full;

    bool operator==(const DateSpan&) const = default;
};

struct ParsedWhen {
    DateSpan span;
    std::string rest;  // the words after the date phrase, trimmed, as typed
    // A week named as one ("next week", "the week of dec 21"): its days run to
    // Sunday, and a request keeps only the working days of them.
    bool week = false;
};

// Ends every message about a <when> that could not be read.
inline constexpr std::string_view kWhenHint =
    "Try `dec 21`, `21 dec`, `2026-12-21`, `12/21-12/23`, `tomorrow` or `next monday`; "
    "a single day may add `half`, `am` or `pm`.";

// Reads the date phrase at the start of `text`, case-insensitively; `today` is
// the site's date. On failure returns a message saying what was wrong and how
// to write it. A range whose end is written before its start is refused here;
// past dates, length and overlap are the PTO handler's to judge.
std::variant<ParsedWhen, std::string> parse_when(std::string_view text, date::local_days today);

// True when `text` begins with what is written as a date, a real one or not
// ("nov 31", "13/5", "friday", "on dec 3"), not with other words ("the
// terrace", "dec"): whether parse_when()'s refusal is about a date.
bool starts_with_date(std::string_view text);

// "Mon Dec 21", "Mon Dec 21 (morning)", "Mon Dec 21 – Wed Dec 23"; the year is
// added when the span crosses a year end or is not in today's year.
std::string format_span(const DateSpan& span, date::local_days today);

// An instant as a local time of `zone`, as a deadline or a history line
// reads: "today 17:30", "tomorrow 11:00", "yesterday 09:15", "Mon Dec 21
// 10:30" (with the year when it is not today's).
std::string format_moment(const date::time_zone* zone, std::chrono::system_clock::time_point at,
                          date::local_days today);
// The same of a stored timestamp (Unix milliseconds, UTC).
std::string format_moment(const date::time_zone* zone, std::int64_t at_unix_ms,
                          date::local_days today);
// A time of day as parse_time_of_day() reads it: "09:30".
std::string time_of_day_text(std::chrono::minutes since_midnight);

// The month or weekday a word of a date names, lower case: "dec",
// "december", "sept"; "thu", "thurs", "thursday".
std::optional<date::month> month_named(std::string_view word);
std::optional<date::weekday> weekday_named(std::string_view word);
std::string month_name(date::month m);    // "December"
std::string month_abbrev(date::month m);  // "dec", as typed in a hint

std::string iso(date::local_days d);
int year_of(date::local_days d);  // 2026  // "2026-12-21"
// Exactly YYYY-MM-DD naming a real date: "2026-12-21"; none for anything else,
// including "2026-2-30" and "2026-02-30".
std::optional<date::year_month_day> parse_iso_date(std::string_view s);
// "09:00" or "9:00" on a 24-hour clock, as the time after midnight.
std::optional<std::chrono::minutes> parse_time_of_day(std::string_view s);
std::optional<date::local_days> parse_iso(std::string_view s);

}  // namespace core
