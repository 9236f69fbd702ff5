// Slack retries events and people double-click: one effect, the same answer.

#include <gtest/gtest.h>

#include "tests/support/harness.hpp"
#include "tests/support/site.hpp"

namespace {

using testing_support::Harness;
using testing_support::noon_at;

TEST(ExactlyOnce, AnEventDeliveredFourTimesCreatesOneRequest) {
    Harness site{noon_at(2026, 12, 1)};
    auto first = site.dm("UANNA", "pto dec 21-23 family trip", "Ev0ONE");
    ASSERT_EQ(first.status, 200u);
    // The reply to Anna, the ask to her manager, and both their Home tabs.
    EXPECT_EQ(first.messages.size(), 4u);
    for (const char* retry : {"1", "2", "3"}) {
        auto again = site.dm("UANNA", "pto dec 21-23 family trip", "Ev0ONE", retry);
        EXPECT_EQ(again.status, first.status);
        EXPECT_EQ(again.body, first.body);
        EXPECT_TRUE(again.messages.empty()) << "retry " << retry << " sent messages again";
    }
    EXPECT_EQ(site.count("pto_requests"), 1);
    EXPECT_EQ(site.count("processed_events"), 1);
    EXPECT_EQ(site.count("outbox"), 4);
}

TEST(ExactlyOnce, ADoubleClickDecidesOnceAndAnswersTheSame) {
    Harness site{noon_at(2026, 12, 1)};
    site.slash("UANNA", "/pto dec 21-23");
    auto first = site.press("UMGR1", "pto.approve", "approve PTO-1", "111.222");
    auto second = site.press("UMGR1", "pto.approve", "approve PTO-1", "111.222");
    EXPECT_EQ(first.status, 200u);
    EXPECT_EQ(second.status, first.status);
    EXPECT_EQ(second.body, first.body);
    EXPECT_TRUE(second.messages.empty());
    EXPECT_EQ(site.count("audit_trail", "action = 'approved'"), 1);
    EXPECT_EQ(site.count("outbox", "recipient = 'UANNA'"), 1);
}

TEST(ExactlyOnce, RetriesAreRecognisedAfterARestart) {
    Harness site{noon_at(2026, 12, 1)};
    site.dm("UANNA", "pto dec 21", "Ev0RESTART");
    site.slash("UANNA", "/pto dec 22");
    site.press("UMGR1", "pto.approve", "approve PTO-2", "333.444");
    site.restart();
    auto retried = site.dm("UANNA", "pto dec 21", "Ev0RESTART", "2");
    auto clicked = site.press("UMGR1", "pto.approve", "approve PTO-2", "333.444");
    EXPECT_EQ(retried.status, 200u);
    EXPECT_TRUE(retried.messages.empty());
    EXPECT_TRUE(clicked.messages.empty());
    EXPECT_EQ(site.count("pto_requests"), 2);
    EXPECT_EQ(site.count("audit_trail", "action = 'approved'"), 1);
}

TEST(ExactlyOnce, DifferentEventsWithTheSameTextAreDifferentRequests) {
    Harness site{noon_at(2026, 12, 1)};
    site.dm("UANNA", "pto dec 21", "Ev0A");
    auto second = site.dm("UANNA", "pto dec 21", "Ev0B");
    // The second is a new request for the same day, so it is refused as an overlap.
    EXPECT_NE(second.messages.at(0).body()["text"].get<std::string>().find("overlaps"),
              std::string::npos);
    EXPECT_EQ(site.count("pto_requests"), 1);
    EXPECT_EQ(site.count("processed_events"), 2);
}

}  // namespace
