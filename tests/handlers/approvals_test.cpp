// The approvals table: /approve and /deny route by the id's kind.

#include <chrono>

#include <gtest/gtest.h>

#include "tests/support/common.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/site.hpp"

namespace {

using testing_support::Harness;
using testing_support::noon_at;

using testing_support::contains;

TEST(Approvals, RouteAPtoIdToThePtoWorkflow) {
    Harness site{noon_at(2026, 12, 1)};
    site.slash("UANNA", "/pto dec 21 vacation");
    const auto ex = site.slash("UMGR1", "/deny pto-1 team offsite");
    EXPECT_TRUE(contains(ex.text, "Denied PTO-1")) << ex.text;
    EXPECT_EQ(site.count("pto_requests", "status = 'denied' AND decision_note = 'team offsite'"),
              1);
}

TEST(Approvals, RefuseAKindNoWorkflowDecides) {
    Harness site{noon_at(2026, 12, 1)};
    for (const char* id : {"FAQ-3", "Q-4", "OFC-5"}) {
        const auto ex = site.slash("UMGR1", std::string("/approve ") + id);
        EXPECT_TRUE(contains(ex.text, "I can decide PTO, EXP requests")) << ex.text;
        EXPECT_TRUE(contains(ex.text, "Usage: `/approve PTO-12 [note]` or `/approve EXP-7 [note]`"))
            << ex.text;
    }
    EXPECT_EQ(site.count("outbox"), 0);
}

// "/approve" alone answers what a manager means by it: what waits for them,
// PTO and expenses together, oldest first, with the command for the first.
TEST(Approvals, ListWhatWaitsWhenNoIdIsGiven) {
    Harness site{noon_at(2026, 12, 1)};
    site.slash("UANNA", "/expense 12 meals lunch");
    site.now += std::chrono::minutes(5);
    site.slash("UBEN", "/pto dec 21 vacation");
    const auto outbox = site.count("outbox");
    for (const char* line : {"/approve", "/deny"}) {
        const auto ex = site.slash("UMGR1", line);
        EXPECT_TRUE(contains(ex.text,
                             "2 requests waiting for your approval (oldest first):\n• `EXP-1` "
                             "<@UANNA> $12.00 · meals · lunch\n• `PTO-1` <@UBEN> vacation"))
            << ex.text;
        EXPECT_TRUE(contains(ex.text,
                             "Decide with `/approve EXP-1 [note]` or `/deny EXP-1 "
                             "<reason>`."))
            << ex.text;
    }
    EXPECT_TRUE(contains(site.slash("UMGR2", "/approve").text,
                         "Nothing is waiting for your approval. Approve a request by its id.\n"
                         "Usage: `/approve PTO-12 [note]`"));
    EXPECT_EQ(site.count("outbox"), outbox);
    EXPECT_EQ(site.count("pto_requests", "status = 'pending'"), 1);
    EXPECT_EQ(site.count("expenses", "status = 'pending'"), 1);
}

TEST(Approvals, ReadTheIdWhateverItsCase) {
    Harness site{noon_at(2026, 12, 1)};
    site.slash("UANNA", "/pto dec 21 vacation");
    EXPECT_TRUE(contains(site.slash("UMGR1", "/approve Pto-1").text, "Approved PTO-1"));
}

TEST(Approvals, DecideOneRequestACommandAndTakeNoIdForANote) {
    Harness site{noon_at(2026, 12, 1)};
    site.slash("UANNA", "/pto dec 21 vacation");
    site.slash("UANNA", "/pto dec 22 vacation");
    for (const char* both :
         {"/approve PTO-1 PTO-2", "/approve PTO-1, PTO-2", "/approve pto-1 and pto-2"}) {
        const auto ex = site.slash("UMGR1", both);
        EXPECT_TRUE(
            contains(ex.text, "One request at a time: `/approve PTO-1`, then `/approve PTO-2`."))
            << ex.text;
    }
    const auto deny = site.slash("UMGR1", "/deny PTO-1 PTO-2 short-staffed");
    EXPECT_TRUE(contains(
        deny.text, "One request at a time: `/deny PTO-1 <reason>`, then `/deny PTO-2 <reason>`."))
        << deny.text;
    EXPECT_EQ(site.count("pto_requests", "status = 'pending'"), 2);
    EXPECT_TRUE(
        contains(site.slash("UMGR1", "/approve PTO-1, see you in January").text, "Approved PTO-1"));
}

TEST(Approvals, SayWhichDecisionStands) {
    Harness site{noon_at(2026, 12, 1)};
    site.slash("UANNA", "/pto dec 21 vacation");
    site.slash("UMGR1", "/approve PTO-1 enjoy");
    const auto ex = site.slash("ULEAD", "/deny PTO-1 too late");
    EXPECT_TRUE(contains(ex.text,
                         "PTO-1 was already approved by <@UMGR1> (enjoy); that decision "
                         "stands."))
        << ex.text;
}

}  // namespace
