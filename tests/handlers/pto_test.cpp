// PTO through the real service: signed requests in, replies, database rows
// and outbox rows out. Today is Tuesday 2026-12-01 at the site (New York).

#include <gtest/gtest.h>

#include <tuple>

#include "handlers/pto.hpp"
#include "handlers/reminders.hpp"
#include "tests/support/common.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/site.hpp"

namespace {

using testing_support::Exchange;
using testing_support::Harness;
using testing_support::noon_at;

using testing_support::contains;

struct Pto : ::testing::Test {
    Harness site{noon_at(2026, 12, 1)};

    // Asserts a refusal: a reply that says `why`, and no change at all.
    void expect_refused(const std::string& user, const std::string& line, const std::string& why) {
        const auto requests = site.count("pto_requests");
        const auto audit = site.count("audit_trail");
        const auto outbox = site.count("outbox");
        const auto decided = site.count("pto_requests", "status != 'pending'");
        Exchange ex = site.slash(user, line);
        EXPECT_EQ(ex.status, 200u);
        EXPECT_CONTAINS(ex.text, why);
        EXPECT_EQ(site.count("pto_requests"), requests) << line;
        EXPECT_EQ(site.count("audit_trail"), audit) << line;
        EXPECT_EQ(site.count("outbox"), outbox) << line;
        EXPECT_EQ(site.count("pto_requests", "status != 'pending'"), decided) << line;
    }
};

TEST_F(Pto, RequestGoesToTheManagerWithApproveAndDenyButtons) {
    Exchange ex = site.slash("UANNA", "/pto dec 21-23 vacation family trip");
    EXPECT_CONTAINS(ex.text, "Requested PTO-1");
    EXPECT_CONTAINS(ex.text, "3 days");
    EXPECT_CONTAINS(ex.text, "<@UMGR1>");
    EXPECT_EQ(site.count("pto_requests",
                         "requester = 'UANNA' AND status = 'pending' AND approver = 'UMGR1' AND "
                         "start_date = '2026-12-21' AND end_date = '2026-12-23' AND days = 3 AND "
                         "leave_type = 'vacation' AND reason = 'family trip'"),
              1);
    EXPECT_EQ(site.count("audit_trail", "action = 'created' AND actor = 'UANNA'"), 1);
    auto asks = ex.to("UMGR1");
    ASSERT_EQ(asks.size(), 1u);
    EXPECT_EQ(asks[0].subject, "PTO-1");
    EXPECT_TRUE(asks[0].has_buttons);
    const nlohmann::json blocks = asks[0].body()["blocks"];
    const std::string details = blocks[0]["text"]["text"];
    EXPECT_CONTAINS(details, "<@UANNA>");
    EXPECT_CONTAINS(details, "3 working days");
    EXPECT_CONTAINS(details, "17 days of 20 days left in 2026");
    EXPECT_CONTAINS(details, "family trip");
    const auto& buttons = blocks.back()["elements"];
    EXPECT_EQ(buttons[0]["value"], "approve PTO-1");
    EXPECT_EQ(buttons[0]["style"], "primary");
    EXPECT_EQ(buttons[1]["value"], "deny PTO-1");
}

TEST_F(Pto, DefaultTypeIsVacationAndTheRestIsTheReason) {
    site.slash("UANNA", "/pto dec 21 dentist in the morning");
    EXPECT_EQ(
        site.count("pto_requests", "leave_type = 'vacation' AND reason = 'dentist in the morning'"),
        1);
}

TEST_F(Pto, HalfDaysAndHalfDayHolidaysCountHalf) {
    site.slash("UANNA", "/pto dec 22 am");
    EXPECT_EQ(
        site.count("pto_requests", "start_date = '2026-12-22' AND part = 'am' AND days = 0.5"), 1);
    // Christmas Eve is a half-day holiday, Christmas a holiday, then a weekend.
    site.slash("UANNA", "/pto dec 24-28");
    EXPECT_EQ(site.count("pto_requests", "start_date = '2026-12-24' AND days = 1.5"), 1);
}

TEST_F(Pto, MorningAndAfternoonOfOneDayDoNotOverlap) {
    site.slash("UANNA", "/pto dec 22 am");
    Exchange ex = site.slash("UANNA", "/pto dec 22 pm");
    EXPECT_CONTAINS(ex.text, "Requested PTO-2");
    expect_refused("UANNA", "/pto dec 22", "overlaps your pending request PTO-1");
}

TEST_F(Pto, RequestAcrossTheYearEndChargesEachYear) {
    Exchange ex = site.slash("UANNA", "/pto dec 30 - jan 5 personal");
    EXPECT_CONTAINS(ex.text, "Requested PTO-1");
    // 2026: Dec 30, 31. 2027: Jan 1 is a holiday, 2-3 a weekend, then 4 and 5.
    EXPECT_EQ(site.count("pto_charges", "year = 2026 AND days = 2"), 1);
    EXPECT_EQ(site.count("pto_charges", "year = 2027 AND days = 2"), 1);
    Exchange balance = site.slash("UANNA", "/pto balance");
    EXPECT_CONTAINS(balance.text, "*2027*");
    EXPECT_CONTAINS(balance.text,
                    "*personal*: 1 day of 3 days left (0 days approved, 2 days pending)");
}

TEST_F(Pto, EveryBadRequestIsRefusedWithAReasonAndChangesNothing) {
    expect_refused("UANNA", "/pto 2026-12-23 to 2026-12-21", "before it starts");
    expect_refused("UANNA", "/pto 2026-11-30", "in the past");
    expect_refused("UANNA", "/pto yesterday sick", "2026-11-30 is in the past");
    // A leave type misspelt is no reason: sick leave would be asked as vacation.
    expect_refused("UANNA", "/pto dec 21 sik",
                   "`sik` is not a leave type: did you mean `/pto dec 21 sick`? A reason goes "
                   "after the type, as in `/pto dec 21 vacation sik`.");
    expect_refused("UANNA", "/pto Dec 21-23 vacaton beach",
                   "did you mean `/pto Dec 21-23 vacation beach`?");
    expect_refused("UANNA", "/pto 2026-12-01 to 2027-01-15", "at most 30");
    expect_refused("UANNA", "/pto someday soon", "Usage: `/pto <when>");
    expect_refused("UANNA", "/pto dec 26-27", "no working days");
    expect_refused("UBEN", "/pto dec 21-23", "Not enough vacation left for 2026");
    expect_refused("UNOBODY", "/pto dec 21", "not in the Test Office site directory");
}

TEST_F(Pto, OverlapWithOwnPendingOrApprovedRequestIsRefused) {
    site.slash("UANNA", "/pto dec 21-23");
    expect_refused("UANNA", "/pto dec 23-24", "overlaps your pending request PTO-1");
    site.slash("UMGR1", "/approve PTO-1");
    expect_refused("UANNA", "/pto dec 21", "overlaps your approved request PTO-1");
    // Someone else's request on the same days is fine.
    EXPECT_CONTAINS(site.slash("UBEN", "/pto dec 21").text, "Requested PTO-2");
}

TEST_F(Pto, SickLeaveIsRecordedAtOnceAndTheManagerIsTold) {
    Exchange ex = site.slash("UANNA", "/pto today sick fever");
    EXPECT_CONTAINS(ex.text, "Recorded PTO-1");
    EXPECT_EQ(site.count("pto_requests", "status = 'approved' AND leave_type = 'sick'"), 1);
    EXPECT_EQ(site.count("audit_trail", "action = 'recorded'"), 1);
    auto told = ex.to("UMGR1");
    ASSERT_EQ(told.size(), 1u);
    EXPECT_FALSE(told[0].has_buttons);
    EXPECT_CONTAINS(told[0].body()["text"].get<std::string>(), "<@UANNA> is out (sick)");
}

// A type recorded without approval that has an allowance is refused past
// it, as any other type is ("not enough balance for a type that has an
// allowance"): here Ben may take 1 sick day a year.
TEST(PtoWithoutApproval, AnAllowanceStillHolds) {
    auto doc = testing_support::site_json();
    doc["people"][4]["allowances"]["sick"] = 1;
    ASSERT_EQ(doc["people"][4]["slack_id"], "UBEN");
    Harness site{noon_at(2026, 12, 1), config::parse(doc)};
    Exchange first = site.slash("UBEN", "/pto today sick");
    EXPECT_CONTAINS(first.text, "Recorded PTO-1");
    EXPECT_CONTAINS(first.text, "*Balance after:* 0 days of 1 day left in 2026");
    const auto outbox = site.count("outbox");
    Exchange second = site.slash("UBEN", "/pto tomorrow sick");
    EXPECT_CONTAINS(second.text, "Not enough sick left for 2026");
    EXPECT_EQ(site.count("pto_requests"), 1);
    EXPECT_EQ(site.count("outbox"), outbox);
    // Without an allowance the type is unlimited, and the reply says no balance.
    Exchange anna = site.slash("UANNA", "/pto today sick");
    EXPECT_CONTAINS(anna.text, "Recorded PTO-2");
    EXPECT_FALSE(contains(anna.text, "Balance after"));
}

TEST_F(Pto, ManagerApprovesAndTheRequesterIsToldAndTheButtonsAreReplaced) {
    site.slash("UANNA", "/pto dec 21-23");
    Exchange ex = site.slash("UMGR1", "/approve pto-1 enjoy!");
    EXPECT_CONTAINS(ex.text, "Approved PTO-1 for <@UANNA>");
    EXPECT_EQ(site.count("pto_requests",
                         "status = 'approved' AND decided_by = 'UMGR1' AND "
                         "decision_note = 'enjoy!'"),
              1);
    EXPECT_EQ(
        site.count("audit_trail", "action = 'approved' AND actor = 'UMGR1' AND note = 'enjoy!'"),
        1);
    auto told = ex.to("UANNA");
    ASSERT_EQ(told.size(), 1u);
    EXPECT_CONTAINS(told[0].body()["text"].get<std::string>(), "Approved: your PTO-1");
    EXPECT_CONTAINS(told[0].body()["text"].get<std::string>(), "enjoy!");
    auto updates = ex.to("UMGR1");
    ASSERT_EQ(updates.size(), 1u);
    EXPECT_EQ(updates[0].method, "chat.update");
    const std::string blocks = updates[0].body()["blocks"].dump();
    EXPECT_FALSE(contains(blocks, "\"actions\""));
    EXPECT_CONTAINS(blocks, "Approved by <@UMGR1>");
}

TEST_F(Pto, DenialNeedsAReasonAndTellsTheRequesterWhy) {
    site.slash("UANNA", "/pto dec 21-23");
    expect_refused("UMGR1", "/deny PTO-1", "A reason is required");
    Exchange ex = site.slash("UMGR1", "/deny PTO-1 release week, sorry");
    EXPECT_CONTAINS(ex.text, "Denied PTO-1");
    EXPECT_EQ(
        site.count("pto_requests", "status = 'denied' AND decision_note = 'release week, sorry'"),
        1);
    EXPECT_CONTAINS(ex.to("UANNA").at(0).body()["text"].get<std::string>(), "release week, sorry");
    // The days are free again.
    EXPECT_CONTAINS(site.slash("UANNA", "/pto balance").text, "20 days of 20 days left");
}

TEST_F(Pto, ApproveButtonDoesWhatTheCommandDoes) {
    site.slash("UANNA", "/pto dec 21-23");
    Exchange ex = site.press("UMGR1", "pto.approve", "approve PTO-1");
    EXPECT_EQ(ex.status, 200u);
    EXPECT_EQ(site.count("pto_requests", "status = 'approved' AND decided_by = 'UMGR1'"), 1);
    EXPECT_EQ(ex.to("UANNA").size(), 1u);
    EXPECT_EQ(ex.to("UMGR1").size(), 2u);  // the reply to the manager and the update
}

TEST_F(Pto, DenyButtonOpensAFormThatAsksForTheReason) {
    site.slash("UANNA", "/pto dec 21-23");
    Exchange ex = site.press("UMGR1", "pto.deny", "deny PTO-1");
    EXPECT_EQ(ex.trigger_id, "1.2.3");
    EXPECT_EQ(ex.view["callback_id"], "deny");
    EXPECT_EQ(ex.view["private_metadata"], "PTO-1");
    EXPECT_EQ(site.count("pto_requests", "status = 'pending'"), 1);

    // No reason, or someone who may not decide: refused under the field, nothing changes.
    const auto outbox = site.count("outbox");
    for (const auto& [user, reason, why] :
         {std::tuple{"UMGR1", "  ", "Say why"},
          std::tuple{"UBEN", "nope", "Only <@UANNA>'s manager"}}) {
        Exchange refused = site.submit(user, ex.view, {{"reason", reason}});
        const auto body = nlohmann::json::parse(refused.body);
        EXPECT_EQ(body["response_action"], "errors") << refused.body;
        EXPECT_CONTAINS(body["errors"]["reason"].get<std::string>(), why);
    }
    EXPECT_EQ(site.count("outbox"), outbox);
    EXPECT_EQ(site.count("pto_requests", "status = 'pending'"), 1);

    Exchange denied = site.submit("UMGR1", ex.view, {{"reason", "short-staffed that week"}});
    EXPECT_EQ(denied.body, R"({"response_action":"clear"})");
    EXPECT_EQ(site.count("pto_requests",
                         "status = 'denied' AND decision_note = 'short-staffed that week'"),
              1);
    EXPECT_CONTAINS(denied.to("UANNA").at(0).body()["text"].get<std::string>(),
                    "short-staffed that week");
}

TEST_F(Pto, OnlyTheManagerOrASiteLeadMayDecide) {
    site.slash("UANNA", "/pto dec 21-23");
    expect_refused("UBEN", "/approve PTO-1", "Only <@UANNA>'s manager (<@UMGR1>) or a site lead");
    expect_refused("UMGR2", "/approve PTO-1", "Only <@UANNA>'s manager");
    expect_refused("UANNA", "/approve PTO-1", "You can't decide your own request");
    expect_refused("UBIZ", "/deny PTO-1 no", "Only <@UANNA>'s manager");
    EXPECT_CONTAINS(site.slash("ULEAD", "/approve PTO-1").text, "Approved PTO-1");
}

TEST_F(Pto, NobodyApprovesTheirOwnRequestEvenAsSiteLead) {
    Exchange ex = site.slash("ULEAD", "/pto dec 21");
    EXPECT_CONTAINS(ex.text, "I've asked <@UADMIN>");
    expect_refused("ULEAD", "/approve PTO-1", "You can't decide your own request");
}

TEST_F(Pto, ADecisionIsMadeOnceAndTheSecondIsReported) {
    site.slash("UANNA", "/pto dec 21-23");
    site.slash("UMGR1", "/approve PTO-1");
    expect_refused("ULEAD", "/deny PTO-1 no", "PTO-1 was already approved by <@UMGR1>");
    expect_refused("UMGR1", "/approve PTO-1", "already approved");
}

TEST_F(Pto, BadIdsGetTheUsageLine) {
    expect_refused("UMGR1", "/approve", "Usage: `/approve PTO-12 [note]`");
    expect_refused("UMGR1", "/approve PTO-x", "isn't a request id");
    expect_refused("UMGR1", "/approve PTO-99", "There is no request PTO-99");
    expect_refused("UMGR1", "/approve OFC-3", "I can decide PTO, EXP requests; `ofc-3` isn't one");
}

// A word before a request's id is a command mistyped, not a date: the one
// it nearly is, else what can be done with the id (handlers::mistyped, as
// /expense and /office do).
TEST_F(Pto, AWordBeforeARequestIsACommandNotADate) {
    site.slash("UANNA", "/pto dec 21");
    expect_refused("UANNA", "/pto cancle PTO-1",
                   "`cancle` is no /pto command: did you mean `/pto cancel PTO-1`?");
    expect_refused("UANNA", "/pto show PTO-1",
                   "`show` is no /pto command. With PTO-1: `/pto cancel PTO-1`. `/pto list` shows "
                   "your requests.");
    EXPECT_EQ(site.count("pto_requests"), 1);
}

TEST_F(Pto, ManagerOutTodayIsReplacedByTheSiteLeadAndEveryoneIsToldWhy) {
    site.slash("UMGR1", "/pto today");
    site.slash("ULEAD", "/approve PTO-1");
    Exchange ex = site.slash("UANNA", "/pto dec 21");
    EXPECT_CONTAINS(ex.text, "I've asked <@ULEAD>");
    EXPECT_CONTAINS(ex.text, "<@UMGR1> is out today");
    EXPECT_EQ(site.count("pto_requests", "id = 2 AND approver = 'ULEAD'"), 1);
    EXPECT_EQ(site.count("audit_trail", "item_id = 2 AND action = 'delegated' AND actor = 'ULEAD'"),
              1);
    auto asks = ex.to("ULEAD");
    ASSERT_EQ(asks.size(), 1u);
    EXPECT_CONTAINS(asks[0].body()["blocks"].dump(), "You're asked because <@UMGR1> is out today");
    // The manager is back tomorrow: requests go to them again.
    site.now += std::chrono::hours(24);
    EXPECT_CONTAINS(site.slash("UBEN", "/pto dec 22").text, "I've asked <@UMGR1>");
}

TEST_F(Pto, ApprovalRequestNamesTeammatesAlreadyOut) {
    site.slash("UBEN", "/pto dec 22");
    site.slash("UMGR1", "/approve PTO-1");
    site.slash("UCARL", "/pto dec 22");  // another team
    Exchange ex = site.slash("UANNA", "/pto dec 21-23");
    const std::string details = ex.to("UMGR1").at(0).body()["blocks"][0]["text"]["text"];
    EXPECT_CONTAINS(details, "*Also out:* <@UBEN>");
    EXPECT_FALSE(contains(details, "UCARL"));
}

TEST_F(Pto, CancellingRefundsTheDaysAndTellsTheApprover) {
    site.slash("UANNA", "/pto dec 21-23");
    site.slash("UMGR1", "/approve PTO-1");
    Exchange ex = site.slash("UANNA", "/pto cancel PTO-1");
    EXPECT_CONTAINS(ex.text, "Cancelled PTO-1; 3 days back in your balance");
    EXPECT_EQ(site.count("pto_requests", "status = 'cancelled'"), 1);
    EXPECT_EQ(site.count("audit_trail", "action = 'cancelled'"), 1);
    EXPECT_CONTAINS(ex.to("UMGR1").at(0).body()["text"].get<std::string>(), "cancelled PTO-1");
    EXPECT_CONTAINS(site.slash("UANNA", "/pto balance").text, "20 days of 20 days left");
}

TEST_F(Pto, CancellingAPendingRequestReplacesTheApprovalButtons) {
    site.slash("UANNA", "/pto dec 21-23");
    Exchange ex = site.slash("UANNA", "/pto cancel pto-1");
    auto to_manager = ex.to("UMGR1");
    ASSERT_EQ(to_manager.size(), 2u);
    EXPECT_EQ(to_manager[0].method, "chat.update");
    EXPECT_CONTAINS(to_manager[0].body()["blocks"].dump(), "Cancelled by the requester");
    expect_refused("UMGR1", "/approve PTO-1", "already cancelled");
}

TEST_F(Pto, CancelIsRefusedForStartedOthersAndClosedRequests) {
    site.slash("UANNA", "/pto today");
    site.slash("UMGR1", "/approve PTO-1");
    expect_refused("UANNA", "/pto cancel PTO-1", "has already started");
    site.slash("UANNA", "/pto dec 21");
    expect_refused("UBEN", "/pto cancel PTO-2", "You have no request PTO-2");
    site.slash("UMGR1", "/deny PTO-2 no");
    expect_refused("UANNA", "/pto cancel PTO-2", "already denied");
    expect_refused("UANNA", "/pto cancel",
                   "Which request? You have none that can be cancelled (one that has not "
                   "started; see `/pto list`).\nUsage: `/pto cancel PTO-12`");
}

// "/pto cancel friday" is how people think of a request: by its days.
TEST_F(Pto, CancelWithoutAnIdListsWhatCanBeCancelledOnThoseDays) {
    site.slash("UANNA", "/pto today");  // started: not listed
    site.slash("UANNA", "/pto dec 21-23 vacation trip");
    site.slash("UANNA", "/pto dec 28 personal");
    site.slash("UBEN", "/pto dec 22");  // another's: not listed
    expect_refused("UANNA", "/pto cancel dec 22",
                   "Which request?\n• `PTO-2` vacation · Mon Dec 21 – Wed Dec 23 · 3 days · "
                   "*pending* (waiting for <@UMGR1>): `/pto cancel PTO-2`");
    const auto all = site.slash("UANNA", "/pto cancel").text;
    EXPECT_CONTAINS(all, "`/pto cancel PTO-2`");
    EXPECT_CONTAINS(all, "`/pto cancel PTO-3`");
    EXPECT_FALSE(contains(all, "PTO-1")) << all;
    EXPECT_FALSE(contains(all, "PTO-4")) << all;
    expect_refused("UANNA", "/pto cancel friday",
                   "Which request? None of yours is on Fri Dec 4; these can be cancelled:");
}

TEST_F(Pto, BalanceListPendingAndOut) {
    site.slash("UANNA", "/pto dec 21-23 vacation trip");
    site.slash("UBEN", "/pto dec 22 am personal");
    site.slash("UMGR1", "/approve PTO-2");

    EXPECT_CONTAINS(site.slash("UANNA", "/pto balance").text,
                    "*vacation*: 17 days of 20 days left (0 days approved, 3 days pending)");
    EXPECT_CONTAINS(site.slash("UANNA", "/pto balance").text, "*sick*: 0 days taken");

    const std::string list = site.slash("UANNA", "/pto list").text;
    EXPECT_CONTAINS(list, "*Upcoming*");
    EXPECT_CONTAINS(list, "`PTO-1` vacation");
    EXPECT_CONTAINS(list, "pending");
    EXPECT_FALSE(contains(list, "*Denied or cancelled*")) << list;
    // What will not take place is not upcoming.
    site.slash("UANNA", "/pto dec 28 personal");
    site.slash("UANNA", "/pto cancel PTO-3");
    const std::string after = site.slash("UANNA", "/pto list").text;
    EXPECT_LT(after.find("`PTO-1`"), after.find("*Denied or cancelled*")) << after;
    EXPECT_LT(after.find("*Denied or cancelled*"), after.find("`PTO-3`")) << after;

    const std::string pending = site.slash("UMGR1", "/pto pending").text;
    EXPECT_CONTAINS(pending, "1 request waiting");
    EXPECT_CONTAINS(pending,
                    "`PTO-1` <@UANNA> vacation · Mon Dec 21 – Wed Dec 23 · 3 days: trip\n");
    EXPECT_FALSE(contains(pending, "waiting for <@UMGR1>")) << pending;
    EXPECT_CONTAINS(pending, "Decide with `/approve PTO-1 [note]` or `/deny PTO-1 <reason>`.");
    EXPECT_CONTAINS(site.slash("UMGR2", "/pto pending").text, "Nothing is waiting");

    const std::string out = site.slash("UCARL", "/pto out dec 22").text;
    EXPECT_CONTAINS(out, "<@UBEN> personal");
    EXPECT_CONTAINS(out, "(morning)");
    EXPECT_FALSE(contains(out, "UANNA"));  // pending is not out
    EXPECT_CONTAINS(site.slash("UCARL", "/pto out").text, "Nobody is out");
}

TEST_F(Pto, ListShowsTheLastNinetyDays) {
    site.slash("UANNA", "/pto dec 2");
    site.slash("UMGR1", "/approve PTO-1");
    site.now += std::chrono::hours(24 * 30);
    const std::string list = site.slash("UANNA", "/pto list").text;
    EXPECT_CONTAINS(list, "*Last 90 days*");
    EXPECT_CONTAINS(list, "PTO-1");
    site.now += std::chrono::hours(24 * 70);
    EXPECT_CONTAINS(site.slash("UANNA", "/pto list").text, "no PTO requests");
}

TEST_F(Pto, HelpAndDirectMessagesUseTheSameGrammar) {
    EXPECT_CONTAINS(site.slash("UANNA", "/pto help").text, "Usage: `/pto <when>");
    EXPECT_EQ(site.slash("UANNA", "/pto").view["callback_id"], "pto");  // the form
    Exchange ex = site.dm("UANNA", "pto dec 21 vacation", "Ev1");
    EXPECT_EQ(ex.status, 200u);
    EXPECT_EQ(site.count("pto_requests"), 1);
    auto reply = ex.to("DUANNA");
    ASSERT_EQ(reply.size(), 1u);
    EXPECT_CONTAINS(reply[0].body()["text"].get<std::string>(), "Requested PTO-1");
}

}  // namespace

