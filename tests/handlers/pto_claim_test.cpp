// What is said about time off in a DM, through the real service: time off
// offered as its request, "who's out?" answered from the calendar (see
// handlers/pto_claim.cpp). Today is Tuesday 2026-12-01 at the site (New York).

#include <gtest/gtest.h>

#include <string>

#include "tests/support/common.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/site.hpp"

namespace {

using testing_support::Exchange;
using testing_support::Harness;
using testing_support::noon_at;

struct PtoSaid : ::testing::Test {
    Harness site{noon_at(2026, 12, 1)};
};

// Time off said in a DM is offered as the request it would be, with a button
// that sends it; nothing is requested before it is pressed. A question, a
// day gone or other text with a date is not time off.
TEST_F(PtoSaid, TimeOffSaidInADmIsOfferedAsItsRequest) {
    Exchange ex = site.dm("UANNA", "I need friday off", "Ev-pto-claim-1");
    EXPECT_CONTAINS(ex.text,
                    "Shall I request 1 day of vacation for Fri Dec 4? You can also write `/pto "
                    "2026-12-04 vacation`.");
    ASSERT_EQ(ex.messages.size(), 1u);
    const auto button = ex.messages[0].body()["blocks"].back()["elements"][0];
    EXPECT_EQ(button["text"]["text"], "Request it");
    EXPECT_EQ(button["value"], "pto 2026-12-04 vacation");
    EXPECT_EQ(site.count("pto_requests"), 0);
    EXPECT_CONTAINS(site.press("UANNA", button["action_id"], button["value"]).text,
                    "Requested PTO-1: vacation Fri Dec 4");
    EXPECT_EQ(site.count("pto_requests", "requester = 'UANNA' AND start_date = '2026-12-04'"), 1);

    EXPECT_CONTAINS(site.dm("UANNA", "off sick tomorrow", "Ev-pto-claim-2").text,
                    "Shall I record 1 day of sick leave for Wed Dec 2? You can also write `/pto "
                    "2026-12-02 sick`.");
    EXPECT_CONTAINS(site.dm("UANNA", "on holiday 21-23 dec", "Ev-pto-claim-3").text,
                    "`/pto 2026-12-21 to 2026-12-23 vacation`");
    EXPECT_CONTAINS(site.dm("UANNA", "I'm off next week, skiing", "Ev-pto-claim-5").text,
                    "Shall I request 5 days of vacation for Mon Dec 7 – Fri Dec 11? You can also "
                    "write `/pto 2026-12-07 to 2026-12-11 vacation`.");
    EXPECT_CONTAINS(site.dm("UANNA", "ooo tomorrow pm, personal", "Ev-pto-claim-4").text,
                    "Shall I request 0.5 day of personal leave for Wed Dec 2 (afternoon)?");
    for (const char* other :
         {"who is off tomorrow?", "I was sick yesterday", "the lights are off today",
          "lunch on friday", "I need saturday off"}) {
        SCOPED_TRACE(other);
        EXPECT_FALSE(testing_support::contains(
            site.dm("UANNA", other, std::string("Ev-pto-other-") + other).text, "Shall I re"));
    }
    EXPECT_EQ(site.count("pto_requests"), 1);
}

// "Who's out next week?" in a DM is answered from the calendar, as `/pto
// out` does, not with the FAQ's entry about it (tests/handlers/sites_test:
// at the site the words name).
TEST_F(PtoSaid, WhoIsOutAskedInADmIsAnsweredAsPtoOut) {
    site.slash("UBEN", "/pto dec 8-9");
    site.slash("UMGR1", "/approve PTO-1");
    const auto outbox = site.count("outbox");
    const auto ask = [&](const std::string& text, const std::string& event_id) {
        return site.dm("UANNA", text, event_id).text;
    };
    EXPECT_CONTAINS(ask("who's out next week?", "Ev-who-1"),
                    "Out Mon Dec 7 – Sun Dec 13:\n• <@UBEN> vacation · Tue Dec 8 – Wed Dec 9");
    EXPECT_CONTAINS(ask("Who else is off tomorrow", "Ev-who-2"), "Nobody is out Wed Dec 2.");
    EXPECT_CONTAINS(ask("is anyone on holiday dec 8?", "Ev-who-3"),
                    "Out Tue Dec 8:\n• <@UBEN> vacation");
    EXPECT_CONTAINS(ask("anyone ooo today", "Ev-who-4"), "Nobody is out Tue Dec 1.");
    // Each answer went to the asker only.
    EXPECT_EQ(site.count("outbox", "recipient = 'DUANNA' AND id > " + std::to_string(outbox)), 4);
    EXPECT_EQ(site.count("outbox", "recipient != 'DUANNA'"),
              site.count("outbox", "recipient != 'DUANNA' AND id <= " + std::to_string(outbox)));
    // A question about being out is the FAQ's, not the calendar's.
    EXPECT_FALSE(
        testing_support::contains(ask("who do I tell when I'm out sick?", "Ev-who-5"), "is out"));
}

// "How many days do I have left?" and "cancel my time off monday" in a DM
// are answered as `/pto balance` and `/pto cancel monday`: the second lists
// what can be cancelled with its command, and never offers to take the days.
TEST_F(PtoSaid, BalanceAndCancellingSaidInADmAreAnsweredAsTheirCommands) {
    site.slash("UANNA", "/pto dec 7");
    const auto dm = [&](const std::string& text) {
        return site.dm("UANNA", text, "Ev-said-" + text).text;
    };
    for (const char* balance : {"how many days off do I have left?", "what's my pto balance",
                                "How much vacation have I got remaining"})
        EXPECT_CONTAINS(dm(balance), "Your PTO balance:\n");
    for (const char* policy : {"how many vacation days do I get?", "can I carry over days left?",
                               "I left my badge at home, can I have a day pass?"})
        EXPECT_FALSE(testing_support::contains(dm(policy), "Your PTO balance")) << policy;

    const std::string cancel = dm("cancel my time off on monday");
    EXPECT_CONTAINS(cancel, "Which request?\n• `PTO-1` vacation · Mon Dec 7");
    EXPECT_CONTAINS(cancel, ": `/pto cancel PTO-1`");
    EXPECT_FALSE(testing_support::contains(cancel, "Shall I request")) << cancel;
    EXPECT_EQ(site.count("pto_requests", "status = 'pending'"), 1);
}

}  // namespace
