// Slack status while away (pto.slack_status) at the New York test site:
// leave approved ahead gets its status from the morning job on its first
// day, once across a restart; leave recorded or approved on a day it has
// begun gets it at once; it expires when the leave ends (a morning off at
// the middle of the working day); nothing without a user token, nor for
// leave that is pending, denied or over.

#include <gtest/gtest.h>

#include <memory>

#include <boost/asio/io_context.hpp>

#include "bot/schedule/jobs.hpp"
#include "bot/schedule/scheduler.hpp"
#include "storage/outbox.hpp"
#include "tests/support/common.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/site.hpp"

namespace {

using namespace std::chrono_literals;
using testing_support::Harness;
using testing_support::noon_at;
using testing_support::utc;

config::Config with_statuses(bool user_token = true) {
    auto doc = testing_support::site_json();
    doc["pto"]["slack_status"] = true;
    doc["pto"]["types"][1]["status_emoji"] = ":house:";
    doc["pto"]["types"][1]["status_text"] = "Away for the day";
    auto cfg = config::parse(doc);
    if (user_token) cfg.slack.user_token = "xoxp-user-token";
    return cfg;
}

std::int64_t seconds(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

struct SlackStatus : ::testing::Test {
    Harness site{noon_at(2026, 11, 30), with_statuses()};

    std::vector<storage::outbox::Row> statuses(const std::string& user) {
        const auto db = site.db().connect();
        std::vector<storage::outbox::Row> out;
        SQLite::Statement q(*db,
                            "SELECT id FROM outbox WHERE method = 'users.profile.set' AND "
                            "recipient = ? ORDER BY id");
        q.bind(1, "status:" + user);
        while (q.executeStep())
            out.push_back(*storage::outbox::get(*db, q.getColumn(0).getInt64()));
        return out;
    }
    // Runs the scheduler's jobs at each instant, each time as after a restart.
    void run_jobs_at(std::initializer_list<const char*> instants) {
        auto writer = site.db().writer();
        boost::asio::io_context io;
        auto now = site.now;
        for (const char* at : instants) {
            bot::Scheduler scheduler(io, *writer, site.cfg.sites, [&] { return now; });
            bot::add_jobs(scheduler, site.cfg);
            now = utc(at);
            scheduler.run_due(now);
        }
        writer->stop();
    }
};

TEST_F(SlackStatus, LeaveApprovedAheadShowsFromTheMorningOfItsFirstDayOnce) {
    site.slash("UANNA", "/pto dec 2-3 vacation");
    site.slash("UMGR1", "/approve PTO-1");
    EXPECT_TRUE(statuses("UANNA").empty());  // not begun yet
    // Tuesday 09:00 in New York: not yet. Wednesday 09:00: set; again after a restart: not again.
    run_jobs_at({"2026-12-01T14:00:30Z", "2026-12-02T14:00:30Z", "2026-12-02T16:00:00Z",
                 "2026-12-03T14:00:30Z"});
    const auto rows = statuses("UANNA");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].subject, "PTO-1");
    EXPECT_EQ(rows[0].next_attempt_at, 1796220000000);  // 2026-12-02T14:00:00Z
    // Until the end of Thursday in New York: Friday 00:00 there.
    EXPECT_EQ(rows[0].body(), nlohmann::json::parse(R"({"user":"UANNA","profile":{
        "status_text":"Out of office","status_emoji":":palm_tree:",
        "status_expiration":)" + std::to_string(seconds(utc("2026-12-04T05:00:00Z"))) +
                                                    "}}"));
}

TEST_F(SlackStatus, LeaveRecordedOrApprovedOnADayItHasBegunShowsAtOnce) {
    site.now = noon_at(2026, 12, 1);
    // Sick leave needs no approval: recorded, and the status set, at once.
    site.slash("UBEN", "/pto today sick");
    auto ben = statuses("UBEN");
    ASSERT_EQ(ben.size(), 1u);
    EXPECT_EQ(ben[0].subject, "PTO-1");
    EXPECT_EQ(ben[0].body()["profile"]["status_expiration"], seconds(utc("2026-12-02T05:00:00Z")));
    // A personal morning off, asked for and approved the same morning: its
    // own emoji and text, until the middle of the working day (13:30).
    site.now = noon_at(2026, 12, 1) - 2h;
    site.slash("UANNA", "/pto today am personal");
    site.slash("UMGR1", "/approve PTO-2");
    const auto anna = statuses("UANNA");
    ASSERT_EQ(anna.size(), 1u);
    EXPECT_EQ(anna[0].body()["profile"],
              nlohmann::json({{"status_text", "Away for the day this morning"},
                              {"status_emoji", ":house:"},
                              {"status_expiration", seconds(utc("2026-12-01T18:30:00Z"))}}));
    // The morning job after them sets neither again.
    run_jobs_at({"2026-12-01T14:00:30Z", "2026-12-02T14:00:30Z"});
    EXPECT_EQ(statuses("UBEN").size(), 1u);
    EXPECT_EQ(statuses("UANNA").size(), 1u);
}

TEST_F(SlackStatus, NothingForLeaveThatWaitsIsDeniedOrIsOver) {
    site.now = noon_at(2026, 12, 1);
    site.slash("UANNA", "/pto today vacation");  // waits
    site.slash("UBEN", "/pto today vacation");   // denied
    site.slash("UMGR1", "/deny PTO-2 short-staffed");
    site.slash("UCARL", "/pto today am personal");  // approved after its morning
    site.now = noon_at(2026, 12, 1) + 2h;
    site.slash("UMGR2", "/approve PTO-3");
    run_jobs_at({"2026-12-01T14:00:30Z"});
    EXPECT_TRUE(statuses("UANNA").empty());
    EXPECT_TRUE(statuses("UBEN").empty());
    EXPECT_TRUE(statuses("UCARL").empty());
}

TEST(SlackStatusWithoutAUserToken, IsSkipped) {
    Harness site{noon_at(2026, 12, 1), with_statuses(false)};
    site.slash("UBEN", "/pto today sick");
    EXPECT_EQ(site.count("outbox", "method = 'users.profile.set'"), 0);
}

}  // namespace