namespace {

TEST_F(Pto, ApproversAreRemindedOfRequestsWaitingMoreThanADay) {
    site.slash("UANNA", "/pto dec 21-23 trip");
    site.slash("UCARL", "/pto dec 22");
    site.slash("UBEN", "/pto dec 28");
    site.slash("UMGR1", "/approve PTO-3");
    auto db = site.db().connect();
    EXPECT_TRUE(handlers::reminders::run(site.cfg, site.cfg.sites.front(), *db,
                                         site.now + std::chrono::hours(1))
                    .empty());
    const auto messages = handlers::reminders::run(site.cfg, site.cfg.sites.front(), *db,
                                                   site.now + std::chrono::hours(25));
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_EQ(messages[0].channel, "UMGR1");
    EXPECT_CONTAINS(messages[0].text, "Reminder (first): PTO-1 from <@UANNA> (vacation");
    EXPECT_FALSE(contains(messages[0].text, "PTO-3"));
    EXPECT_EQ(messages[1].channel, "UMGR2");
}

// The type may come first, as people write it; without days it is refused
// with the command for today.
TEST_F(Pto, TheTypeMayComeBeforeTheDays) {
    EXPECT_CONTAINS(site.slash("UANNA", "/pto sick tomorrow").text,
                    "Recorded PTO-1: sick Wed Dec 2 (1 day).");
    EXPECT_CONTAINS(site.slash("UANNA", "/pto vacation dec 21-23 ski trip").text,
                    "Requested PTO-2: vacation Mon Dec 21 – Wed Dec 23 (3 days)");
    EXPECT_EQ(site.count("pto_requests", "id = 2 AND reason = 'ski trip'"), 1);
    expect_refused("UANNA", "/pto sick", "Which days? For today: `/pto today sick`.");
    expect_refused("UANNA", "/pto sick whenever", "I couldn't read a date in \"sick whenever\"");
}

// "Next week" and "the week of dec 14" ask for the working days of that
// week, shown and counted as such; `/pto out` still reads the whole week.
TEST_F(Pto, AWeekIsRequestedAsItsWorkingDays) {
    EXPECT_CONTAINS(site.slash("UANNA", "/pto next week vacation ski trip").text,
                    "Requested PTO-1: vacation Mon Dec 7 – Fri Dec 11 (5 days)");
    EXPECT_EQ(site.count("pto_requests",
                         "start_date = '2026-12-07' AND end_date = '2026-12-11' AND days = 5 AND "
                         "reason = 'ski trip'"),
              1);
    EXPECT_CONTAINS(site.slash("UANNA", "/pto the week of dec 16").text,
                    "Requested PTO-2: vacation Mon Dec 14 – Fri Dec 18 (5 days)");
    // This week is what is left of it: from today, Tuesday.
    EXPECT_CONTAINS(site.slash("UCARL", "/pto this week").text,
                    "Requested PTO-3: vacation Tue Dec 1 – Fri Dec 4 (4 days)");
    site.slash("UMGR1", "/approve PTO-1");
    EXPECT_CONTAINS(site.slash("UBEN", "/pto out next week").text,
                    "Out Mon Dec 7 – Sun Dec 13:\n• <@UANNA> vacation · Mon Dec 7 – Fri Dec 11");
}

}  // namespace
