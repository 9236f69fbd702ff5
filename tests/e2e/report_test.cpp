// `sitelead-bot report weekly`, run as the real binary over the database
// the service wrote: the week's numbers as the site leads get them, and a
// clear message for a week it cannot read.

#include <gtest/gtest.h>

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

    const auto bad = run_child(
        bot_binary(), {{"report", "weekly", "--week", "2026-48", "--config", config}, {}, {}});
    EXPECT_NE(bad.status, 0);
    EXPECT_NE(bad.output.find("--week: expected an ISO week as YYYY-Www, such as 2026-W48, got "
                              "\"2026-48\""),
              std::string::npos)
        << bad.output;
}

}  // namespace
