// The weekly summary against a database seeded through the real service at
// the New York test site: week 2026-W48 (Mon Nov 23 to Sun Nov 29) with
// time off taken, whole and half days, and approved for later; expenses
// approved in the week and outside it; tickets opened, acknowledged and
// resolved in it and before it; FAQ questions answered, not answered and
// found not helpful. Every figure below is counted by hand from the seeds.

#include <gtest/gtest.h>

#include "handlers/weekly.hpp"
#include "tests/support/common.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/site.hpp"

namespace {

using namespace std::chrono_literals;
using testing_support::Harness;
using testing_support::noon_at;

struct Weekly : ::testing::Test {
    Harness site{noon_at(2026, 11, 20)};

    std::string at(std::chrono::system_clock::time_point when, const std::string& user,
                   const std::string& line) {
        site.now = when;
        const std::string text = site.slash(user, line).text;
        site.writer().run([](SQLite::Database&) {});  // a question's record, after its answer
        return text;
    }
    std::string summary(unsigned month, unsigned day) {
        const auto db = site.db().connect();
        return handlers::weekly::summary(site.cfg.sites.front(), *db,
                                         date::local_days{date::year{2026} / month / day});
    }
    void seed() {
        const auto nov = [](unsigned d) { return noon_at(2026, 11, d); };
        // Time off: taken in the week 2 + 0.5 + 1 (Anna, Ben) + 1 sick (Bea)
        // = 4.5 days by 3 people; approved in the week for later dates:
        // Anna's Nov 30 and Dec 1, Carl's Dec 21-23 = 5 days.
        at(nov(20), "UANNA", "/pto nov 24-25 vacation");
        at(nov(20), "UMGR1", "/approve PTO-1");
        at(nov(20), "UBEN", "/pto nov 26 am vacation");
        at(nov(20), "UMGR1", "/approve PTO-2");
        at(nov(20), "UANNA", "/pto nov 27 - dec 1 vacation");
        at(nov(23), "UMGR1", "/approve PTO-3");
        at(nov(24), "UCARL", "/pto dec 21-23 vacation");
        at(nov(25), "UMGR2", "/approve PTO-4");
        at(nov(24), "UBIZ", "/pto today sick");
        // Expenses approved in the week: meals 18.40 + 12 (two), supplies
        // 20; the monitor waits for its second approval until after it.
        at(nov(23), "UANNA", "/expense 18.40 meals sandwiches");
        at(nov(24), "UMGR1", "/approve EXP-1");
        at(nov(23), "UBEN", "/expense 12 meals lunch");
        at(nov(25), "UMGR1", "/approve EXP-2");
        at(nov(23), "UCARL", "/expense 20 supplies pens");
        at(nov(27), "UMGR2", "/approve EXP-3");
        at(nov(23), "UANNA", "/expense 1,250 equipment monitor https://files.example.com/m.pdf");
        at(nov(24), "UMGR1", "/approve EXP-4");
        at(nov(30), "ULEAD", "/approve EXP-4");
        // Tickets: OFC-1 (urgent) opened Monday, acknowledged in 25 minutes,
        // resolved in 3h 10m; OFC-2 opened Tuesday, acknowledged in 2 hours;
        // OFC-3 opened and acknowledged the week before, resolved on Tuesday
        // after 4 days; OFC-4 opened the week after.
        at(nov(20), "UCARL", "/office the projector in room 2 shows no picture #it");
        at(nov(20) + 1h, "UBIZ", "/office ack OFC-1");
        at(nov(23), "UANNA", "/office the kitchen sink is leaking #facilities !urgent");
        at(nov(23) + 25min, "UBIZ", "/office ack OFC-2");
        at(nov(23) + 3h + 10min, "UBIZ", "/office resolve OFC-2");
        at(nov(24), "UBEN", "/office the badge reader at the door beeps #access");
        at(nov(24) + 2h, "UBIZ", "/office ack OFC-3");
        at(nov(24), "UBIZ", "/office resolve OFC-1");
        at(nov(30), "UBEN", "/office a chair in room 4 wobbles #facilities");
        // The FAQ: FAQ-1 answers three questions (one found not helpful),
        // one question has no answer.
        at(nov(20), "ULEAD", "/faq add Where is the printer? | In room 2.");
        at(nov(24), "UANNA", "/faq where is the printer");
        at(nov(25), "UBEN", "/faq where is the printer?");
        at(nov(25), "UCARL", "/faq printer location");
        site.now = nov(25);
        site.press("UBEN", "faq.unhelpful", "faq unhelpful FAQ-1");
        at(nov(26), "UANNA", "/faq what is the capital of peru");
    }
};

TEST_F(Weekly, CountsTheWeekFromTheSeededRecords) {
    seed();
    EXPECT_EQ(summary(11, 23),
              "*Test Office, week 2026-W48* (Mon Nov 23 – Sun Nov 29)\n"
              "*Time off*: 4.5 days taken by 3 people; 5 days approved for later dates.\n"
              "*Expenses approved*: meals $30.40 (2) · supplies $20.00 (1)\n"
              "*Tickets*: 2 opened, 2 resolved. Median times:\n"
              "• urgent: acknowledged in 25m (1), resolved in 3h 10m (1)\n"
              "• normal: acknowledged in 2h 0m (1), resolved in 4d 0h (1)\n"
              "*FAQ*: 4 questions, 3 answered. Most asked: FAQ-1 Where is the printer? (3). "
              "Least helpful: FAQ-1 Where is the printer? (1 of 1 said it did not help)\n");
    // The week after: the monitor's second approval, the chair.
    EXPECT_EQ(summary(11, 30),
              "*Test Office, week 2026-W49* (Mon Nov 30 – Sun Dec 6)\n"
              "*Time off*: 2 days taken by 1 person; 0 days approved for later dates.\n"
              "*Expenses approved*: equipment $1,250.00 (1)\n"
              "*Tickets*: 1 opened, 0 resolved.\n");
    EXPECT_EQ(summary(11, 9),
              "*Test Office, week 2026-W46* (Mon Nov 9 – Sun Nov 15)\n"
              "A quiet week: no time off, no expenses approved, no tickets and no questions.\n");
}

TEST_F(Weekly, GoesToTheSiteLeadOnTheFirstWorkingMorningOfTheWeek) {
    seed();
    const auto db = site.db().connect();
    const auto& office = site.cfg.sites.front();
    const auto monday = handlers::weekly::run(site.cfg, office, *db, noon_at(2026, 11, 30) - 3h);
    ASSERT_EQ(monday.size(), 1u);
    EXPECT_EQ(monday[0].channel, "ULEAD");
    EXPECT_EQ(monday[0].text, summary(11, 23));
    EXPECT_TRUE(handlers::weekly::run(site.cfg, office, *db, noon_at(2026, 12, 1) - 3h).empty());
}

TEST(WeeklyWeeks, ReadsAnIsoWeekAndNothingElse) {
    using handlers::weekly::parse_week;
    EXPECT_EQ(parse_week("2026-W48"), date::local_days{date::year{2026} / 11 / 23});
    EXPECT_EQ(parse_week("2026-W01"), date::local_days{date::year{2025} / 12 / 29});
    EXPECT_EQ(parse_week("2026-W53"), date::local_days{date::year{2026} / 12 / 28});
    for (const char* bad : {"2025-W53", "2026-W00", "2026-48", "2026-W4", "W48", "2026-W48x", ""})
        EXPECT_FALSE(parse_week(bad)) << bad;
}

}  // namespace
