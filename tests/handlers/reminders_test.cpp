// Reminders that escalate, at the New York test site, morning by morning on
// an injected clock: the 1st, 3rd and 5th working day remind the approver,
// the 6th hands the request to the site lead, the 10th expires it (its days
// back in the balance, the requester told). A decision stops them; an
// approver out today is passed over for whoever stands in.

#include <gtest/gtest.h>

#include "handlers/reminders.hpp"
#include "tests/support/common.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/site.hpp"

namespace {

using namespace std::chrono_literals;
using testing_support::contains;
using testing_support::Harness;
using testing_support::noon_at;

struct Reminders : ::testing::Test {
    Harness site{noon_at(2026, 11, 30)};  // a Monday

    // The reminders' run at 09:00 New York on that day of December.
    std::vector<core::Message> morning(unsigned day) {
        const auto db = site.db().connect();
        return handlers::reminders::run(site.cfg, site.cfg.sites.front(), *db,
                                        noon_at(2026, 12, day) - 3h);
    }
    std::string at(unsigned month, unsigned day, const std::string& user, const std::string& line) {
        site.now = noon_at(2026, month, day);
        return site.slash(user, line).text;
    }
    std::string row(const std::string& sql) {
        const auto db = site.db().connect();
        SQLite::Statement q(*db, sql);
        if (!q.executeStep()) return "(none)";
        std::string out;
        for (int i = 0; i < q.getColumnCount(); ++i) out += q.getColumn(i).getString() + "|";
        return out;
    }
};

TEST_F(Reminders, ThreeRemindersThenTheSiteLeadThenTheRequestExpiresAndItsDaysComeBack) {
    at(11, 30, "UANNA", "/pto dec 21-23 vacation");
    EXPECT_EQ(row("SELECT pending FROM pto_usage WHERE requester = 'UANNA'"), "3.0|");

    auto first = morning(1);  // Tuesday: one working day
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].channel, "UMGR1");
    EXPECT_EQ(first[0].text,
              "Reminder (first): PTO-1 from <@UANNA> (vacation, Mon Dec 21 – Wed Dec 23, 3 days) "
              "has waited 1 working day for a decision.\n"
              "Decide with `/approve PTO-1` or `/deny PTO-1 <reason>`.");
    EXPECT_TRUE(morning(1).empty());  // once, however often it runs
    EXPECT_TRUE(morning(2).empty());
    auto second = morning(3);
    ASSERT_EQ(second.size(), 1u);
    EXPECT_CONTAINS(second[0].text, "Reminder (second): PTO-1");
    EXPECT_CONTAINS(second[0].text, "has waited 3 working days");
    EXPECT_TRUE(morning(4).empty());
    auto third = morning(7);  // Monday: five working days
    ASSERT_EQ(third.size(), 1u);
    EXPECT_CONTAINS(third[0].text, "Reminder (third): PTO-1");

    // The next working day the site lead is told and may decide it.
    auto lead = morning(8);
    ASSERT_EQ(lead.size(), 1u);
    EXPECT_EQ(lead[0].channel, "ULEAD");
    EXPECT_EQ(lead[0].text,
              "PTO-1 from <@UANNA> (vacation, Mon Dec 21 – Wed Dec 23, 3 days) has waited 6 "
              "working days: <@UMGR1> was reminded 3 times and has not decided. It is yours to "
              "decide too: `/approve PTO-1` or `/deny PTO-1 <reason>`.");
    EXPECT_EQ(row("SELECT approver, status FROM pto_requests WHERE id = 1"), "ULEAD|pending|");
    for (unsigned day : {9u, 10u, 11u}) EXPECT_TRUE(morning(day).empty());

    // Ten working days: it expires, its days back in the balance.
    auto expired = morning(14);
    ASSERT_EQ(expired.size(), 3u);
    EXPECT_EQ(expired[0].subject, "PTO-1");  // the approval messages lose their buttons
    EXPECT_EQ(expired[1].channel, "UANNA");
    EXPECT_EQ(expired[1].text,
              "Your request PTO-1 (vacation, Mon Dec 21 – Wed Dec 23, 3 days) expired: nobody "
              "decided it within 10 working days, so its 3 days are back in your balance. Ask "
              "again with `/pto`, or talk to <@ULEAD>.");
    EXPECT_EQ(expired[2].channel, "ULEAD");
    EXPECT_EQ(row("SELECT status, decision_note FROM pto_requests WHERE id = 1"),
              "cancelled|expired: nobody decided it within 10 working days|");
    EXPECT_EQ(row("SELECT pending FROM pto_usage WHERE requester = 'UANNA'"), "0.0|");
    EXPECT_EQ(row("SELECT action, from_state, to_state, actor FROM audit_trail WHERE kind = "
                  "'PTO' ORDER BY id DESC"),
              "expired|pending|cancelled|sitelead-bot|");
    EXPECT_TRUE(morning(15).empty());
}

