// `sitelead-bot report weekly`, run as the real binary over the database
// the service wrote: the week's numbers as the site leads get them, and a
// clear message for a week it cannot read.

#include <gtest/gtest.h>

#include <date/tz.h>

#include <chrono>
#include <fstream>

#include "tests/support/harness.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"
#include "tests/support/site.hpp"

namespace {

using namespace testing_support;

TEST(ReportWeekly, PrintsTheWeekAsTheSiteLeadsGetIt) {
    Harness site{noon_at(2026, 11, 23)};
    site.slash("UANNA", "/expense 18.40 meals sandwiches");
    site.slash("UMGR1", "/approve EXP-1");

    const TempDir dir("sitelead-report");
    nlohmann::json cfg = site_json();
    cfg["database"]["path"] = site.db().cfg.path;
    std::ofstream(dir / "site.json") << cfg.dump(2);
    const auto config = (dir / "site.json").string();
    const auto report = run_child(
        bot_binary(), {{"report", "weekly", "--week", "2026-W48", "--config", config}, {}, {}});
    ASSERT_EQ(report.status, 0) << report.output;
    EXPECT_EQ(report.output,
              "*Test Office, week 2026-W48* (Mon Nov 23 – Sun Nov 29)\n"
              "*Expenses approved*: meals $18.40 (1)\n");

    // Without --week: the last whole week in the site's zone.
    const auto* zone = date::locate_zone("America/New_York");
    const auto today = date::floor<date::days>(zone->to_local(std::chrono::system_clock::now()));
    const auto last_monday = today - (date::weekday{today} - date::Monday) - date::days{7};
    const std::string week = date::format("%G-W%V", last_monday);
    const auto named =
        run_child(bot_binary(), {{"report", "weekly", "--week", week, "--config", config}, {}, {}});
    const auto last = run_child(bot_binary(), {{"report", "weekly", "--config", config}, {}, {}});
    ASSERT_EQ(last.status, 0) << last.output;
    EXPECT_NE(last.output.find("*Test Office, week " + week + "*"), std::string::npos)
        << last.output;
    EXPECT_EQ(last.output, named.output);

    const auto bad = run_child(
        bot_binary(), {{"report", "weekly", "--week", "2026-48", "--config", config}, {}, {}});
    EXPECT_NE(bad.status, 0);
    EXPECT_NE(bad.output.find("--week: expected an ISO week as YYYY-Www, such as 2026-W48, got "
                              "\"2026-48\""),
              std::string::npos)
        << bad.output;
}

}  // namespace
