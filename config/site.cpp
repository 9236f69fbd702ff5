#include "config/site.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <map>
#include <optional>
#include <string_view>

#include <date/tz.h>

#include "config/reader.hpp"
#include "core/dates.hpp"
#include "core/money.hpp"
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

void read_working_days(Reader& r, const json& days, const std::string& key, Site& s) {
    s.working_days.clear();
    for (std::size_t i = 0; i < days.size(); ++i) {
        const json& d = days[i];
        auto wd = d.is_string() ? parse_weekday(d.get<std::string>()) : std::nullopt;
        if (!wd) {
            r.problem(key + ".working_days[" + std::to_string(i) +
                      "]: expected a day name such as \"mon\", got " + d.dump());
            continue;
        }
        s.working_days.push_back(*wd);
    }
}

void read_holidays(Reader& r, const json& hols, const std::string& key, Site& s) {
    for (std::size_t i = 0; i < hols.size(); ++i) {
        const json& h = hols[i];
        const std::string hp = key + ".holidays[" + std::to_string(i) + "]";
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

void read_hours(Reader& r, const json& j, const std::string& key, Site& s) {
    const std::string hp = key + ".working_hours";
    for (auto [name, at] : {std::pair{"start", &s.hours.start}, std::pair{"end", &s.hours.end}}) {
        std::string text;
        r.get(j, hp, name, text);
        if (text.empty()) continue;
        if (auto t = core::parse_time_of_day(text))
            *at = *t;
        else
            r.problem(hp + "." + name + ": expected a time as HH:MM (24-hour), got \"" + text +
                      "\"");
    }
}

}  // namespace

date::local_days Site::today(std::chrono::system_clock::time_point now) const {
    return core::today_in(tz(), now);
}

int Site::working_days_since(std::chrono::system_clock::time_point at,
                             date::local_days today) const {
    return static_cast<int>(std::floor(calendar().count(this->today(at) + date::days{1}, today)));
}

const date::time_zone* Site::tz() const {
    return zone ? zone : date::locate_zone(time_zone);
}

bool Site::leads(std::string_view slack_id) const {
    return std::find(site_leads.begin(), site_leads.end(), slack_id) != site_leads.end();
}

void read_site(Reader& r, const json& j, const std::string& key, Site& s) {
    r.get(j, key, "id", s.id);
    r.get(j, key, "name", s.name);
    r.get(j, key, "time_zone", s.time_zone);
    r.get(j, key, "currency", s.currency);
    r.get(j, key, "site_leads", s.site_leads);
    r.get(j, key, "bizops_channel", s.bizops_channel);
    r.get(j, key, "announcements_channel", s.announcements_channel);
    if (const json* days = r.array(j, key, "working_days")) read_working_days(r, *days, key, s);
    if (const json* hours = r.object(j, key, "working_hours")) read_hours(r, *hours, key, s);
    if (const json* hols = r.array(j, key, "holidays")) read_holidays(r, *hols, key, s);
}

void fill_defaults(Site& s) {
    if (s.working_days.empty())
        s.working_days = {date::Monday, date::Tuesday, date::Wednesday, date::Thursday,
                          date::Friday};
    try {
        s.zone = date::locate_zone(s.time_zone);
    } catch (const std::exception&) {
        s.zone = nullptr;  // check_sites names it
    }
}

void check_sites(const std::vector<Site>& sites, bool listed, std::vector<std::string>& problems) {
    std::map<std::string, std::size_t> ids;
    for (std::size_t i = 0; i < sites.size(); ++i) {
        const Site& s = sites[i];
        const std::string key = listed ? "sites[" + std::to_string(i) + "]" : "site";
        if (s.id.empty() || s.id.find_first_of(" \t@") != std::string::npos)
            problems.push_back(key +
                               ".id: expected a short name without spaces, such as "
                               "\"lisbon\", got \"" +
                               s.id + "\"");
        else if (auto [at, fresh] = ids.emplace(s.id, i); !fresh)
            problems.push_back(key + ".id: duplicate site id \"" + s.id + "\" (also sites[" +
                               std::to_string(at->second) + "])");
        if (!s.zone)
            problems.push_back(key + ".time_zone: \"" + s.time_zone +
                               "\" is not a known time zone (use an IANA name such as "
                               "\"Europe/Berlin\")");
        if (!core::find_currency(s.currency))
            problems.push_back(key + ".currency: \"" + s.currency +
                               "\" is not a currency I know (use an ISO 4217 code such as "
                               "\"EUR\")");
        if (s.hours.start >= s.hours.end)
            problems.push_back(key + ".working_hours: the day must start before it ends");
    }
}

}  // namespace config
