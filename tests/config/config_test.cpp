#include "config/config.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/config/config_docs.hpp"
#include "tests/support/paths.hpp"

namespace {

using namespace config_tests;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

TEST(ConfigParse, AcceptsAValidDocumentWithDefaultsFilledIn) {
    const config::Config cfg = config::parse(valid_doc());
    EXPECT_EQ(cfg.sites.front().time_zone, "Europe/Berlin");
    EXPECT_EQ(cfg.sites.front().working_days,
              (std::vector<date::weekday>{date::Monday, date::Tuesday, date::Wednesday,
                                          date::Thursday, date::Friday}));
    EXPECT_EQ(cfg.server.port, 3000);
    EXPECT_EQ(cfg.database.synchronous, "FULL");
    ASSERT_NE(cfg.leave_type("vacation"), nullptr);
    ASSERT_NE(cfg.leave_type("sick"), nullptr);
    EXPECT_FALSE(cfg.leave_type("sick")->needs_approval);
    EXPECT_EQ(cfg.reports_of("U0LEAD").size(), 1u);
}

TEST(ConfigParse, NamesTheManagerKeyOfAnUnknownManager) {
    json doc = valid_doc();
    doc["people"][2]["manager"] = "U0NOBODY";
    EXPECT_THAT(problems_of(doc), Contains(AllOf(StartsWith("people[2].manager: "),
                                                 HasSubstr("\"U0NOBODY\" is not a slack_id"))));
}

TEST(ConfigParse, RefusesACycleInTheManagementChain) {
    json doc = valid_doc();
    doc["people"][1]["manager"] = "U0EMP";  // Max -> Erin -> Max
    const auto problems = problems_of(doc);
    EXPECT_THAT(problems, Contains(AllOf(StartsWith("people[1].manager: "), HasSubstr("cycle"))));
    EXPECT_THAT(problems, Contains(AllOf(StartsWith("people[2].manager: "), HasSubstr("cycle"))));
}

TEST(ConfigParse, RefusesBeingOnesOwnManager) {
    json doc = valid_doc();
    doc["people"][2]["manager"] = "U0EMP";
    EXPECT_THAT(problems_of(doc), Contains(StartsWith("people[2].manager: a person cannot")));
}

TEST(ConfigParse, RefusesAnUnknownTimeZone) {
    json doc = valid_doc();
    doc["site"]["time_zone"] = "Europe/Atlantis";
    EXPECT_THAT(problems_of(doc),
                Contains(AllOf(StartsWith("site.time_zone: "), HasSubstr("IANA name"))));
}

TEST(ConfigParse, RefusesADuplicateUser) {
    json doc = valid_doc();
    doc["people"].push_back({{"slack_id", "U0MGR"}, {"name", "Max Again"}});
    EXPECT_THAT(problems_of(doc),
                Contains(AllOf(StartsWith("people[3].slack_id: duplicate user \"U0MGR\""),
                               HasSubstr("also people[1]"))));
}

TEST(ConfigParse, RefusesAnUnknownRole) {
    json doc = valid_doc();
    doc["people"][1]["roles"] = {"employee", "overlord"};
    EXPECT_THAT(problems_of(doc), Contains(AllOf(StartsWith("people[1].roles: "),
                                                 HasSubstr("unknown role \"overlord\""))));
}

TEST(ConfigParse, RefusesASiteWithoutASiteLead) {
    json doc = valid_doc();
    doc["people"][0]["roles"] = {"employee"};
    EXPECT_THAT(problems_of(doc), Contains(StartsWith("people: at least one person")));
}

TEST(ConfigParse, RefusesAWordThatIsNotADayName) {
    for (const char* bad : {"funday", "monkey", "sat.", "m"}) {
        json doc = valid_doc();
        doc["site"]["working_days"] = {"mon", bad};
        EXPECT_THAT(problems_of(doc), Contains(StartsWith("site.working_days[1]: ")))
            << "accepted " << bad;
    }
    json doc = valid_doc();
    doc["site"]["working_days"] = {"Sun", "monday", "TUE", "Wednesday", "thu"};
    EXPECT_EQ(config::parse(doc).sites.front().working_days,
              (std::vector<date::weekday>{date::Sunday, date::Monday, date::Tuesday,
                                          date::Wednesday, date::Thursday}));
}

TEST(ConfigParse, RefusesAHolidayDateThatIsNotACalendarDate) {
    for (const char* bad : {"2026-02-30", "24/12/2026", "2026-12-24T00:00", ""}) {
        json doc = valid_doc();
        doc["site"]["holidays"] = {{{"date", bad}, {"name", "Christmas Eve"}}};
        EXPECT_THAT(problems_of(doc),
                    Contains(AllOf(StartsWith("site.holidays[0].date: "), HasSubstr("YYYY-MM-DD"))))
            << "accepted \"" << bad << "\"";
    }
}

TEST(ConfigParse, RefusesAnUnknownSynchronousLevel) {
    json doc = valid_doc();
    doc["database"] = {{"synchronous", "SOMETIMES"}};
    EXPECT_THAT(problems_of(doc), Contains(AllOf(StartsWith("database.synchronous: "),
                                                 HasSubstr("OFF, NORMAL, FULL, EXTRA"))));
}

TEST(ConfigParse, CapsTheLongestRequestAtTheBoundStorageReliesOn) {
    json doc = valid_doc();
    doc["pto"] = {{"max_request_days", config::kLongestRequestDays}};
    EXPECT_THAT(problems_of(doc), IsEmpty());
    doc["pto"]["max_request_days"] = config::kLongestRequestDays + 1;
    EXPECT_THAT(problems_of(doc), Contains("pto.max_request_days: must be between 1 and 366"));
}

TEST(ConfigParse, NamesTheKeyHoldingAValueOfTheWrongJsonType) {
    json doc = valid_doc();
    doc["server"] = {{"port", "3000"}, {"threads", true}, {"body_limit", -5}};
    doc["database"] = {{"busy_timeout_ms", 2.5}};
    doc["people"][0]["roles"] = "site_lead";
    doc["pto"] = {{"types", {{"name", "vacation"}}}};
    const auto problems = problems_of(doc);
    EXPECT_THAT(problems, Contains("server.port: expected a whole number, got string"));
    EXPECT_THAT(problems, Contains("server.threads: expected a whole number, got boolean"));
    EXPECT_THAT(problems,
                Contains("server.body_limit: expected a whole number of at least 0, got -5"));
    EXPECT_THAT(problems, Contains("database.busy_timeout_ms: expected a whole number, got 2.5"));
    EXPECT_THAT(problems, Contains("people[0].roles: expected a list of strings, got string"));
    EXPECT_THAT(problems, Contains("pto.types: expected an array, got object"));
}

TEST(ConfigParse, RefusesTheBotTokenInTheFile) {
    json doc = valid_doc();
    doc["slack"] = {{"bot_token", "xoxb-not-for-files"}};
    const auto problems = problems_of(doc);
    EXPECT_THAT(problems,
                Contains(AllOf(StartsWith("slack.bot_token: "), HasSubstr("SLACK_BOT_TOKEN"))));
    for (const auto& p : problems) EXPECT_THAT(p, ::testing::Not(HasSubstr("xoxb-")));
}

TEST(ConfigParse, NamesAnUnknownKeyAndTheKeysThatBelongThere) {
    json doc = valid_doc();
    doc["database"] = {{"synchronus", "OFF"}};
    doc["people"][2]["manger"] = "U0LEAD";
    doc["colour"] = "blue";
    EXPECT_THAT(
        problems_of(doc),
        ::testing::UnorderedElementsAre(
            "database.synchronus: unknown key; the keys here are busy_timeout_ms, max_size_mb, "
            "path, "
            "synchronous",
            "people[2].manger: unknown key; the keys here are allowances, email, manager, "
            "name, roles, site, slack_id",
            StartsWith("colour: unknown key; the keys here are announcements, database, digest, "
                       "expenses, faq, log_level")));
    // Per-person allowances are named by leave type, not by this schema.
    doc = valid_doc();
    doc["people"][2]["allowances"] = {{"vacation", 25}};
    EXPECT_THAT(problems_of(doc), IsEmpty());
}

TEST(ConfigParse, ListsEveryProblemAtOnce) {
    json doc = valid_doc();
    doc["site"]["time_zone"] = "Mars/Olympus";
    doc["database"] = {{"synchronous", "sometimes"}};
    doc["people"][2]["manager"] = "U0GHOST";
    try {
        config::parse(doc);
        FAIL() << "parsed";
    } catch (const config::ConfigError& e) {
        EXPECT_EQ(e.problems().size(), 3u);
        for (const char* key : {"site.time_zone", "database.synchronous", "people[2].manager"})
            EXPECT_THAT(e.what(), HasSubstr(std::string("\n  ") + key + ": "));
    }
}

TEST(ConfigLookup, FindsPeopleByIdNameFirstNameOrEmailButNotByNothing) {
    const config::Config cfg = config::parse(valid_doc());
    EXPECT_EQ(cfg.find_person_loose("U0EMP")->name, "Erin Employee");
    EXPECT_EQ(cfg.find_person_loose("erin employee")->slack_id, "U0EMP");
    EXPECT_EQ(cfg.find_person_loose("Erin")->slack_id, "U0EMP");
    EXPECT_EQ(cfg.find_person_loose("ERIN@example.com")->slack_id, "U0EMP");
    // Lena and Max have no email; an empty name must not match them.
    EXPECT_EQ(cfg.find_person_loose(""), nullptr);
    EXPECT_EQ(cfg.find_person_loose("Nobody"), nullptr);
}

TEST(ConfigLookup, FindsPeopleAndReportsByIdAfterTheDirectoryIsEdited) {
    config::Config cfg = config::parse(valid_doc());
    EXPECT_EQ(cfg.find_person("U0MGR")->name, "Max Manager");
    EXPECT_EQ(cfg.find_person("U0NEW"), nullptr);
    ASSERT_EQ(cfg.reports_of("U0MGR").size(), 1u);
    EXPECT_EQ(cfg.reports_of("U0MGR")[0]->slack_id, "U0EMP");
    EXPECT_THAT(cfg.reports_of("U0EMP"), IsEmpty());

    // Someone added by hand is found before and after re-indexing.
    config::Person nora;
    nora.slack_id = "U0NEW";
    nora.name = "Nora New";
    nora.manager = "U0MGR";
    cfg.people.push_back(nora);
    EXPECT_EQ(cfg.find_person("U0NEW")->name, "Nora New");
    EXPECT_EQ(cfg.reports_of("U0MGR").size(), 2u);
    cfg.index_people();
    EXPECT_EQ(cfg.find_person("U0NEW")->name, "Nora New");
    EXPECT_EQ(cfg.find_person("U0EMP")->name, "Erin Employee");
    EXPECT_EQ(cfg.reports_of("U0MGR").size(), 2u);
}

// The environment as a table, instead of the process's own.
config::Getenv env(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) return std::nullopt;
        return it->second;
    };
}

