#pragma once
// A small site for handler tests: a site lead, two managers with reports,
// BizOps, an admin. Today is injected by the test's clock.

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "config/config.hpp"

namespace testing_support {

// People (slack ids): ULEAD site lead (no manager); UMGR1 manages UANNA,
// UBEN; UMGR2 manages UCARL; the managers report to ULEAD; UBIZ bizops;
// UADMIN admin. Time zone America/New_York, Mon-Fri, holidays 2026-12-25
// (full), 2026-12-24 (half), 2027-01-01 (full). vacation 20 days,
// personal 3, sick unlimited without approval. UBEN has 2 vacation days.
nlohmann::json site_json();
config::Config site_config();

// The same company with two sites: "nyc" (the site above, every person of
// it) and "london", the London studio (Europe/London, Monday to Thursday,
// UK holidays 2026-12-25, 2026-12-28 and 2027-01-01, GBP), led by ULOLA.
// ULIZ works in London and reports to UMGR1 in New York; ULEO works in
// London and has no manager.
nlohmann::json two_sites_json();
config::Config two_sites_config();

// "2026-03-08T07:00:00Z" as a time point; throws on anything else.
std::chrono::system_clock::time_point utc(const std::string& text);

// 12:00 local time (New York) on the given date, as a UTC time point.
std::chrono::system_clock::time_point noon_at(int y, unsigned m, unsigned d);

}  // namespace testing_support
