// Expenses in a real SQLite file: what is stored reads back exactly, moves
// happen only from the state they were read in, and the questions the
// workflow asks (waiting for whom, possible duplicates, a month) find the
// right rows.

#include <gtest/gtest.h>

#include "storage/expense_store.hpp"
#include "tests/support/db.hpp"

namespace {

namespace estore = storage::expense;

estore::Expense lunch(const std::string& who, std::int64_t minor, const std::string& day) {
    estore::Expense e;
    e.submitter = who;
    e.site = "lisbon";
    e.amount_minor = minor;
    e.currency = "EUR";
    e.category = "meals";
    e.description = "lunch, \"client\"";
    e.spent_on = day;
    e.status = estore::Status::pending;
    e.approver = "UM";
    return e;
}

TEST(ExpenseStore, KeepsWhatIsStoredExactly) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    auto e = lunch("U1", 9007199254740991, "2026-11-03");  // 2^53 - 1 minor units
    e.receipt_url = "https://example.com/r.pdf";
    e.flags = "over the meals limit";
    const auto id = estore::insert(*db, e, 100);
    const auto back = estore::get(*db, id);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->amount_minor, 9007199254740991);
    EXPECT_EQ(back->description, "lunch, \"client\"");
    EXPECT_EQ(back->status, estore::Status::pending);
    EXPECT_EQ(back->stage, 1);
    EXPECT_TRUE(back->has_receipt());
    EXPECT_EQ(back->created_at, 100);
    EXPECT_FALSE(estore::get(*db, id + 1));
}

TEST(ExpenseStore, MovesOnlyFromTheStateItWasReadIn) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    const auto id = estore::insert(*db, lunch("U1", 4250, "2026-11-03"), 1);
    const estore::Move to_lead{
        estore::Status::pending, 1, estore::Status::pending, 2, "ULEAD", "UM", "ok"};
    EXPECT_TRUE(estore::move(*db, id, to_lead, 2));
    EXPECT_FALSE(estore::move(*db, id, to_lead, 3));  // somebody moved it first
    const auto e = estore::get(*db, id);
    EXPECT_EQ(e->stage, 2);
    EXPECT_EQ(e->approver, "ULEAD");
    EXPECT_EQ(e->decided_by, "UM");
    EXPECT_EQ(estore::waiting_for(*db, "ULEAD").size(), 1u);
    EXPECT_TRUE(estore::waiting_for(*db, "UM").empty());
}

TEST(ExpenseStore, FindsDuplicatesReceiptlessAndMonths) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    const auto first = estore::insert(*db, lunch("U1", 4250, "2026-11-03"), 10);
    auto other = lunch("U1", 4250, "2026-11-30");
    other.category = "travel";
    estore::insert(*db, other, 20);
    estore::insert(*db, lunch("U2", 4250, "2026-12-01"), 30);
    const auto again = lunch("U1", 4250, "2026-11-04");
    EXPECT_EQ(estore::similar(*db, again, 0), std::vector<std::int64_t>{first});
    EXPECT_TRUE(estore::similar(*db, again, 11).empty());  // outside the window

    EXPECT_EQ(estore::latest_without_receipt(*db, "U1", 0)->category, "travel");
    EXPECT_TRUE(estore::attach_receipt(*db, first + 1, "", "F123", "r.png", 40));
    EXPECT_FALSE(estore::attach_receipt(*db, first + 1, "", "F999", "s.png", 41));  // has one
    EXPECT_EQ(estore::latest_without_receipt(*db, "U1", 0)->id, first);

    const auto november = estore::of_month(*db, "2026-11");
    ASSERT_EQ(november.size(), 2u);
    EXPECT_EQ(november[0].spent_on, "2026-11-03");
    EXPECT_EQ(estore::of_month(*db, "2026-12").size(), 1u);
    EXPECT_EQ(estore::of_submitter(*db, "U1", 0).front().category, "travel");  // newest first
}

}  // namespace