TEST(ConfigEnv, OverridesTheFileWithEachVariable) {
    config::Config cfg = config::parse(valid_doc());
    config::apply_env(cfg, env({{"SLACK_SIGNING_SECRET", "s3cret"},
                                {"SLACK_BOT_TOKEN", "xoxb-123"},
                                {"SLACK_API_BASE_URL", "http://127.0.0.1:9999/api"},
                                {"SITELEAD_WEBHOOK_SECRET", "hook-key"},
                                {"SITELEAD_ADDRESS", "0.0.0.0"},
                                {"SITELEAD_PORT", "8080"},
                                {"SITELEAD_DB", "/var/lib/sitelead/bot.db"},
                                {"SITELEAD_LOG_LEVEL", "debug"}}));
    EXPECT_EQ(cfg.slack.signing_secret, "s3cret");
    EXPECT_EQ(cfg.slack.bot_token, "xoxb-123");
    EXPECT_EQ(cfg.slack.api_base_url, "http://127.0.0.1:9999/api");
    EXPECT_EQ(cfg.webhook_secret, "hook-key");
    EXPECT_EQ(cfg.server.address, "0.0.0.0");
    EXPECT_EQ(cfg.server.port, 8080);
    EXPECT_EQ(cfg.database.path, "/var/lib/sitelead/bot.db");
    EXPECT_EQ(cfg.log_level, "debug");
    EXPECT_THAT(config::validate(cfg), IsEmpty());
}

