#include <gtest/gtest.h>

#include "storage/outbox.hpp"
#include "tests/support/db.hpp"

namespace {

namespace outbox = storage::outbox;
using handlers::Message;
using testing_support::TempDb;

std::vector<std::int64_t> ids_of(const std::vector<outbox::Row>& rows) {
    std::vector<std::int64_t> ids;
    for (const auto& r : rows) ids.push_back(r.id);
    return ids;
}

Message approval(const std::string& manager, const std::string& subject) {
    Message m = Message::dm(manager, "Approve " + subject + "?");
    m.subject = subject;
    m.has_buttons = true;
    return m;
}

class OutboxDelivery : public ::testing::Test {
protected:
    std::int64_t add(const Message& m, std::int64_t now = 100) {
        outbox::enqueue(*db, "r-" + std::to_string(++n), {m}, now);
        return db->getLastInsertRowid();
    }
    TempDb tmp;
    std::unique_ptr<SQLite::Database> db = tmp.connect();
    int n = 0;
};

TEST_F(OutboxDelivery, OffersOnlyTheOldestPendingRowOfEachRecipient) {
    auto a1 = add(Message::dm("UA", "1"));
    add(Message::dm("UA", "2"));
    auto b1 = add(Message::dm("UB", "1"));
    EXPECT_EQ(ids_of(outbox::due(*db, 100, 10, {})), (std::vector<std::int64_t>{a1, b1}));
    outbox::mark_sent(*db, a1, "DUA", "1.1", 101);
    EXPECT_EQ(ids_of(outbox::due(*db, 100, 10, {})), (std::vector<std::int64_t>{a1 + 1, b1}));
}

TEST_F(OutboxDelivery, SkipsBusyRecipientsAndRowsNotYetDue) {
    auto a = add(Message::dm("UA", "1"));
    auto b = add(Message::dm("UB", "1"));
    EXPECT_EQ(ids_of(outbox::due(*db, 100, 10, {"UB"})), (std::vector<std::int64_t>{a}));
    outbox::mark_retry(*db, a, 1, 500, "HTTP 500");
    EXPECT_EQ(ids_of(outbox::due(*db, 499, 10, {})), (std::vector<std::int64_t>{b}));
    EXPECT_EQ(ids_of(outbox::due(*db, 500, 10, {})), (std::vector<std::int64_t>{a, b}));
    EXPECT_EQ(ids_of(outbox::due(*db, 500, 1, {})), (std::vector<std::int64_t>{a}));
}

TEST_F(OutboxDelivery, ARetryingRowHoldsBackItsRecipientsLaterRows) {
    auto first = add(Message::dm("UA", "1"));
    add(Message::dm("UA", "2"));
    outbox::mark_retry(*db, first, 1, 900, "HTTP 503");
    EXPECT_TRUE(outbox::due(*db, 800, 10, {}).empty());
    EXPECT_EQ(outbox::next_due_at(*db), 900);
}

TEST_F(OutboxDelivery, AnUpdateIsDueOnceItsPostIsSentOrDead) {
    auto post = add(approval("UM", "PTO-1"));
    auto update = add(Message::update_buttons("PTO-1", "done"));
    EXPECT_EQ(ids_of(outbox::due(*db, 100, 10, {})), (std::vector<std::int64_t>{post}));
    outbox::mark_sent(*db, post, "DUM", "1.1", 101);
    EXPECT_EQ(ids_of(outbox::due(*db, 100, 10, {})), (std::vector<std::int64_t>{update}));

    auto post2 = add(approval("UM", "PTO-2"));
    auto update2 = add(Message::update_buttons("PTO-2", "done"));
    outbox::mark_sent(*db, update, "DUM", "1.1", 102);
    outbox::mark_dead(*db, post2, 1, "channel_not_found");
    EXPECT_EQ(ids_of(outbox::due(*db, 100, 10, {})), (std::vector<std::int64_t>{update2}));
}

TEST_F(OutboxDelivery, NextDueAtIsEmptyWithNothingPending) {
    EXPECT_FALSE(outbox::next_due_at(*db).has_value());
    auto a = add(Message::dm("UA", "1"), 42);
    EXPECT_EQ(outbox::next_due_at(*db), 42);
    outbox::mark_sent(*db, a, "DUA", "1.1", 43);
    EXPECT_FALSE(outbox::next_due_at(*db).has_value());
}

TEST_F(OutboxDelivery, MarkingTouchesOnlyPendingRows) {
    auto a = add(Message::dm("UA", "1"));
    outbox::mark_dead(*db, a, 2, "invalid_blocks");
    outbox::mark_sent(*db, a, "DUA", "1.1", 200);
    outbox::mark_retry(*db, a, 3, 300, "later");
    auto row = *outbox::get(*db, a);
    EXPECT_EQ(row.state, "dead");
    EXPECT_EQ(row.attempts, 2);
    EXPECT_EQ(row.last_error, "invalid_blocks");
}

TEST_F(OutboxDelivery, ListsAndCountsByState) {
    auto a = add(Message::dm("UA", "1"));
    auto b = add(Message::dm("UB", "1"));
    add(Message::dm("UC", "1"));
    outbox::mark_dead(*db, a, 1, "channel_not_found");
    outbox::mark_dead(*db, b, 8, "gave up");
    EXPECT_EQ(ids_of(outbox::list(*db, "dead", 10)), (std::vector<std::int64_t>{a, b}));
    EXPECT_EQ(ids_of(outbox::list(*db, "dead", 1)), (std::vector<std::int64_t>{a}));
    EXPECT_EQ(outbox::count(*db, "dead"), 2);
    EXPECT_EQ(outbox::count(*db, "pending"), 1);
    EXPECT_EQ(outbox::count(*db, "sent"), 0);
    EXPECT_THROW(outbox::list(*db, "failed", 10), std::invalid_argument);
    EXPECT_THROW(outbox::count(*db, ""), std::invalid_argument);
}

TEST_F(OutboxDelivery, RequeueMakesDeadRowsPendingWithFreshAttempts) {
    auto a = add(Message::dm("UA", "1"));
    auto b = add(Message::dm("UB", "1"));
    outbox::mark_dead(*db, a, 8, "gave up");
    outbox::mark_dead(*db, b, 1, "channel_not_found");
    EXPECT_EQ(outbox::requeue_dead(*db, std::nullopt, 5000), 2);
    auto row = *outbox::get(*db, a);
    EXPECT_EQ(row.state, "pending");
    EXPECT_EQ(row.attempts, 0);
    EXPECT_EQ(row.next_attempt_at, 5000);
    EXPECT_EQ(outbox::count(*db, "dead"), 0);
}

TEST_F(OutboxDelivery, RequeueOfOnePostBringsBackItsParkedUpdates) {
    auto post = add(approval("UM", "PTO-1"));
    auto update = add(Message::update_buttons("PTO-1", "done"));
    auto other = add(Message::dm("UX", "1"));
    outbox::mark_dead(*db, post, 1, "channel_not_found");
    outbox::mark_dead(*db, update, 0, "the message it updates was never delivered");
    outbox::mark_dead(*db, other, 1, "not_in_channel");
    EXPECT_EQ(outbox::requeue_dead(*db, post, 5000), 2);
    EXPECT_EQ(outbox::get(*db, update)->state, "pending");
    EXPECT_EQ(outbox::get(*db, other)->state, "dead");
}

TEST_F(OutboxDelivery, RequeueOfARowThatIsNotDeadChangesNothing) {
    auto post = add(approval("UM", "PTO-1"));
    auto update = add(Message::update_buttons("PTO-1", "done"));
    outbox::mark_sent(*db, post, "DUM", "1.1", 200);
    outbox::mark_dead(*db, update, 1, "message_not_found");
    EXPECT_EQ(outbox::requeue_dead(*db, post, 5000), 0);
    EXPECT_EQ(outbox::requeue_dead(*db, 999, 5000), 0);
    EXPECT_EQ(outbox::get(*db, update)->state, "dead");
}

}  // namespace
