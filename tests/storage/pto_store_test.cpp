#include <gtest/gtest.h>

#include "storage/pto_store.hpp"
#include "tests/support/db.hpp"

namespace {

namespace pto = storage::pto;
using pto::Status;

std::string usage_of(SQLite::Database& db, int year) {
    const auto u = pto::usage(db, "U1", "vacation", year);
    return std::to_string(static_cast<int>(u.approved)) + "/" +
           std::to_string(static_cast<int>(u.pending));
}

// Days charged per year follow every write of a charge or a status.
TEST(PtoStore, UsageFollowsRequestsThroughEveryDecision) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    pto::NewRequest r;
    r.requester = "U1";
    r.leave_type = "vacation";
    r.start_date = "2026-12-30";
    r.end_date = "2027-01-04";
    r.part = "full";
    r.days = 4;
    r.charges = {{2026, 2}, {2027, 2}};
    r.status = Status::pending;
    const auto across = pto::insert(*db, r, 1);
    r.start_date = r.end_date = "2027-02-01";
    r.days = 1;
    r.charges = {{2027, 1}};
    const auto february = pto::insert(*db, r, 2);
    EXPECT_EQ(usage_of(*db, 2026), "0/2");
    EXPECT_EQ(usage_of(*db, 2027), "0/3");

    ASSERT_TRUE(pto::set_status(*db, across, Status::pending, Status::approved, "UM", "", 3));
    EXPECT_EQ(usage_of(*db, 2026), "2/0");
    EXPECT_EQ(usage_of(*db, 2027), "2/1");
    // Somebody decided first: nothing changes.
    EXPECT_FALSE(pto::set_status(*db, across, Status::pending, Status::denied, "UM", "", 4));
    EXPECT_EQ(usage_of(*db, 2027), "2/1");

    ASSERT_TRUE(pto::set_status(*db, february, Status::pending, Status::denied, "UM", "", 5));
    ASSERT_TRUE(pto::set_status(*db, across, Status::approved, Status::cancelled, "U1", "", 6));
    EXPECT_EQ(usage_of(*db, 2026), "0/0");
    EXPECT_EQ(usage_of(*db, 2027), "0/0");

    // Recorded at once (sick leave): approved from the start.
    r.status = Status::approved;
    pto::insert(*db, r, 7);
    EXPECT_EQ(usage_of(*db, 2027), "1/0");
}

}  // namespace