TEST(ConfigEnv, LeavesTheFileAloneWhenNothingIsSet) {
    json doc = valid_doc();
    doc["slack"] = {{"signing_secret", "from-file"}};
    doc["server"] = {{"port", 4000}};
    config::Config cfg = config::parse(doc);
    config::apply_env(cfg, env({}));
    EXPECT_EQ(cfg.slack.signing_secret, "from-file");
    EXPECT_EQ(cfg.slack.bot_token, "");
    EXPECT_EQ(cfg.server.port, 4000);
    EXPECT_EQ(cfg.database.path, "sitelead.db");
}

TEST(ConfigEnv, RefusesAPortThatIsNotANumberInRange) {
    for (const char* bad : {"http", "80x", "70000", "-1", ""}) {
        config::Config cfg = config::parse(valid_doc());
        try {
            config::apply_env(cfg, env({{"SITELEAD_PORT", bad}}));
            ADD_FAILURE() << "accepted SITELEAD_PORT=\"" << bad << "\"";
        } catch (const config::ConfigError& e) {
            EXPECT_THAT(e.problems(), Contains(StartsWith("SITELEAD_PORT: expected a port")));
        }
        EXPECT_EQ(cfg.server.port, 3000) << bad;
    }
}

TEST(ConfigEnv, LeavesABadLogLevelToValidation) {
    config::Config cfg = config::parse(valid_doc());
    config::apply_env(cfg, env({{"SITELEAD_LOG_LEVEL", "chatty"}}));
    EXPECT_THAT(config::validate(cfg), Contains(StartsWith("log_level: must be one of")));
}

