#pragma once
// iCalendar (RFC 5545) text: TEXT values escaped, content lines folded at 75
// octets (never inside a UTF-8 character) and ended by CRLF, dates and times
// in its forms, and a VTIMEZONE made from the tz database.

#include <chrono>
#include <string>
#include <string_view>

#include <date/date.h>

namespace date {
class time_zone;
}

namespace core::ics {

// Backslash, semicolon, comma and newline escaped as RFC 5545 3.3.11 says.
std::string escape(std::string_view text);
// `content` ("SUMMARY:Anna: vacation") as one content line: folded with
// CRLF and a space after every 75 octets, ended by CRLF.
std::string line(std::string_view content);
std::string date_value(date::local_days d);                      // 20261221
std::string local_value(date::local_seconds t);                  // 20261221T090000
std::string utc_value(std::chrono::system_clock::time_point t);  // 20261221T090000Z

// A VTIMEZONE for `zone` with one STANDARD or DAYLIGHT part for the offset
// in effect at `from` and for each change until `to`.
std::string vtimezone(const date::time_zone* zone, date::sys_seconds from, date::sys_seconds to);

}  // namespace core::ics
