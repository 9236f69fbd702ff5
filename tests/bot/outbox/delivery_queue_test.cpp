#include "bot/outbox/delivery_queue.hpp"

#include <gtest/gtest.h>

namespace {

using bot::DeliveryQueue;
using storage::outbox::Row;

Row row(std::int64_t id, const std::string& recipient, std::int64_t next_attempt_at = 100) {
    Row r;
    r.id = id;
    r.recipient = recipient;
    r.method = "chat.postMessage";
    r.state = "pending";
    r.next_attempt_at = next_attempt_at;
    return r;
}

std::vector<std::int64_t> ids_of(const std::vector<const Row*>& rows) {
    std::vector<std::int64_t> ids;
    for (const auto* r : rows) ids.push_back(r->id);
    return ids;
}

using Ids = std::vector<std::int64_t>;

DeliveryQueue holding(const std::vector<Row>& rows) {
    DeliveryQueue q;
    for (const auto& r : rows) q.add(r);
    return q;
}

TEST(DeliveryQueue, OffersOnlyTheOldestRowOfEachRecipient) {
    auto q = holding({row(1, "UA"), row(2, "UA"), row(3, "UB")});
    EXPECT_EQ(ids_of(q.take(100, 10)), (Ids{1, 3}));
    // Settling gives the row back: it has left the queue.
    const auto first = q.settle(1);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->id, 1);
    EXPECT_EQ(first->recipient, "UA");
    q.settle(3);
    EXPECT_EQ(q.size(), 1u);
    EXPECT_EQ(ids_of(q.take(100, 10)), (Ids{2}));
}

TEST(DeliveryQueue, SkipsBusyRecipientsAndRowsNotYetDue) {
    auto q = holding({row(1, "UA"), row(2, "UB"), row(3, "UA")});
    EXPECT_EQ(ids_of(q.take(100, 1)), (Ids{1}));
    EXPECT_EQ(ids_of(q.take(100, 10)), (Ids{2}));  // UA is busy: 3 waits
    q.retry(1, 1, 500);
    q.settle(2);
    EXPECT_TRUE(q.take(499, 10).empty());
    EXPECT_EQ(ids_of(q.take(500, 10)), (Ids{1}));
}

TEST(DeliveryQueue, OffersTheLowestIdsFirstUpToTheLimit) {
    auto q = holding({row(7, "UC", 10), row(4, "UB", 90), row(2, "UA", 50)});
    EXPECT_EQ(ids_of(q.take(100, 2)), (Ids{2, 4}));
    EXPECT_EQ(ids_of(q.take(100, 2)), (Ids{7}));
    EXPECT_TRUE(q.take(100, 2).empty());
}

TEST(DeliveryQueue, ARetryingRowHoldsBackItsRecipientsLaterRows) {
    auto q = holding({row(1, "UA"), row(2, "UA")});
    ASSERT_EQ(ids_of(q.take(100, 10)), (Ids{1}));
    q.retry(1, 1, 900);
    EXPECT_TRUE(q.take(800, 10).empty());
    EXPECT_EQ(q.next_due_at(), 900);
    auto again = q.take(900, 10);
    ASSERT_EQ(ids_of(again), (Ids{1}));
    EXPECT_EQ(again[0]->attempts, 1);
}

TEST(DeliveryQueue, AnUpdateWaitsForThePostItEdits) {
    DeliveryQueue q;
    q.add(row(1, "UM"));
    Row update = row(2, "UM");
    update.method = "chat.update";
    update.target_id = 1;
    q.add(update);
    EXPECT_EQ(ids_of(q.take(100, 10)), (Ids{1}));
    EXPECT_TRUE(q.take(100, 10).empty());
    q.settle(1);  // sent, or parked as dead
    EXPECT_EQ(ids_of(q.take(100, 10)), (Ids{2}));
}

TEST(DeliveryQueue, NextDueAtIsTheEarliestAmongIdleHeads) {
    DeliveryQueue q;
    EXPECT_FALSE(q.next_due_at().has_value());
    q.add(row(1, "UA", 300));
    q.add(row(2, "UA", 5));  // not a head: waits behind 1 whatever its time
    q.add(row(3, "UB", 200));
    EXPECT_EQ(q.next_due_at(), 200);
    q.take(200, 10);  // UB busy
    EXPECT_EQ(q.next_due_at(), 300);
}

TEST(DeliveryQueue, NextDueAtIsEmptyWithNothingIdle) {
    DeliveryQueue q;
    q.add(row(1, "UA", 42));
    EXPECT_EQ(q.next_due_at(), 42);
    q.take(42, 10);
    EXPECT_FALSE(q.next_due_at().has_value());
    q.settle(1);
    EXPECT_FALSE(q.next_due_at().has_value());
    EXPECT_EQ(q.size(), 0u);
    EXPECT_TRUE(q.take(1000, 10).empty());
}

