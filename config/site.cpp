#include "config/site.hpp"

#include <exception>
#include <optional>
#include <string_view>

#include <date/tz.h>

#include "config/reader.hpp"
#include "core/dates.hpp"
#include "core/text.hpp"

namespace config {
namespace {

using json = nlohmann::json;

std::optional<date::weekday> parse_weekday(std::string_view s) {
    static constexpr const char* names[] = {"sunday",   "monday", "tuesday", "wednesday",
                                            "thursday", "friday", "saturday"};
    const std::string l = core::lower(s);
    for (unsigned i = 0; i < 7; ++i) {
        const std::string_view name = names[i];
        if (l == name || l == name.substr(0, 3)) return date::weekday{i};
    }
    return std::nullopt;
}

void read_working_days(Reader& r, const json& days, Site& s) {
    s.working_days.clear();
    for (std::size_t i = 0; i < days.size(); ++i) {
        const json& d = days[i];
        auto wd = d.is_string() ? parse_weekday(d.get<std::string>()) : std::nullopt;
        if (!wd) {
            r.problem("site.working_days[" + std::to_string(i) +
                      "]: expected a day name such as \"mon\", got " + d.dump());
            continue;
        }
        s.working_days.push_back(*wd);
    }
}

void read_holidays(Reader& r, const json& hols, Site& s) {
    for (std::size_t i = 0; i < hols.size(); ++i) {
        const json& h = hols[i];
        const std::string hp = "site.holidays[" + std::to_string(i) + "]";
        if (!h.is_object()) {
            r.problem(hp + ": expected an object {\"date\": \"YYYY-MM-DD\", \"name\": ...}");
            continue;
        }
        Holiday hol;
        std::string day;
        r.get(h, hp, "date", day);
        r.get(h, hp, "name", hol.name);
        r.get(h, hp, "half", hol.half);
        auto ymd = core::parse_iso_date(day);
        if (!ymd) {
            r.problem(hp + ".date: expected a date as YYYY-MM-DD, got \"" + day + "\"");
            continue;
        }
        hol.day = *ymd;
        s.holidays.push_back(std::move(hol));
    }
}

}  // namespace

void read_site(Reader& r, const json& j, Site& s) {
    const std::string p = "site";
    r.get(j, p, "name", s.name);
    r.get(j, p, "time_zone", s.time_zone);
    r.get(j, p, "currency", s.currency);
    if (const json* days = r.array(j, p, "working_days")) read_working_days(r, *days, s);
    if (const json* hols = r.array(j, p, "holidays")) read_holidays(r, *hols, s);
}

void fill_defaults(Site& s) {
    if (s.working_days.empty())
        s.working_days = {date::Monday, date::Tuesday, date::Wednesday, date::Thursday,
                          date::Friday};
}

void check_site(const Site& s, std::vector<std::string>& problems) {
    try {
        (void)date::locate_zone(s.time_zone);
    } catch (const std::exception&) {
        problems.push_back("site.time_zone: \"" + s.time_zone +
                           "\" is not a known time zone (use an IANA name such as "
                           "\"Europe/Berlin\")");
    }
}

}  // namespace config
