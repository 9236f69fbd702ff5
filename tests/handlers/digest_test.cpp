// The morning digest on a realistic day at the New York test site, built
// through the real service (commands at the times they were typed), then
// composed for Tuesday 2026-12-01 08:30: who is out (a half day marked),
// decisions of both workflows waiting on each manager with their age in
// working days, an approved expense not reimbursed for two weeks, a ticket
// past its deadline and one reopened as still broken, and unanswered
// questions, alike ones together. Then the scheduler: sent once per working
// day across a restart, never on a weekend or a holiday.

#include <gtest/gtest.h>

#include <memory>

#include <boost/asio/io_context.hpp>

#include "bot/schedule/jobs.hpp"
#include "bot/schedule/scheduler.hpp"
#include "handlers/digest.hpp"
#include "tests/support/common.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/site.hpp"

namespace {

using namespace std::chrono_literals;
using testing_support::Harness;
using testing_support::noon_at;

// 08:30 in New York on that day.
std::chrono::system_clock::time_point morning_of(int y, unsigned m, unsigned d) {
    return noon_at(y, m, d) - 3h - 30min;
}

struct Digest : ::testing::Test {
    Harness site{noon_at(2026, 11, 10)};

    // `line` typed by `user` at noon of that day.
    std::string at(unsigned month, unsigned day, const std::string& user, const std::string& line) {
        site.now = noon_at(2026, month, day);
        return site.slash(user, line).text;
    }
    std::optional<std::string> digest_of(const std::string& user,
                                         std::chrono::system_clock::time_point now) {
        const auto db = site.db().connect();
        return handlers::digest::compose(site.cfg, *site.cfg.find_person(user), *db, now,
                                         handlers::digest::When::something_waits);
    }
    void a_realistic_day() {
        at(11, 10, "UANNA", "/expense 1,250 equipment monitor https://files.example.com/m.pdf");
        at(11, 10, "UMGR1", "/approve EXP-1");
        at(11, 10, "ULEAD", "/approve EXP-1");
        at(11, 23, "UANNA", "/pto dec 1-3 vacation");
        at(11, 23, "UMGR1", "/approve PTO-1");
        at(11, 23, "UBEN", "/pto dec 2 pm vacation");
        at(11, 23, "UMGR1", "/approve PTO-2");
        at(11, 26, "UCARL", "/pto dec 21-23 vacation");
        at(11, 30, "UBEN", "/expense 18.40 meals sandwiches with a client");
        at(11, 30, "UANNA", "/office the kitchen sink is leaking #facilities !urgent");
        at(11, 24, "UBEN", "/office projector in room 2 shows no picture #it");
        at(11, 24, "UBIZ", "/office resolve OFC-2");
        at(11, 25, "UBEN", "/office broken OFC-2 still no picture");
        at(11, 30, "UANNA", "/faq what is the capital of peru");
        at(11, 30, "UBEN", "/faq capital of peru?");
        at(11, 30, "UCARL", "/faq where can i charge my scooter");
    }
};

TEST_F(Digest, TheSiteLeadHearsEverythingThatNeedsThemInOneMessage) {
    a_realistic_day();
    const auto text = digest_of("ULEAD", morning_of(2026, 12, 1));
    ASSERT_TRUE(text);
    EXPECT_EQ(*text,
              "*Test Office, Tue Dec 1*\n"
              "*Out today*: <@UANNA> (vacation, until Thu Dec 3)\n"
              "*Out tomorrow*: <@UANNA> (vacation, until Thu Dec 3), <@UBEN> (vacation, "
              "afternoon)\n"
              "*Waiting for a decision* (2; `/approve` lists yours)\n"
              "On <@UMGR2>:\n"
              "• `PTO-3` <@UCARL> vacation · Mon Dec 21 – Wed Dec 23 · 3 days · waiting 3 "
              "working days\n"
              "On <@UMGR1>:\n"
              "• `EXP-2` <@UBEN> $18.40 · meals · sandwiches with a client · waiting 1 working "
              "day\n"
              "*Approved, not reimbursed after 10 working days* (1; BizOps: `/expense reimburse "
              "EXP-n`)\n"
              "• `EXP-1` <@UANNA> $1,250.00 · equipment · approved 15 working days ago\n"
              "*Open tickets by age* (2; `/office queue`): 1 of 1 to 4 working days · 1 of 5 "
              "or more; the oldest is OFC-2, open 5 working days\n"
              "*Tickets that need a push* (2)\n"
              "• OFC-1 · 🔴 urgent · Facilities · open, was due yesterday 12:30 · the kitchen "
              "sink is leaking · *past its deadline*\n"
              "• OFC-2 · normal · IT · open, was due Thu Nov 26 12:00, with <@UBIZ> · projector "
              "in room 2 shows no picture · *reopened*: still broken, *past its deadline*\n"
              "*Unanswered questions* (3, most asked first; `/faq unanswered`)\n"
              "• 2× \"what is the capital of peru\" (Q-1, Q-2)\n"
              "• 1× \"where can i charge my scooter\" (Q-3)\n");
    // The same when asked for, and on the Home tab, a section a part.
    site.now = morning_of(2026, 12, 1);
    EXPECT_EQ(site.slash("ULEAD", "/sitelead digest").text, *text);
    const auto home = site.home("ULEAD").dump();
    EXPECT_CONTAINS(home, "*Tickets that need a push* (2)");
}

// A site with many approvers: the site lead's digest lists six of them
// with what waits on them, the oldest first, then counts the rest, so that
// the DM stays short and each Home tab section within Slack's 3000
// characters however many managers have something waiting.
TEST(DigestOfABigSite, ListsSixApproversAndCountsTheRest) {
    auto doc = testing_support::site_json();
    for (int k = 1; k <= 8; ++k) {
        doc["people"].push_back({{"slack_id", "UM" + std::to_string(k)},
                                 {"name", "Manager " + std::to_string(k)},
                                 {"manager", "ULEAD"},
                                 {"roles", {"employee"}}});
        doc["people"].push_back({{"slack_id", "UR" + std::to_string(k)},
                                 {"name", "Report " + std::to_string(k)},
                                 {"manager", "UM" + std::to_string(k)},
                                 {"roles", {"employee"}}});
    }
    Harness site{noon_at(2026, 11, 2), config::parse(doc)};
    for (unsigned k = 1; k <= 8; ++k) {
        site.now = noon_at(2026, 11, 1 + k);  // UM1's the oldest, UM8's the newest
        EXPECT_CONTAINS(site.slash("UR" + std::to_string(k), "/pto dec 21 vacation").text,
                        "Requested PTO-");
    }
    EXPECT_CONTAINS(site.slash("UR2", "/pto dec 22 personal").text, "Requested PTO-9");

    const auto db = site.db().connect();
    const auto text =
        handlers::digest::compose(site.cfg, *site.cfg.find_person("ULEAD"), *db,
                                  morning_of(2026, 12, 1), handlers::digest::When::always);
    ASSERT_TRUE(text);
    EXPECT_CONTAINS(*text,
                    "*Waiting for a decision* (9; `/approve` lists yours)\n"
                    "On <@UM1>:\n• `PTO-1` <@UR1> vacation");
    EXPECT_CONTAINS(*text,
                    "On <@UM2>:\n• `PTO-2` <@UR2> vacation · Mon Dec 21 · 1 day · "
                    "waiting 20 working days\n• `PTO-9` <@UR2> personal");
    for (int k = 3; k <= 6; ++k) EXPECT_CONTAINS(*text, "On <@UM" + std::to_string(k) + ">:");
    EXPECT_EQ(text->find("On <@UM7>"), std::string::npos) << *text;
    EXPECT_EQ(text->find("On <@UM8>"), std::string::npos) << *text;
    EXPECT_CONTAINS(*text,
                    "• `PTO-6` <@UR6> vacation · Mon Dec 21 · 1 day · waiting 17 working "
                    "days\n…and 2 more waiting on 2 other approvers\n");
    // On the Home tab each approver is a section of their own.
    site.now = morning_of(2026, 12, 1);
    const auto home = site.home("ULEAD");
    int sections = 0;
    for (const auto& block : home["blocks"])
        if (block["type"] == "section") {
            const std::string part = block["text"]["text"];
            EXPECT_LT(part.size(), 3000u);
            if (part.find("On <@UM") != std::string::npos) ++sections;
        }
    EXPECT_EQ(sections, 6);
}

TEST_F(Digest, AManagerHearsOfTheirOwnTeamOnlyWhenSomethingWaits) {
    a_realistic_day();
    const auto morning = morning_of(2026, 12, 1);
    const auto mia = digest_of("UMGR1", morning);
    ASSERT_TRUE(mia);
    EXPECT_EQ(*mia,
              "*Your team, Tue Dec 1*\n"
              "*Out today*: <@UANNA> (vacation, until Thu Dec 3)\n"
              "*Out tomorrow*: <@UANNA> (vacation, until Thu Dec 3), <@UBEN> (vacation, "
              "afternoon)\n"
              "*Waiting for your decision* (1; `/approve` lists them)\n"
              "• `EXP-2` <@UBEN> $18.40 · meals · sandwiches with a client · waiting 1 working "
              "day\n");
    // Once the expense is decided, nothing waits: no morning message, and an
    // asked-for digest says so.
    at(12, 1, "UMGR1", "/approve EXP-2");
    EXPECT_FALSE(digest_of("UMGR1", morning + 24h));
    site.now = morning + 24h;
    EXPECT_CONTAINS(site.slash("UMGR1", "/sitelead digest").text,
                    "Nothing waits for your decision.");
    // Someone with no site and no team has none.
    EXPECT_FALSE(digest_of("UANNA", morning));
    EXPECT_CONTAINS(site.slash("UANNA", "/sitelead digest").text,
                    "The digest is for site leads and managers");
}

TEST_F(Digest, AQuietDayIsOneLineAndAHolidayIsNamed) {
    const auto quiet = digest_of("ULEAD", morning_of(2026, 12, 1));
    ASSERT_TRUE(quiet);
    EXPECT_EQ(*quiet,
              "*Test Office, Tue Dec 1*\n"
              "A quiet day: nobody is out, nothing waits for a decision, no ticket is late and "
              "every question has its answer.\n");
    // An admin may do all a site lead may: leading no site, they get their own's.
    EXPECT_EQ(digest_of("UADMIN", morning_of(2026, 12, 1)), quiet);
    site.now = morning_of(2026, 12, 1);
    EXPECT_CONTAINS(site.slash("UADMIN", "/sitelead digest").text, "*Test Office, Tue Dec 1*");
    // A ticket filed today is counted by age, and needs no push yet.
    at(12, 1, "UANNA", "/office the stapler on 2F is empty #supplies");
    EXPECT_EQ(*digest_of("ULEAD", morning_of(2026, 12, 1) + 6h),
              "*Test Office, Tue Dec 1*\n"
              "*Open tickets by age* (1; `/office queue`): 1 new today\n");
    at(12, 1, "UBIZ", "/office resolve OFC-1 refilled");
    // Christmas Eve is a half-day holiday; the next working day is after Christmas.
    at(12, 1, "UANNA", "/pto dec 28 vacation");
    at(12, 1, "UMGR1", "/approve PTO-1");
    EXPECT_EQ(*digest_of("ULEAD", morning_of(2026, 12, 24)),
              "*Test Office, Thu Dec 24*\n"
              "Today is Christmas Eve (a half day).\n"
              "*Out Mon Dec 28*: <@UANNA> (vacation)\n");
}

TEST_F(Digest, IsSentOncePerWorkingDayAcrossARestartAndNeverOnAWeekendOrHoliday) {
    a_realistic_day();
    auto writer = site.db().writer();
    auto now = noon_at(2026, 11, 30);
    boost::asio::io_context io;
    const auto sent_to_lead = [&] {
        return site.count("outbox", "recipient = 'ULEAD' AND payload LIKE '%Test Office, %'");
    };
    auto scheduler =
        std::make_unique<bot::Scheduler>(io, *writer, site.cfg.sites, [&] { return now; });
    bot::add_jobs(*scheduler, site.cfg);
    now = morning_of(2026, 12, 1) - 1min;
    scheduler->run_due(now);
    EXPECT_EQ(sent_to_lead(), 0);
    now = morning_of(2026, 12, 1) + 1s;
    scheduler->run_due(now);
    EXPECT_EQ(sent_to_lead(), 1);
    EXPECT_EQ(site.count("outbox", "recipient = 'UMGR1' AND payload LIKE '%Your team%'"), 1);
    EXPECT_EQ(site.count("outbox", "recipient = 'UMGR2' AND payload LIKE '%Your team%'"), 1);
    EXPECT_EQ(site.count("outbox", "recipient = 'UANNA' AND payload LIKE '%Your team%'"), 0);
    // A restart later that morning sends nothing again.
    scheduler.reset();
    scheduler = std::make_unique<bot::Scheduler>(io, *writer, site.cfg.sites, [&] { return now; });
    bot::add_jobs(*scheduler, site.cfg);
    now = morning_of(2026, 12, 1) + 2h;
    scheduler->run_due(now);
    EXPECT_EQ(sent_to_lead(), 1);
    // Wednesday to Friday: one each. The weekend: none.
    for (unsigned day : {2u, 3u, 4u, 5u, 6u}) {
        now = morning_of(2026, 12, day) + 1s;
        scheduler->run_due(now);
    }
    EXPECT_EQ(sent_to_lead(), 4);
    // Christmas Eve (a half-day holiday) has one; Christmas Day has none.
    for (unsigned day : {24u, 25u}) {
        now = morning_of(2026, 12, day) + 1s;
        scheduler->run_due(now);
    }
    EXPECT_EQ(sent_to_lead(), 5);
    scheduler.reset();
    writer->stop();
}

}  // namespace