TEST(DeliveryQueue, IgnoresARowItHoldsAlreadyButMovesTheCursor) {
    DeliveryQueue q;
    EXPECT_TRUE(q.add(row(3, "UA")));
    EXPECT_FALSE(q.add(row(3, "UA", 999)));
    EXPECT_EQ(q.size(), 1u);
    EXPECT_EQ(q.next_due_at(), 100);
    EXPECT_TRUE(q.add(row(5, "UB")));
    EXPECT_TRUE(q.add(row(4, "UC")));
    EXPECT_EQ(q.cursor(), 5);
    EXPECT_EQ(q.held_through(4), 2u);
    EXPECT_EQ(q.held_through(2), 0u);
}

TEST(DeliveryQueue, TheCursorStaysWhenRowsLeave) {
    DeliveryQueue q;
    q.add(row(8, "UA"));
    q.take(100, 10);
    q.settle(8);
    EXPECT_EQ(q.cursor(), 8);
    EXPECT_EQ(q.size(), 0u);
    EXPECT_EQ(q.held_through(8), 1u);  // pending in the database until recorded
    q.recorded(8);
    EXPECT_EQ(q.held_through(8), 0u);
}

TEST(DeliveryQueue, ARowSettledIsNotHeldAgainUntilItsOutcomeIsRecordedEvenAfterAReset) {
    DeliveryQueue q;
    q.add(row(1, "UA"));
    q.add(row(2, "UA"));
    ASSERT_EQ(ids_of(q.take(100, 10)), (Ids{1}));
    q.settle(1);
    // Its recipient's next row goes without waiting for the record.
    EXPECT_EQ(ids_of(q.take(100, 10)), (Ids{2}));
    // A read from the start finds row 1 still pending in the database.
    q.reset();
    EXPECT_FALSE(q.add(row(1, "UA")));
    EXPECT_TRUE(q.take(100, 10).empty());
    q.recorded(1);
    EXPECT_TRUE(q.add(row(1, "UA")));  // re-queued by the CLI after it was recorded dead
}

TEST(DeliveryQueue, ResetKeepsOnlyTheRowsBeingSent) {
    auto q = holding({row(1, "UA"), row(2, "UA"), row(3, "UB")});
    ASSERT_EQ(ids_of(q.take(100, 1)), (Ids{1}));
    q.reset();
    EXPECT_EQ(q.size(), 1u);
    EXPECT_EQ(q.cursor(), 0);
    EXPECT_FALSE(q.next_due_at().has_value());

    // Read again from the start: the row being sent is not offered twice.
    for (auto id : {1, 2, 3}) q.add(row(id, id == 3 ? "UB" : "UA"));
    EXPECT_EQ(q.size(), 3u);
    EXPECT_EQ(ids_of(q.take(100, 10)), (Ids{3}));
    q.settle(1);
    EXPECT_EQ(ids_of(q.take(100, 10)), (Ids{2}));
}

TEST(DeliveryQueue, ARowAddedBelowOneBeingSentGoesNext) {
    auto q = holding({row(5, "UA"), row(6, "UA")});
    ASSERT_EQ(ids_of(q.take(100, 10)), (Ids{5}));
    q.add(row(2, "UA"));  // re-queued while 5 was under way
    EXPECT_TRUE(q.take(100, 10).empty());
    q.settle(5);
    EXPECT_EQ(q.size(), 2u);
    EXPECT_EQ(ids_of(q.take(100, 10)), (Ids{2}));
    q.settle(2);
    EXPECT_EQ(ids_of(q.take(100, 10)), (Ids{6}));
}

TEST(DeliveryQueue, ARowAddedBelowAnIdleHeadTakesItsPlace) {
    auto q = holding({row(5, "UA", 900), row(2, "UA", 100)});
    EXPECT_EQ(q.next_due_at(), 100);
    EXPECT_EQ(ids_of(q.take(100, 10)), (Ids{2}));
}

TEST(DeliveryQueue, PuttingARowBackUnchangedOffersItAgain) {
    DeliveryQueue q;
    q.add(row(1, "UA"));
    auto taken = q.take(100, 10);
    ASSERT_EQ(taken.size(), 1u);
    q.retry(taken[0]->id, taken[0]->attempts, taken[0]->next_attempt_at);
    EXPECT_EQ(ids_of(q.take(100, 10)), (Ids{1}));
}

TEST(DeliveryQueue, SettlingARowNotTakenChangesNothing) {
    DeliveryQueue q;
    q.add(row(1, "UA"));
    EXPECT_FALSE(q.settle(1));
    q.retry(1, 3, 999);
    EXPECT_FALSE(q.settle(42));
    EXPECT_EQ(q.size(), 1u);
    auto taken = q.take(100, 10);
    ASSERT_EQ(ids_of(taken), (Ids{1}));
    EXPECT_EQ(taken[0]->attempts, 0);
}

