// Office tickets in a real SQLite file: moves happen only from the state
// they were read in, the repeat index follows the open ones, and the queue,
// a person's tickets and the overdue ones come back in their order.

#include <gtest/gtest.h>

#include "storage/office_store.hpp"
#include "storage/stems.hpp"
#include "tests/support/db.hpp"

namespace {

namespace tickets = storage::office;
using tickets::Status;

std::int64_t file(SQLite::Database& db, const std::string& who, const std::string& text,
                  const std::string& priority, std::int64_t at, std::int64_t due,
                  std::int64_t escalate = 0) {
    tickets::Ticket t;
    t.requester = who;
    t.site = "office";
    t.description = text;
    t.category = "it";
    t.priority = priority;
    t.due_at = due;
    t.escalate_at = escalate ? escalate : 2 * due;
    return tickets::insert(db, t, at);
}

TEST(OfficeStore, MovesOnlyFromTheStateItWasReadInAndKeepsTheIndexToOpenTickets) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    const auto id = file(*db, "U1", "printer on 3F jammed", "normal", 1, 100);
    EXPECT_EQ(tickets::resembling(*db, "office", {"printer"}, 3).size(), 1u);
    EXPECT_TRUE(tickets::move(*db, id, Status::open, Status::acknowledged, "UBIZ", 2));
    EXPECT_FALSE(tickets::move(*db, id, Status::open, Status::acknowledged, "UOTHER", 3));
    EXPECT_EQ(tickets::get(*db, id)->assignee, "UBIZ");
    EXPECT_EQ(tickets::resembling(*db, "office", {"printer"}, 3).size(), 1u);
    EXPECT_TRUE(tickets::move(*db, id, Status::acknowledged, Status::resolved, "UBIZ", 4));
    EXPECT_TRUE(tickets::resembling(*db, "office", {"printer"}, 3).empty());
    EXPECT_TRUE(tickets::move(*db, id, Status::resolved, Status::open, "UBIZ", 5));  // reopened
    EXPECT_EQ(tickets::resembling(*db, "office", {"printer"}, 3).size(), 1u);
    EXPECT_TRUE(tickets::has_word(*db, id, "jam"));  // stems: "jammed"
}

TEST(OfficeStore, FollowersQueueAndOverdue) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    const auto old = file(*db, "U1", "wifi slow", "normal", 10, 1000);
    const auto urgent = file(*db, "U2", "kitchen sink leaking", "urgent", 20, 50);
    const auto done = file(*db, "U2", "toner low", "low", 5, 2000);
    tickets::move(*db, done, Status::open, Status::resolved, "", 30);
    tickets::follow(*db, urgent, "U1");
    tickets::follow(*db, urgent, "U1");
    tickets::follow(*db, urgent, "U3");
    EXPECT_EQ(tickets::followers(*db, urgent), (std::vector<std::string>{"U1", "U3"}));

    const auto queue = tickets::queue(*db, "office");
    ASSERT_EQ(queue.size(), 2u);
    EXPECT_EQ(queue[0].id, urgent);
    EXPECT_EQ(queue[1].id, old);
    EXPECT_TRUE(tickets::queue(*db, "london").empty());

    const auto mine = tickets::of_person(*db, "U1");  // filed one, follows one
    ASSERT_EQ(mine.size(), 2u);
    EXPECT_EQ(mine[0].id, urgent);  // newest first
    const auto theirs = tickets::of_person(*db, "U2");
    ASSERT_EQ(theirs.size(), 2u);
    EXPECT_EQ(theirs.back().id, done);  // resolved last

    const auto due = tickets::overdue(*db, "office", 100);
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0].id, urgent);
    EXPECT_TRUE(tickets::overdue(*db, "london", 100).empty());
    tickets::move(*db, urgent, Status::open, Status::acknowledged, "UBIZ", 60);
    EXPECT_TRUE(tickets::overdue(*db, "office", 100).empty());  // acknowledged: no escalation
}

TEST(OfficeStore, EachEscalationLevelIsDueOnceAndAReopenedTicketStartsAgain) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    const auto id = file(*db, "U1", "no power on 2F", "urgent", 0, 100, 200);
    EXPECT_TRUE(tickets::overdue(*db, "office", 99).empty());
    ASSERT_EQ(tickets::overdue(*db, "office", 100).size(), 1u);
    tickets::mark_escalated(*db, id, 1);
    EXPECT_TRUE(tickets::overdue(*db, "office", 199).empty());  // posted again already
    ASSERT_EQ(tickets::overdue(*db, "office", 200).size(), 1u);
    tickets::mark_escalated(*db, id, 2);
    tickets::mark_escalated(*db, id, 1);  // never back down
    EXPECT_EQ(tickets::get(*db, id)->escalated, 2);
    EXPECT_TRUE(tickets::overdue(*db, "office", 10'000).empty());

    tickets::move(*db, id, Status::open, Status::resolved, "UBIZ", 300);
    tickets::move(*db, id, Status::resolved, Status::open, "UBIZ", 400);
    tickets::restart_clock(*db, id, 500, 600);
    const auto t = *tickets::get(*db, id);
    EXPECT_EQ(t.escalated, 0);
    EXPECT_EQ(t.due_at, 500);
    EXPECT_EQ(t.escalate_at, 600);
    EXPECT_TRUE(tickets::overdue(*db, "office", 499).empty());
    EXPECT_EQ(tickets::overdue(*db, "office", 500).size(), 1u);
}

TEST(OfficeStore, StemsAreFts5sOwnAndTheRepeatLookSeesOnlyOpenTicketsOfTheSite) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    EXPECT_EQ(storage::stems(*db, "The printers JAMMED, again: jam!"),
              (std::vector<std::string>{"the", "printer", "jam", "again"}));
    const auto id = file(*db, "U1", "printer on 3F jammed", "normal", 1, 100);
    EXPECT_TRUE(tickets::may_repeat(*db, "office", "printers jam"));
    EXPECT_FALSE(tickets::may_repeat(*db, "office", "printers smell"));  // one word shared
    EXPECT_FALSE(tickets::may_repeat(*db, "london", "printers jam"));
    tickets::move(*db, id, Status::open, Status::resolved, "UBIZ", 2);
    EXPECT_FALSE(tickets::may_repeat(*db, "office", "printers jam"));
    tickets::move(*db, id, Status::resolved, Status::open, "UBIZ", 3);
    EXPECT_TRUE(tickets::may_repeat(*db, "office", "printers jam"));
}

}  // namespace
