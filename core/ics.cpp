#include "core/ics.hpp"

#include <date/tz.h>
#include <fmt/format.h>

namespace core::ics {
namespace {

constexpr std::size_t kOctets = 75;

std::string offset_value(std::chrono::seconds offset) {
    const auto total = offset.count();
    const auto magnitude = total < 0 ? -total : total;
    return fmt::format("{}{:02}{:02}", total < 0 ? '-' : '+', magnitude / 3600,
                       magnitude % 3600 / 60);
}

}  // namespace

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case ';':
                out += "\\;";
                break;
            case ',':
                out += "\\,";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string line(std::string_view content) {
    std::string out;
    std::size_t in_line = 0;
    for (std::size_t i = 0; i < content.size();) {
        // The whole UTF-8 sequence starting here goes on one line.
        std::size_t n = 1;
        while (i + n < content.size() &&
               (static_cast<unsigned char>(content[i + n]) & 0xC0) == 0x80)
            ++n;
        if (in_line + n > kOctets) {
            out += "\r\n ";
            in_line = 1;  // the space
        }
        out.append(content.substr(i, n));
        in_line += n;
        i += n;
    }
    return out + "\r\n";
}

std::string date_value(date::local_days d) {
    return date::format("%Y%m%d", d);
}

std::string local_value(date::local_seconds t) {
    return date::format("%Y%m%dT%H%M%S", t);
}

std::string utc_value(std::chrono::system_clock::time_point t) {
    return date::format("%Y%m%dT%H%M%SZ", date::floor<std::chrono::seconds>(t));
}

std::string vtimezone(const date::time_zone* zone, date::sys_seconds from, date::sys_seconds to) {
    std::string out = line("BEGIN:VTIMEZONE") + line("TZID:" + std::string(zone->name()));
    const auto part = [&](const date::sys_info& info, date::sys_seconds onset,
                          std::chrono::seconds offset_from) {
        const char* kind = info.save != std::chrono::minutes{0} ? "DAYLIGHT" : "STANDARD";
        // DTSTART is the onset in the local time in effect before it.
        const date::local_seconds local{onset.time_since_epoch() + offset_from};
        out += line(fmt::format("BEGIN:{}", kind)) + line("DTSTART:" + local_value(local)) +
               line("TZOFFSETFROM:" + offset_value(offset_from)) +
               line("TZOFFSETTO:" + offset_value(info.offset)) +
               line("TZNAME:" + escape(info.abbrev)) + line(fmt::format("END:{}", kind));
    };
    date::sys_info info = zone->get_info(from);
    // The offset in effect at `from`, from a year before at most.
    const auto year = date::sys_seconds{from - std::chrono::hours(24 * 366)};
    const auto onset = std::max(info.begin, year);
    const auto before =
        onset > year ? zone->get_info(onset - std::chrono::seconds(1)).offset : info.offset;
    part(info, onset, before);
    for (auto t = info.end; t < to; t = info.end) {
        const auto previous = info.offset;
        info = zone->get_info(t);
        part(info, t, previous);
    }
    return out + line("END:VTIMEZONE");
}

}  // namespace core::ics