TEST(DeliveryQueue, ARowFoundDueIsNotSentEarlyWhenTheClockGoesBack) {
    DeliveryQueue q;
    q.add(row(1, "UA", 500));
    EXPECT_TRUE(q.take(500, 0).empty());  // due, but no room
    EXPECT_TRUE(q.take(400, 10).empty());
    EXPECT_EQ(q.next_due_at(), 500);
    EXPECT_EQ(ids_of(q.take(500, 10)), (Ids{1}));
}

TEST(DeliveryQueue, HoldsAtMostItsBoundPerRecipientAndCountsTheRest) {
    DeliveryQueue q(2);
    for (const auto& r : {row(1, "UA"), row(2, "UA"), row(3, "UA"), row(4, "UB"), row(5, "UA")})
        q.add(r);
    EXPECT_EQ(q.size(), 3u);  // 1, 2 and 4
    EXPECT_EQ(q.skipped(), 2u);
    EXPECT_EQ(q.cursor(), 5);
    EXPECT_EQ(ids_of(q.take(100, 10)), (Ids{1, 4}));
}

TEST(DeliveryQueue, AsksToBeReadAgainOnceAFullRecipientHasNothingLeft) {
    DeliveryQueue q(2);
    for (std::int64_t id = 1; id <= 4; ++id) q.add(row(id, "UA"));
    q.add(row(5, "UB"));
    EXPECT_EQ(q.skipped(), 2u);
    ASSERT_EQ(ids_of(q.take(100, 10)), (Ids{1, 5}));
    q.settle(5);
    q.settle(1);
    EXPECT_FALSE(q.wants_reread());  // 2 is still held
    ASSERT_EQ(ids_of(q.take(100, 10)), (Ids{2}));
    q.retry(2, 1, 100);
    EXPECT_FALSE(q.wants_reread());  // a retry frees nothing
    ASSERT_EQ(ids_of(q.take(100, 10)), (Ids{2}));
    q.settle(2);
    EXPECT_TRUE(q.wants_reread());

    q.reset();
    EXPECT_FALSE(q.wants_reread());
    EXPECT_EQ(q.skipped(), 0u);
    for (std::int64_t id = 3; id <= 4; ++id) q.add(row(id, "UA"));
    EXPECT_EQ(q.size(), 2u);
    EXPECT_EQ(q.skipped(), 0u);
}

TEST(DeliveryQueue, ARecipientWithoutTurnedAwayRowsNeverAsksToBeReadAgain) {
    DeliveryQueue q(4);
    q.add(row(1, "UA"));
    ASSERT_EQ(ids_of(q.take(100, 10)), (Ids{1}));
    q.settle(1);
    EXPECT_FALSE(q.wants_reread());
}

TEST(DeliveryQueue, HoldsRowsHandedOverOnlyWhenTheyFollowTheCursorWithoutAGap) {
    DeliveryQueue q;
    std::vector<Row> first{row(1, "UA"), row(2, "UB")};
    EXPECT_TRUE(q.add_following(first, 100));
    EXPECT_EQ(q.cursor(), 2);
    EXPECT_EQ(ids_of(q.take(100, 10)), (Ids{1, 2}));

    // Row 3 was committed by someone who did not hand it over.
    std::vector<Row> after_a_gap{row(4, "UA"), row(5, "UA")};
    EXPECT_FALSE(q.add_following(after_a_gap, 100));
    EXPECT_EQ(q.cursor(), 2);
    EXPECT_EQ(q.size(), 2u);

    // A run with a hole in it is not held either.
    std::vector<Row> with_a_hole{row(3, "UC"), row(5, "UC")};
    EXPECT_FALSE(q.add_following(with_a_hole, 100));
    EXPECT_EQ(q.cursor(), 2);
}

TEST(DeliveryQueue, RowsHandedOverThatAReadHeldAlreadyAreNotHeldAgain) {
    DeliveryQueue q;
    q.add(row(1, "UA"));
    ASSERT_EQ(ids_of(q.take(100, 10)), (Ids{1}));
    q.settle(1);
    // The read found row 1 before its hand-over arrived: sent once, not twice.
    std::vector<Row> late{row(1, "UA")};
    EXPECT_FALSE(q.add_following(late, 100));
    EXPECT_TRUE(q.take(100, 10).empty());
}

TEST(DeliveryQueue, RowsHandedOverBeyondTheLimitAreLeftForARead) {
    DeliveryQueue q;
    std::vector<Row> many{row(1, "UA"), row(2, "UB"), row(3, "UC")};
    EXPECT_FALSE(q.add_following(many, 2));
    EXPECT_EQ(q.size(), 0u);
    EXPECT_EQ(q.cursor(), 0);
}

}  // namespace
