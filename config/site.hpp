#pragma once
// The offices: each with its name, time zone, calendar, working hours,
// currency, site leads and channels. A company has one Slack workspace and
// many sites; each person belongs to one, and every rule that depends on the
// calendar or on who stands in reads the person's site.
//
// The file has either a `sites` list or (older files) a single `site`
// object, which loads as one site whose leads are the people with the
// `site_lead` role.

#include <chrono>
#include <string>
#include <vector>

#include <date/date.h>
#include <nlohmann/json_fwd.hpp>

#include "core/calendar.hpp"

namespace config {

using Holiday = core::Holiday;

// The working day's hours, local time after midnight. Jobs that run "in the
// morning" run at `start` in each site's own zone.
struct WorkingHours {
    std::chrono::minutes start{9 * 60};
    std::chrono::minutes end{18 * 60};
};

struct Site {
    std::string id = "office";
    std::string name = "Office";
    std::string time_zone = "UTC";
    std::vector<date::weekday> working_days;  // default Monday to Friday
    WorkingHours hours;
    std::vector<Holiday> holidays;
    std::string currency = "USD";
    std::vector<std::string> site_leads;  // slack ids; a person may lead several sites
    std::string bizops_channel;           // office tickets; slack.bizops_channel when empty
    std::string announcements_channel;

    core::Calendar calendar() const { return core::Calendar(working_days, holidays); }
    // The calendar date it is now in the site's zone (validated at load).
    date::local_days today(std::chrono::system_clock::time_point now) const;
    // Whole working days from the day of `at` to `today`: 0 on the same
    // day, 1 on the next working day (how long a request has waited).
    int working_days_since(std::chrono::system_clock::time_point at, date::local_days today) const;
    // The zone: located at load, or by name for a site built by hand.
    const date::time_zone* tz() const;
    bool leads(std::string_view slack_id) const;

    // Located once at load; null for a site built by hand, which is then
    // looked up by name.
    const date::time_zone* zone = nullptr;
};

class Reader;

// `j` is the object at `key` ("site" or "sites[1]").
void read_site(Reader& r, const nlohmann::json& j, const std::string& key, Site& s);
// Monday to Friday when no working day is named (an empty week would make
// every day a day off); the zone located when it is valid.
void fill_defaults(Site& s);
// `listed`: the sites came as a `sites` list (keys "sites[i]"), not as the
// single `site` object.
void check_sites(const std::vector<Site>& sites, bool listed, std::vector<std::string>& problems);

}  // namespace config
