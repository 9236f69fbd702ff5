#include <gtest/gtest.h>

#include "storage/outbox.hpp"
#include "tests/support/common.hpp"
#include "tests/support/db.hpp"

namespace {

using core::Message;
using testing_support::TempDb;

using testing_support::approval;

TEST(Outbox, EnqueueWritesOnePendingRowPerPost) {
    TempDb tmp;
    auto db = tmp.connect();
    EXPECT_EQ(storage::outbox::enqueue(
                  *db, "r-1", {Message::dm("U1", "hello"), Message::dm("C9", "ticket")}, 1000),
              2);
    auto rows = storage::outbox::by_request(*db, "r-1");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].recipient, "U1");
    EXPECT_EQ(rows[0].method, "chat.postMessage");
    EXPECT_EQ(rows[0].body()["channel"], "U1");
    EXPECT_EQ(rows[0].body()["text"], "hello");
    EXPECT_FALSE(rows[0].body().contains("blocks"));
    EXPECT_EQ(rows[0].state, "pending");
    EXPECT_EQ(rows[0].next_attempt_at, 1000);
    EXPECT_EQ(rows[1].recipient, "C9");
}

TEST(Outbox, UpdateReplacesEveryPostAboutTheSubjectThatStillHasButtons) {
    TempDb tmp;
    auto db = tmp.connect();
    storage::outbox::enqueue(
        *db, "r-1",
        {approval("UMGR", "PTO-1"), approval("ULEAD", "PTO-1"), approval("UMGR", "PTO-2")}, 1);
    EXPECT_EQ(storage::outbox::enqueue(
                  *db, "r-2", {Message::update_buttons("PTO-1", "Approved by <@UMGR>")}, 2),
              2);
    auto updates = storage::outbox::by_request(*db, "r-2");
    ASSERT_EQ(updates.size(), 2u);
    EXPECT_EQ(updates[0].method, "chat.update");
    EXPECT_EQ(updates[0].recipient, "UMGR");
    EXPECT_EQ(updates[1].recipient, "ULEAD");
    EXPECT_TRUE(updates[0].target_id.has_value());
    EXPECT_EQ(updates[0].body()["text"], "Approved by <@UMGR>");
    // The buttons are gone now: a second decision updates nothing.
    EXPECT_EQ(storage::outbox::enqueue(*db, "r-3", {Message::update_buttons("PTO-1", "again")}, 3),
              0);
    // Another subject's buttons stay.
    EXPECT_EQ(storage::outbox::enqueue(*db, "r-4", {Message::update_buttons("PTO-2", "done")}, 4),
              1);
}

}  // namespace
