// The one approver rule every workflow calls: manager; a site lead when there
// is none or the manager is out today; never the requester; then an admin.

#include <set>

#include <gtest/gtest.h>

#include "core/message.hpp"
#include "handlers/approver.hpp"
#include "tests/support/site.hpp"

namespace {

using handlers::Approver;
using handlers::approver_for;

struct ApproverRule : ::testing::Test {
    config::Config cfg = testing_support::site_config();
    std::set<std::string> out;  // who is out today

    Approver of(const std::string& requester) {
        return approver_for(cfg, *cfg.find_person(requester),
                            [&](const config::Person& p) { return out.count(p.slack_id) > 0; });
    }
};

TEST_F(ApproverRule, IsTheManagerWhenTheManagerIsIn) {
    const Approver a = of("UANNA");
    EXPECT_EQ(a.person->slack_id, "UMGR1");
    EXPECT_EQ(a.why, Approver::Why::manager);
    EXPECT_FALSE(a.stands_in());
    EXPECT_TRUE(a.explanation.empty());
}

TEST_F(ApproverRule, IsASiteLeadWhenTheManagerIsOutToday) {
    out.insert("UMGR1");
    const Approver a = of("UANNA");
    EXPECT_EQ(a.person->slack_id, "ULEAD");
    EXPECT_EQ(a.why, Approver::Why::manager_out);
    EXPECT_EQ(a.explanation, "<@UMGR1> is out today, so <@ULEAD> (site lead) decides instead");
}

TEST_F(ApproverRule, IsASiteLeadWhenThereIsNoManager) {
    for (auto& p : cfg.people)
        if (p.slack_id == "UANNA") p.manager.clear();
    const Approver a = of("UANNA");
    EXPECT_EQ(a.person->slack_id, "ULEAD");
    EXPECT_EQ(a.why, Approver::Why::no_manager);
    EXPECT_EQ(a.explanation,
              "<@UANNA> has no manager in the directory, so <@ULEAD> (site lead) decides");
}

TEST_F(ApproverRule, IsNeverTheRequesterThemselves) {
    // The site lead has no manager: another site lead, else an admin decides.
    const Approver a = of("ULEAD");
    EXPECT_NE(a.person->slack_id, "ULEAD");
    EXPECT_EQ(a.person->slack_id, "UADMIN");
    EXPECT_EQ(a.explanation,
              "<@ULEAD> has no manager in the directory, so <@UADMIN> (admin) decides");
}

TEST_F(ApproverRule, PrefersAStandInWhoIsInToday) {
    out.insert("UMGR1");
    out.insert("ULEAD");
    EXPECT_EQ(of("UANNA").person->slack_id, "UADMIN");
}

TEST_F(ApproverRule, RefusesWhenNobodyElseCouldDecide) {
    config::Config alone;
    config::Person one;
    one.slack_id = "UONE";
    one.name = "One";
    one.roles = {config::Role::site_lead};
    alone.people = {one};
    alone.index_people();
    EXPECT_THROW(approver_for(alone, alone.people[0], [](const config::Person&) { return false; }),
                 core::Refusal);
}

}  // namespace
