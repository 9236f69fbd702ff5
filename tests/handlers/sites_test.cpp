// Several sites in one workspace, through the real service: each person's
// site counts their days, says what "today" is, and picks the stand-in.
// Today is Tuesday 2026-12-01, noon in New York (17:00 in London).

#include <gtest/gtest.h>

#include "handlers/approver.hpp"
#include "handlers/pto.hpp"
#include "handlers/reminders.hpp"
#include "tests/support/common.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/site.hpp"

namespace {

using testing_support::Exchange;
using testing_support::Harness;
using testing_support::noon_at;
using testing_support::utc;

struct Sites : ::testing::Test {
    Harness company{noon_at(2026, 12, 1), testing_support::two_sites_config()};
};

// Dec 21-28: in New York Mon-Fri with Christmas Eve a half day and
// Christmas a holiday (21, 22, 23, 24 half, 28 = 4.5); in London Mon-Thu
// with the 28th a bank holiday (21, 22, 23, 24 = 4).
TEST_F(Sites, TheSameDatesCountByEachPersonsSite) {
    Exchange anna = company.slash("UANNA", "/pto dec 21-28");
    EXPECT_CONTAINS(anna.text, "Requested PTO-1");
    EXPECT_CONTAINS(anna.text, "4.5 days");
    Exchange liz = company.slash("ULIZ", "/pto dec 21-28");
    EXPECT_CONTAINS(liz.text, "Requested PTO-2");
    EXPECT_CONTAINS(liz.text, "4 days");
    EXPECT_EQ(company.count("pto_requests", "id = 1 AND days = 4.5 AND site = 'nyc'"), 1);
    EXPECT_EQ(company.count("pto_requests", "id = 2 AND days = 4 AND site = 'london'"), 1);

    // A Friday is no working day in London.
    Exchange friday = company.slash("ULIZ", "/pto dec 11");
    EXPECT_CONTAINS(friday.text, "has no working days at London studio");
    EXPECT_EQ(company.count("pto_requests"), 2);
}

// "Who's out" asked in a DM answers for the caller's site, or the one its
// words name.
TEST_F(Sites, WhoIsOutIsAnsweredForTheSiteTheQuestionNames) {
    company.slash("ULIZ", "/pto dec 8");
    company.slash("UMGR1", "/approve PTO-1");
    EXPECT_CONTAINS(company.dm("UANNA", "who's out on dec 8?", "Ev-who-site-1").text,
                    "Nobody is out Tue Dec 8 at Test Office.");
    EXPECT_CONTAINS(company.dm("UANNA", "who's out in london on dec 8?", "Ev-who-site-2").text,
                    "Out Tue Dec 8 at London studio:\n• <@ULIZ> vacation");
    EXPECT_CONTAINS(company.dm("ULIZ", "anyone else off dec 8", "Ev-who-site-3").text,
                    "Out Tue Dec 8 at London studio:");
}

TEST_F(Sites, TodayIsTheCallersSiteDate) {
    // 23:30 on Monday in New York is 04:30 on Tuesday in London.
    company.now = utc("2026-12-01T04:30:00Z");
    company.slash("UANNA", "/pto today");
    company.slash("ULIZ", "/pto today");
    EXPECT_EQ(company.count("pto_requests", "requester = 'UANNA' AND start_date = '2026-11-30'"),
              1);
    EXPECT_EQ(company.count("pto_requests", "requester = 'ULIZ' AND start_date = '2026-12-01'"), 1);
}

// ULIZ works in London for UMGR1 in New York: the manager decides, sees
// which site counted the days, and the counting stays London's.
TEST_F(Sites, AManagerAtAnotherSiteDecidesWithTheReportsCounting) {
    Exchange ask = company.slash("ULIZ", "/pto dec 21-28 vacation");
    const auto asks = ask.to("UMGR1");
    ASSERT_EQ(asks.size(), 1u);
    const std::string details = asks[0].body()["blocks"][0]["text"]["text"];
    EXPECT_CONTAINS(details, "4 working days");
    EXPECT_CONTAINS(details, "*Site:* London studio");
    EXPECT_CONTAINS(details, "16 days of 20 days left in 2026");

    Exchange approved = company.slash("UMGR1", "/approve PTO-1");
    EXPECT_CONTAINS(approved.text, "Approved PTO-1");
    EXPECT_EQ(company.count("pto_requests", "id = 1 AND status = 'approved' AND days = 4"), 1);
    EXPECT_CONTAINS(company.slash("ULIZ", "/pto balance").text, "16 days of 20 days");
}

// A site lead stands in for their own site's people, not another's.
TEST_F(Sites, ASiteLeadDecidesOnlyForTheirOwnSite) {
    company.slash("UANNA", "/pto dec 21");
    Exchange refused = company.slash("ULOLA", "/approve PTO-1");
    EXPECT_CONTAINS(refused.text, "or a site lead of Test Office can decide PTO-1");
    EXPECT_EQ(company.count("pto_requests", "status = 'pending'"), 1);
    EXPECT_CONTAINS(company.slash("ULEAD", "/approve PTO-1").text, "Approved PTO-1");
}

TEST_F(Sites, WhoIsOutIsTheCallersSiteUnlessAskedForAnother) {
    company.slash("UANNA", "/pto dec 21");
    company.slash("ULIZ", "/pto dec 21");
    company.slash("UMGR1", "/approve PTO-1");
    company.slash("UMGR1", "/approve PTO-2");
    Exchange nyc = company.slash("UBEN", "/pto out dec 21");
    EXPECT_CONTAINS(nyc.text, "at Test Office");
    EXPECT_CONTAINS(nyc.text, "<@UANNA>");
    EXPECT_FALSE(testing_support::contains(nyc.text, "<@ULIZ>"));
    Exchange london = company.slash("UBEN", "/pto out dec 21 --site london");
    EXPECT_CONTAINS(london.text, "<@ULIZ>");
    EXPECT_FALSE(testing_support::contains(london.text, "<@UANNA>"));
    Exchange all = company.slash("UBEN", "/pto out --site all dec 21");
    EXPECT_CONTAINS(all.text, "<@ULIZ>");
    EXPECT_CONTAINS(all.text, "<@UANNA>");
    Exchange bad = company.slash("UBEN", "/pto out --site paris");
    EXPECT_CONTAINS(bad.text, "There is no site `paris`: the sites are `nyc`, `london`, or `all`");
}

// The morning reminders run once per site: each run tells that site's
// approvers.
TEST_F(Sites, EachSitesRemindersGoToItsOwnApprovers) {
    company.slash("UANNA", "/pto dec 21");  // UMGR1 decides, in New York
    company.slash("ULEO", "/pto dec 21");   // ULOLA decides, in London
    auto db = company.db().connect();
    const auto later = company.now + std::chrono::hours(25);
    const auto nyc = handlers::reminders::run(company.cfg, company.cfg.sites[0], *db, later);
    const auto london = handlers::reminders::run(company.cfg, company.cfg.sites[1], *db, later);
    ASSERT_EQ(nyc.size(), 1u);
    EXPECT_EQ(nyc[0].channel, "UMGR1");
    ASSERT_EQ(london.size(), 1u);
    EXPECT_EQ(london[0].channel, "ULOLA");
    EXPECT_CONTAINS(london[0].text, "<@ULEO>");
}

// ULEO (London) has no manager: London's lead decides; when she is out,
// a site lead of another site; never someone who is not a lead or admin.
TEST(SitesApprover, TheStandInIsASiteLeadOfTheRequestersSiteFirst) {
    const config::Config cfg = testing_support::two_sites_config();
    const config::Person& leo = *cfg.find_person("ULEO");
    auto in = [](const config::Person&) { return false; };
    EXPECT_EQ(handlers::approver_for(cfg, leo, in).person->slack_id, "ULOLA");
    auto lola_out = [](const config::Person& p) { return p.slack_id == "ULOLA"; };
    EXPECT_EQ(handlers::approver_for(cfg, leo, lola_out).person->slack_id, "ULEAD");
    // New York's people still get New York's lead, though London's is listed too.
    const config::Person& mgr = *cfg.find_person("UMGR1");
    auto lead_out = [](const config::Person& p) { return p.slack_id == "ULEAD"; };
    EXPECT_EQ(handlers::approver_for(cfg, mgr, lead_out).person->slack_id, "ULOLA");
    EXPECT_EQ(handlers::approver_for(cfg, *cfg.find_person("UBEN"), in).person->slack_id, "UMGR1");
}

}  // namespace
