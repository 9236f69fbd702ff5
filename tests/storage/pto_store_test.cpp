#include <gtest/gtest.h>

#include "storage/audit.hpp"
#include "storage/pto_store.hpp"
#include "tests/support/db.hpp"
#include "tests/support/pto_rows.hpp"

namespace {

// Qualified: in a unity batch with the office store's test, whose
// anonymous namespace names its own Status.
namespace pto = storage::pto;

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
    r.status = pto::Status::pending;
    const auto across = pto::insert(*db, r, 1);
    r.start_date = r.end_date = "2027-02-01";
    r.days = 1;
    r.charges = {{2027, 1}};
    const auto february = pto::insert(*db, r, 2);
    EXPECT_EQ(usage_of(*db, 2026), "0/2");
    EXPECT_EQ(usage_of(*db, 2027), "0/3");

    ASSERT_TRUE(
        pto::set_status(*db, across, pto::Status::pending, pto::Status::approved, "UM", "", 3));
    EXPECT_EQ(usage_of(*db, 2026), "2/0");
    EXPECT_EQ(usage_of(*db, 2027), "2/1");
    // Somebody decided first: nothing changes.
    EXPECT_FALSE(
        pto::set_status(*db, across, pto::Status::pending, pto::Status::denied, "UM", "", 4));
    EXPECT_EQ(usage_of(*db, 2027), "2/1");

    ASSERT_TRUE(
        pto::set_status(*db, february, pto::Status::pending, pto::Status::denied, "UM", "", 5));
    ASSERT_TRUE(
        pto::set_status(*db, across, pto::Status::approved, pto::Status::cancelled, "U1", "", 6));
    EXPECT_EQ(usage_of(*db, 2026), "0/0");
    EXPECT_EQ(usage_of(*db, 2027), "0/0");

    // Recorded at once (sick leave): approved from the start.
    r.status = pto::Status::approved;
    pto::insert(*db, r, 7);
    EXPECT_EQ(usage_of(*db, 2027), "1/0");
}

using testing_support::add_request;

// The teammates line: pending and approved requests of the people asked
// about that touch the span, earliest first, cut at the limit.
TEST(PtoStore, OfPeopleBetweenFindsThePeoplesOpenRequestsTouchingTheSpan) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    add_request(*db, "U2", "2027-03-08", "2027-03-12", pto::Status::approved);
    add_request(*db, "U3", "2027-03-05", "2027-03-09", pto::Status::pending);
    add_request(*db, "U4", "2027-03-10", "2027-03-10", pto::Status::approved);  // not asked about
    add_request(*db, "U5", "2027-03-09", "2027-03-09", pto::Status::denied);
    add_request(*db, "U5", "2027-03-13", "2027-03-20", pto::Status::approved);  // after the span
    add_request(*db, "U6", "2027-03-01", "2027-03-07", pto::Status::approved);  // before it
    add_request(*db, "U6", "2027-03-11", "2027-03-11", pto::Status::pending);
    const std::vector<std::string> team{"U2", "U3", "U5", "U6"};

    auto who = [](const std::vector<pto::Request>& rows) {
        std::string out;
        for (const auto& r : rows) out += r.requester + ":" + r.start_date + " ";
        return out;
    };
    EXPECT_EQ(who(pto::of_people_between(*db, team, "2027-03-08", "2027-03-12", 10)),
              "U3:2027-03-05 U2:2027-03-08 U6:2027-03-11 ");
    EXPECT_EQ(who(pto::of_people_between(*db, team, "2027-03-08", "2027-03-12", 2)),
              "U3:2027-03-05 U2:2027-03-08 ");
    EXPECT_EQ(who(pto::of_people_between(*db, {"U6"}, "2027-03-08", "2027-03-12", 10)),
              "U6:2027-03-11 ");
    EXPECT_TRUE(pto::of_people_between(*db, {}, "2027-03-08", "2027-03-12", 10).empty());
    const auto rows = pto::of_people_between(*db, {"U3"}, "2027-03-08", "2027-03-12", 10);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].status, pto::Status::pending);
    EXPECT_EQ(rows[0].end_date, "2027-03-09");
    EXPECT_EQ(rows[0].part, "full");
}

// Requests saved before requests had a site get the first configured one,
// once; those with a site keep it.
TEST(PtoStore, AssignSiteGivesRequestsWithoutASiteTheOneNamed) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    const auto old = add_request(*db, "U2", "2027-03-08", "2027-03-08", pto::Status::pending);
    pto::NewRequest r;
    r.requester = "U3";
    r.leave_type = "vacation";
    r.start_date = r.end_date = "2027-03-09";
    r.part = "full";
    r.days = 1;
    r.site = "london";
    const auto sited = pto::insert(*db, r, 2);
    EXPECT_EQ(pto::get(*db, old)->site, "");
    EXPECT_EQ(pto::assign_site(*db, "lisbon"), 1);
    EXPECT_EQ(pto::assign_site(*db, "lisbon"), 0);
    EXPECT_EQ(pto::get(*db, old)->site, "lisbon");
    EXPECT_EQ(pto::get(*db, sited)->site, "london");
}

}  // namespace

namespace {

// The one audit trail: each item's changes in order, kept apart by kind.
TEST(AuditTrail, KeepsEachItemsChangesInOrder) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    using core::IdKind;
    storage::audit::record(*db, {IdKind::expense, 7, "created", "", "pending", "U1", 1, "lunch"});
    storage::audit::record(*db, {IdKind::pto, 7, "created", "", "pending", "U2", 2, ""});
    storage::audit::record(*db,
                           {IdKind::expense, 7, "approved", "pending", "approved", "UM", 3, "ok"});
    const auto trail = storage::audit::history(*db, IdKind::expense, 7);
    ASSERT_EQ(trail.size(), 2u);
    EXPECT_EQ(trail[0].action, "created");
    EXPECT_EQ(trail[0].note, "lunch");
    EXPECT_EQ(trail[1].from, "pending");
    EXPECT_EQ(trail[1].to, "approved");
    EXPECT_EQ(trail[1].actor, "UM");
    EXPECT_EQ(trail[1].at_ms, 3);
    EXPECT_EQ(storage::audit::history(*db, IdKind::pto, 7).size(), 1u);
}

}  // namespace
