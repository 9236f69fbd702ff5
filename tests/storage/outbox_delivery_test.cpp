#include <functional>

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "storage/outbox.hpp"
#include "tests/support/common.hpp"
#include "tests/support/db.hpp"

namespace {

namespace outbox = storage::outbox;
using core::Message;
using testing_support::TempDb;

std::vector<std::int64_t> ids_of(const std::vector<outbox::Row>& rows) {
    std::vector<std::int64_t> ids;
    for (const auto& r : rows) ids.push_back(r.id);
    return ids;
}

// The SQL SQLite ran on `db` during `call`.
std::vector<std::string> statements_run(SQLite::Database& db, const std::function<void()>& call) {
    std::vector<std::string> run;
    auto seen = [](unsigned, void* out, void* statement, void*) {
        static_cast<std::vector<std::string>*>(out)->push_back(
            sqlite3_sql(static_cast<sqlite3_stmt*>(statement)));
        return 0;
    };
    sqlite3_trace_v2(db.getHandle(), SQLITE_TRACE_STMT, seen, &run);
    call();
    sqlite3_trace_v2(db.getHandle(), 0, nullptr, nullptr);
    return run;
}

std::string plan_of(SQLite::Database& db, const std::string& sql) {
    SQLite::Statement q(db, "EXPLAIN QUERY PLAN " + sql);
    std::string plan;
    while (q.executeStep()) plan += q.getColumn(3).getString() + "\n";
    return plan;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

using testing_support::approval;

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

TEST_F(OutboxDelivery, ReadsPendingRowsAfterAnIdInIdOrder) {
    auto a = add(Message::dm("UA", "1"));
    auto b = add(Message::dm("UB", "1"));
    auto c = add(Message::dm("UA", "2"));
    auto d = add(Message::dm("UC", "1"));
    outbox::mark_sent(*db, b, "DUB", "1.1", 101);
    outbox::mark_dead(*db, d, 1, "channel_not_found");
    EXPECT_EQ(ids_of(outbox::pending_after(*db, 0, 10)), (std::vector<std::int64_t>{a, c}));
    EXPECT_EQ(ids_of(outbox::pending_after(*db, a, 10)), (std::vector<std::int64_t>{c}));
    EXPECT_EQ(ids_of(outbox::pending_after(*db, 0, 1)), (std::vector<std::int64_t>{a}));
    EXPECT_TRUE(outbox::pending_after(*db, c, 10).empty());

    auto row = outbox::pending_after(*db, a, 1).at(0);
    EXPECT_EQ(row.recipient, "UA");
    EXPECT_EQ(row.body()["text"], "2");
    EXPECT_EQ(row.state, "pending");
}

TEST_F(OutboxDelivery, CountsPendingRowsThroughAnIdIncludingRequeuedOnes) {
    auto a = add(Message::dm("UA", "1"));
    auto b = add(Message::dm("UB", "1"));
    auto c = add(Message::dm("UC", "1"));
    outbox::mark_dead(*db, a, 1, "channel_not_found");
    EXPECT_EQ(outbox::count_pending_through(*db, b), 1);
    EXPECT_EQ(outbox::count_pending_through(*db, c), 2);
    EXPECT_EQ(outbox::count_pending_through(*db, 0), 0);
    outbox::requeue_dead(*db, a, 5000);
    EXPECT_EQ(outbox::count_pending_through(*db, b), 2);
}

TEST_F(OutboxDelivery, ReadsPendingAndDeadRowsThroughTheirPartialIndexes) {
    auto plans_of = [&](const std::function<void()>& call) {
        std::string plans;
        for (const auto& sql : statements_run(*db, call)) plans += plan_of(*db, sql);
        return plans;
    };
    const auto pending = plans_of([&] {
        outbox::pending_after(*db, 0, 10);
        outbox::count_pending_through(*db, 10);
        outbox::list(*db, "pending", 10);
        outbox::count(*db, "pending");
    });
    EXPECT_EQ(occurrences(pending, "USING INDEX outbox_queue"), 4u) << pending;
    const auto dead = plans_of([&] {
        outbox::list(*db, "dead", 10);
        outbox::count(*db, "dead");
    });
    EXPECT_EQ(occurrences(dead, "USING INDEX outbox_dead"), 2u) << dead;
}

// Every change asks it for each person it concerns.
TEST_F(OutboxDelivery, TheHomeTabsWaitingCheckReadsOnlyItsIndex) {
    add(Message::home("UA", 2000));
    std::string plans;
    for (const auto& sql : statements_run(*db, [&] { add(Message::home("UA", 2000)); }))
        if (sql.starts_with("SELECT")) plans += plan_of(*db, sql);
    EXPECT_EQ(occurrences(plans, "USING COVERING INDEX outbox_home"), 1u) << plans;
    EXPECT_EQ(outbox::count(*db, "pending"), 1);  // the second found the first waiting
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