TEST(ConfigFile, LoadsTheShippedExample) {
    const auto path = testing_support::source_dir() / "config" / "sitelead.example.json";
    const config::Config cfg = config::load_file(path.string());
    EXPECT_EQ(cfg.sites.front().time_zone, "Europe/Lisbon");
    EXPECT_EQ(cfg.sites.front().currency, "EUR");
    EXPECT_EQ(cfg.site_leads().size(), 2u);  // one per site
    EXPECT_GE(cfg.people.size(), 12u);
    // The London studio: another zone and currency, and a manager in Lisbon
    // with reports at both.
    ASSERT_EQ(cfg.sites.size(), 2u);
    EXPECT_EQ(cfg.sites[1].time_zone, "Europe/London");
    EXPECT_EQ(cfg.sites[1].currency, "GBP");
    std::set<std::string> sites_of_tiagos_reports;
    for (const auto* p : cfg.reports_of("U01TIAGO"))
        sites_of_tiagos_reports.insert(cfg.site_of(*p).id);
    EXPECT_EQ(sites_of_tiagos_reports, (std::set<std::string>{"lisbon", "london"}));
    EXPECT_GE(cfg.reports_of(cfg.site_leads()[0]->slack_id).size(), 2u);
    const auto half =
        std::find_if(cfg.sites.front().holidays.begin(), cfg.sites.front().holidays.end(),
                     [](const config::Holiday& h) {
                         return h.day == date::year_month_day{date::year{2026} / 12 / 24};
                     });
    ASSERT_NE(half, cfg.sites.front().holidays.end());
    EXPECT_TRUE(half->half);
    EXPECT_EQ(cfg.leave_type("sick")->allowance, std::nullopt);
    EXPECT_THAT(config::validate(cfg), IsEmpty());
}

TEST(ConfigFile, SaysWhichFileCannotBeReadOrParsed) {
    const testing_support::TempDir dir("sitelead-config");
    const auto broken = (dir / "broken.json").string();
    { std::ofstream(broken) << "{ \"site\": { \"time_zone\": "; }
    EXPECT_THAT([&] { config::load_file(broken); },
                ::testing::ThrowsMessage<config::ConfigError>(
                    AllOf(HasSubstr(broken), HasSubstr("not valid JSON"))));
    const auto missing = (dir / "missing.json").string();
    EXPECT_THAT([&] { config::load_file(missing); },
                ::testing::ThrowsMessage<config::ConfigError>(
                    AllOf(HasSubstr(missing), HasSubstr("cannot open"))));
}

TEST(ConfigFile, AcceptsCommentsInTheFile) {
    const testing_support::TempDir dir("sitelead-config");
    const auto path = (dir / "commented.json").string();
    {
        std::ofstream out(path);
        out << "// the test site\n" << valid_doc().dump(2) << "\n/* end */\n";
    }
    EXPECT_EQ(config::load_file(path).sites.front().name, "Test office");
}

}  // namespace
