// The admin's directory and configuration commands, through the real
// service: `/sitelead whois` and `/sitelead config`. Today is Tuesday
// 2026-12-01 at the test site (New York).

#include <gtest/gtest.h>

#include "tests/support/common.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/site.hpp"

namespace {

using testing_support::contains;
using testing_support::Harness;
using testing_support::noon_at;

struct Admin : ::testing::Test {
    Harness site{noon_at(2026, 12, 1)};
};

TEST_F(Admin, WhoisShowsAPersonAndWhoDecidesTheirRequestsToday) {
    site.slash("UANNA", "/pto dec 21-22 vacation");
    site.slash("UMGR1", "/approve PTO-1");
    const std::string anna = site.slash("UADMIN", "/sitelead whois <@UANNA>").text;
    EXPECT_CONTAINS(anna, "*Anna Smith* <@UANNA>\n");
    EXPECT_CONTAINS(anna, "*Site:* Test Office (`office`) · *roles:* employee");
    EXPECT_CONTAINS(anna, "*Manager:* <@UMGR1> · *reports:* none");
    EXPECT_CONTAINS(anna, "*Their requests go to:* <@UMGR1>\n");
    EXPECT_CONTAINS(anna,
                    "*Time off in 2026:* vacation 2 days of 20 days taken; personal 0 "
                    "days of 3 days taken; sick 0 days taken, no limit\n");
    EXPECT_FALSE(contains(anna, "Out today"));
    // A manager's reports; found by name or email too.
    EXPECT_CONTAINS(site.slash("UADMIN", "/sitelead whois Mia Manager").text,
                    "*reports:* <@UANNA>, <@UBEN>");
    EXPECT_CONTAINS(site.slash("UADMIN", "/sitelead whois ben").text, "*Ben Jones* <@UBEN>");
    EXPECT_CONTAINS(site.slash("UADMIN", "/sitelead whois lena@example.com").text,
                    "*Lena Lead* <@ULEAD> · lena@example.com\n*Site:* Test Office (`office`) · "
                    "*roles:* site_lead");
    // With the manager out today, the stand-in rule names who decides, and why.
    site.slash("UMGR1", "/pto today sick");
    EXPECT_CONTAINS(site.slash("UADMIN", "/sitelead whois <@UMGR1>").text,
                    "*Out today* on approved leave");
    const std::string now = site.slash("UADMIN", "/sitelead whois <@UANNA>").text;
    EXPECT_CONTAINS(now, "*Their requests go to:* <@ULEAD> (<@UMGR1> is out today");
}

TEST_F(Admin, ConfigSummarisesTheConfigurationInUseWithoutSecrets) {
    const std::string text = site.slash("UADMIN", "/sitelead config").text;
    EXPECT_CONTAINS(text,
                    "*Sites* (1):\n• `office` Test Office · America/New_York · USD · hours "
                    "09:00–18:00 · leads <@ULEAD> · BizOps <#C0BIZOPS> · announcements "
                    "<#C0NEWS>\n");
    EXPECT_CONTAINS(text, "*Directory:* 8 people: 3 managers, 1 site lead, 1 in BizOps, 1 admin");
    EXPECT_CONTAINS(text,
                    "*Leave types:* vacation (20 days a year, approved); personal (3 days a "
                    "year, approved); sick (no limit, recorded)\n");
    EXPECT_CONTAINS(text, "a receipt above $25.00 · a site lead approves too above $1,000.00");
    EXPECT_CONTAINS(text, "*Slack:* bot token not set: messages go to the log");
    EXPECT_FALSE(contains(text, "test-signing-secret"));
}

// Only admins; nothing after `config`; someone to look up.
TEST_F(Admin, OthersAndBadInputAreRefusedWithHowToWriteIt) {
    for (const char* user : {"ULEAD", "UMGR1", "UANNA", "UBIZ"}) {
        SCOPED_TRACE(user);
        EXPECT_CONTAINS(site.slash(user, "/sitelead whois <@UANNA>").text,
                        "`/sitelead whois` is for admins.");
        EXPECT_CONTAINS(site.slash(user, "/sitelead config").text,
                        "`/sitelead config` is for admins.");
    }
    EXPECT_CONTAINS(site.slash("UADMIN", "/sitelead whois").text,
                    "Whom? Usage: `/sitelead whois @someone`");
    EXPECT_CONTAINS(site.slash("UADMIN", "/sitelead whois <@UNOBODY>").text,
                    "Nobody in the directory is <@UNOBODY>.");
    EXPECT_CONTAINS(site.slash("UADMIN", "/sitelead whois zed").text,
                    "Nobody in the directory is `zed`.");
    EXPECT_CONTAINS(site.slash("UADMIN", "/sitelead config all").text,
                    "`/sitelead config` takes nothing after it");
    // Help lists them for admins only.
    EXPECT_CONTAINS(site.slash("UADMIN", "/sitelead help").text, "/sitelead whois @someone");
    EXPECT_FALSE(contains(site.slash("ULEAD", "/sitelead help").text, "/sitelead whois"));
}

}  // namespace
