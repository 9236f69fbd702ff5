#include "tests/support/site.hpp"

#include <cstdio>
#include <stdexcept>

#include <date/tz.h>

#include "core/dates.hpp"

namespace testing_support {

nlohmann::json site_json() {
    return nlohmann::json::parse(R"({
      "log_level": "warn",
      "server": {"address": "127.0.0.1", "port": 0, "threads": 2},
      "database": {"synchronous": "NORMAL"},
      "slack": {"signing_secret": "test-signing-secret", "bizops_channel": "C0BIZOPS"},
      "site": {
        "name": "Test Office", "time_zone": "America/New_York",
        "working_days": ["mon", "tue", "wed", "thu", "fri"],
        "holidays": [
          {"date": "2026-12-24", "name": "Christmas Eve", "half": true},
          {"date": "2026-12-25", "name": "Christmas Day"},
          {"date": "2027-01-01", "name": "New Year's Day"}
        ],
        "currency": "USD", "announcements_channel": "C0NEWS"
      },
      "pto": {
        "default_type": "vacation", "max_request_days": 30,
        "types": [
          {"name": "vacation", "allowance": 20, "needs_approval": true},
          {"name": "personal", "allowance": 3, "needs_approval": true},
          {"name": "sick", "needs_approval": false}
        ]
      },
      "people": [
        {"slack_id": "ULEAD", "name": "Lena Lead", "email": "lena@example.com", "roles": ["site_lead"]},
        {"slack_id": "UMGR1", "name": "Mia Manager", "manager": "ULEAD", "roles": ["employee"]},
        {"slack_id": "UMGR2", "name": "Max Manager", "manager": "ULEAD", "roles": ["employee"]},
        {"slack_id": "UANNA", "name": "Anna Smith", "manager": "UMGR1", "roles": ["employee"]},
        {"slack_id": "UBEN", "name": "Ben Jones", "manager": "UMGR1", "roles": ["employee"],
         "allowances": {"vacation": 2}},
        {"slack_id": "UCARL", "name": "Carl Berg", "manager": "UMGR2", "roles": ["employee"]},
        {"slack_id": "UBIZ", "name": "Bea Bizops", "manager": "ULEAD", "roles": ["bizops"]},
        {"slack_id": "UADMIN", "name": "Ada Admin", "roles": ["admin"]}
      ]
    })");
}

config::Config site_config() {
    return config::parse(site_json());
}

nlohmann::json two_sites_json() {
    nlohmann::json doc = site_json();
    nlohmann::json nyc = doc["site"];
    doc.erase("site");
    nyc["id"] = "nyc";
    const nlohmann::json london = nlohmann::json::parse(R"json({
      "id": "london", "name": "London studio", "time_zone": "Europe/London",
      "working_days": ["mon", "tue", "wed", "thu"],
      "holidays": [
        {"date": "2026-12-25", "name": "Christmas Day"},
        {"date": "2026-12-28", "name": "Boxing Day (substitute day)"
},
        {"date": "2027-01-01", "name": "New Year's Day"}
      ],
      "currency": "GBP", "site_leads": ["ULOLA"]
})json");
    doc["sites"] = {nyc, london};
    for (auto& person : doc["people"]) person["site"] = "nyc";
    doc["people"].push_back({{"slack_id", "ULOLA"},
                             {"name", "Lola Lead"},
                             {"site", "london"},
                             {"roles", {"employee"}}});
    doc["people"].push_back({{"slack_id", "ULIZ"},
                             {"name", "Liz Studio"},
                             {"site", "london"},
                             {"manager", "UMGR1"},
                             {"roles", {"employee"}}});
    doc["people"].push_back(
        {{"slack_id", "ULEO"}, {"name", "Leo Loner"}, {"site", "london"}, {"roles", {"employee"}}});
    return doc;
}

config::Config two_sites_config() {
    return config::parse(two_sites_json());
}

std::chrono::system_clock::time_point utc(const std::string& text) {
    // "2026-12-21T09:00:00Z"
    const auto day = core::parse_iso_date(std::string_view(text).substr(0, 10));
    int h = 0, m = 0, sec = 0;
    char tail = 0;
    if (!day || text.size() != 20 ||
        std::sscanf(text.c_str() + 10, "T%2d:%2d:%2d%c", &h, &m, &sec, &tail) != 4 || tail != 'Z')
        throw std::invalid_argument("bad test time " + text + ", expected 2026-12-21T09:00:00Z");
    return date::sys_days{*day} + std::chrono::hours(h) + std::chrono::minutes(m) +
           std::chrono::seconds(sec);
}

std::chrono::system_clock::time_point noon_at(int y, unsigned m, unsigned d) {
    const auto local = date::local_days{date::year{y} / m / d} + std::chrono::hours(12);
    return date::make_zoned("America/New_York", local).get_sys_time();
}

}  // namespace testing_support