TEST_F(Reminders, ADecisionBetweenRemindersStopsThem) {
    at(11, 30, "UBEN", "/expense 18.40 meals sandwiches with a client");
    auto first = morning(1);
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].channel, "UMGR1");
    EXPECT_EQ(first[0].text,
              "Reminder (first): EXP-1 from <@UBEN> ($18.40 meals, sandwiches with a client) has "
              "waited 1 working day for a decision.\n"
              "Decide with `/approve EXP-1` or `/deny EXP-1 <reason>`.");
    at(12, 2, "UMGR1", "/approve EXP-1");
    for (unsigned day : {3u, 4u, 7u, 8u, 14u}) EXPECT_TRUE(morning(day).empty()) << day;
    EXPECT_EQ(row("SELECT status FROM expenses WHERE id = 1"), "approved|");
}

TEST_F(Reminders, AnApproverOutTodayIsPassedOverForWhoeverStandsIn) {
    at(11, 23, "UMGR1", "/pto dec 1 vacation");
    at(11, 23, "ULEAD", "/approve PTO-1");
    at(11, 30, "UANNA", "/pto dec 21 vacation");
    at(11, 30, "UBEN", "/expense 12 meals lunch");
    const auto first = morning(1);  // Mia is out on Tuesday
    ASSERT_EQ(first.size(), 2u);
    for (const auto& m : first) {
        EXPECT_EQ(m.channel, "ULEAD");
        EXPECT_CONTAINS(m.text, "<@UMGR1> is out today, so you stand in.");
    }
    EXPECT_CONTAINS(first[0].text, "PTO-2 from <@UANNA>");
    EXPECT_CONTAINS(first[1].text, "EXP-1 from <@UBEN>");
    // She is back for the second.
    const auto second = morning(3);
    ASSERT_EQ(second.size(), 2u);
    EXPECT_EQ(second[0].channel, "UMGR1");
    EXPECT_FALSE(contains(second[0].text, "stand in"));
}

TEST_F(Reminders, TheSiteLeadIsToldOnTheirFirstMorningBackWhenOutTheDayItIsDue) {
    at(11, 23, "ULEAD", "/pto dec 8 vacation");
    at(11, 23, "UADMIN", "/approve PTO-1");
    at(11, 30, "UANNA", "/pto dec 21 vacation");
    for (unsigned day : {1u, 3u, 7u}) ASSERT_EQ(morning(day).size(), 1u) << day;
    EXPECT_TRUE(morning(8).empty());  // Lena is out
    const auto told = morning(9);
    ASSERT_EQ(told.size(), 1u);
    EXPECT_EQ(told[0].channel, "ULEAD");
    EXPECT_CONTAINS(told[0].text, "has waited 7 working days");
}

TEST_F(Reminders, ASiteLeadWhoIsAlreadyTheApproverIsNotToldTwice) {
    at(11, 30, "UMGR2", "/pto dec 21 vacation");  // Max's manager is Lena, the site lead
    for (unsigned day : {1u, 3u, 7u}) ASSERT_EQ(morning(day).size(), 1u) << day;
    EXPECT_TRUE(morning(8).empty());
    EXPECT_EQ(row("SELECT approver FROM pto_requests WHERE id = 1"), "ULEAD|");
}

}  // namespace
