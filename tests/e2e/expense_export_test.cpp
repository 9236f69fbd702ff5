// `sitelead-bot export expenses`, run as the real binary over the database
// the service wrote, and read back by a real CSV reader (SQLite's shell,
// `.import --csv`): commas, quotes, line breaks and non-ASCII survive, and
// amounts keep their currency's own decimals.

#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"
#include "tests/support/site.hpp"

namespace {

using namespace testing_support;

TEST(ExpenseExport, AMonthsCsvSurvivesARealCsvReader) {
    Harness site{noon_at(2026, 12, 1)};
    const std::string tricky = "Café «Zé», 2 \"bicas\"\nand a pastel de nata";
    site.dm("UANNA", "expense 4.20 meals " + tricky, "Ev0CSV1");
    site.slash("UANNA", "/expense JPY 3000 meals ramen, \"tokyo\" https://files.example.com/r.pdf");
    site.slash("UBEN", "/expense 12.345 KWD travel taxi https://files.example.com/t.pdf");
    site.slash("UMGR1", "/approve EXP-1 ok, \"fine\"");
    site.slash("UANNA", "/expense 9 supplies pens on nov 30");  // another month

    const TempDir dir("sitelead-export");
    nlohmann::json cfg = site_json();
    cfg["database"]["path"] = site.db().cfg.path;
    std::ofstream(dir / "site.json") << cfg.dump(2);
    const auto csv = dir / "expenses.csv";
    const auto exported =
        run_child(bot_binary(), {{"export", "expenses", "--month", "2026-12", "--out", csv.string(),
                                  "--config", (dir / "site.json").string()},
                                 {},
                                 {}});
    ASSERT_EQ(exported.status, 0) << exported.output;

    const auto read =
        run_child("/usr/bin/sqlite3", {{"-json", ":memory:", ".import --csv " + csv.string() + " e",
                                        "SELECT * FROM e ORDER BY id"},
                                       {},
                                       {}});
    ASSERT_EQ(read.status, 0) << read.output;
    const auto rows = nlohmann::json::parse(read.output);
    ASSERT_EQ(rows.size(), 3u) << read.output;
    EXPECT_EQ(rows[0]["id"], "EXP-1");
    EXPECT_EQ(rows[0]["description"], tricky);
    EXPECT_EQ(rows[0]["amount"], "4.20");
    EXPECT_EQ(rows[0]["currency"], "USD");
    EXPECT_EQ(rows[0]["status"], "approved");
    EXPECT_EQ(rows[0]["submitter_name"], "Anna Smith");
    EXPECT_NE(rows[0]["approvals"].get<std::string>().find("approved by UMGR1 at 2026-12-01T17:00Z "
                                                           "(ok, \"fine\")"),
              std::string::npos)
        << rows[0]["approvals"];
    EXPECT_EQ(rows[1]["description"], "ramen, \"tokyo\"");
    EXPECT_EQ(rows[1]["amount"], "3000");
    EXPECT_EQ(rows[1]["currency"], "JPY");
    EXPECT_EQ(rows[1]["receipt"], "https://files.example.com/r.pdf");
    EXPECT_EQ(rows[2]["amount"], "12.345");
    EXPECT_EQ(rows[2]["currency"], "KWD");

    const auto bad = run_child(bot_binary(), {{"export", "expenses", "--month", "2026-13",
                                               "--config", (dir / "site.json").string()},
                                              {},
                                              {}});
    EXPECT_NE(bad.status, 0);
    EXPECT_NE(bad.output.find("--month: expected a month as YYYY-MM"), std::string::npos)
        << bad.output;
}

}  // namespace
