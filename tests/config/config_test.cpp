#include "config/config.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/paths.hpp"

namespace {

using json = nlohmann::json;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

// A small valid site: a lead, a manager reporting to the lead, one report.
json valid_doc() {
    return json::parse(R"({
      "site": {"name": "Test office", "time_zone": "Europe/Berlin"},
      "people": [
        {"slack_id": "U0LEAD", "name": "Lena Lead", "roles": ["site_lead"]},
        {"slack_id": "U0MGR", "name": "Max Manager", "manager": "U0LEAD", "roles": ["employee"]},
        {"slack_id": "U0EMP", "name": "Erin Employee", "email": "erin@example.com",
         "manager": "U0MGR", "roles": ["employee"]}
      ]
    })");
}

// The problems a document is refused with; empty when it parses.
std::vector<std::string> problems_of(const json& doc) {
    try {
        config::parse(doc);
    } catch (const config::ConfigError& e) {
        return e.problems();
    }
    return {};
}

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

// Two sites: Berlin (the lead's) and Lisbon, led by the manager there.
json two_sites_doc() {
    return json::parse(R"({
      "sites": [
        {"id": "berlin", "name": "Berlin office", "time_zone": "Europe/Berlin"},
        {"id": "lisbon", "name": "Lisbon office", "time_zone": "Europe/Lisbon",
         "working_days": ["sun", "mon", "tue", "wed", "thu"],
         "working_hours": {"start": "08:30", "end": "17:00"}, "currency": "EUR",
         "site_leads": ["U0MGR"], "bizops_channel": "C0LISBIZ",
         "announcements_channel": "C0LISNEWS"}
      ],
      "slack": {"bizops_channel": "C0BIZ"},
      "people": [
        {"slack_id": "U0LEAD", "name": "Lena Lead", "site": "berlin", "roles": ["site_lead"]},
        {"slack_id": "U0MGR", "name": "Max Manager", "site": "lisbon", "manager": "U0LEAD"},
        {"slack_id": "U0EMP", "name": "Erin Employee", "site": "lisbon", "manager": "U0MGR"}
      ]
    })");
}

TEST(ConfigSites, ReadsEverySiteAndWhoWorksAndLeadsWhere) {
    const config::Config cfg = config::parse(two_sites_doc());
    ASSERT_EQ(cfg.sites.size(), 2u);
    const config::Site& berlin = cfg.sites[0];
    const config::Site& lisbon = cfg.sites[1];
    EXPECT_EQ(berlin.site_leads, std::vector<std::string>{"U0LEAD"});
    EXPECT_EQ(berlin.bizops_channel, "C0BIZ");  // the workspace's, by default
    EXPECT_EQ(berlin.hours.start, std::chrono::hours(9));
    EXPECT_EQ(lisbon.site_leads, std::vector<std::string>{"U0MGR"});
    EXPECT_EQ(lisbon.bizops_channel, "C0LISBIZ");
    EXPECT_EQ(lisbon.announcements_channel, "C0LISNEWS");
    EXPECT_EQ(lisbon.hours.start, std::chrono::minutes(8 * 60 + 30));
    EXPECT_EQ(lisbon.hours.end, std::chrono::hours(17));
    EXPECT_EQ(lisbon.working_days.front(), date::Sunday);
    EXPECT_EQ(&cfg.site_of(*cfg.find_person("U0EMP")), &lisbon);
    EXPECT_EQ(&cfg.site_of("U0NOBODY"), &berlin);
    EXPECT_TRUE(cfg.leads(*cfg.find_person("U0MGR"), lisbon));
    EXPECT_FALSE(cfg.leads(*cfg.find_person("U0MGR"), berlin));
    EXPECT_TRUE(cfg.find_person("U0MGR")->is_site_lead());
}

TEST(ConfigSites, APersonMayLeadSeveralSites) {
    json doc = two_sites_doc();
    doc["sites"][1]["site_leads"] = {"U0MGR", "U0LEAD"};
    const config::Config cfg = config::parse(doc);
    const config::Person& lena = *cfg.find_person("U0LEAD");
    EXPECT_TRUE(cfg.leads(lena, cfg.sites[0]));
    EXPECT_TRUE(cfg.leads(lena, cfg.sites[1]));
    EXPECT_EQ(cfg.site_leads_of(cfg.sites[1]).size(), 2u);
    EXPECT_EQ(cfg.site_leads().size(), 2u);  // each person once
}

TEST(ConfigSites, NamesTheKeyOfEveryProblem) {
    json doc = two_sites_doc();
    doc["sites"][1]["time_zone"] = "Europe/Atlantis";
    doc["sites"][1]["working_hours"] = {{"start", "08:00"}, {"end", "9am"}};
    doc["sites"].push_back(
        {{"id", "berlin"}, {"name", "Berlin again"}, {"site_leads", {"U0GHOST"}}});
    doc["sites"].push_back({{"id", "porto"}, {"name", "Porto"}});
    doc["people"][2]["site"] = "madrid";
    doc["people"].push_back({{"slack_id", "U0NEW"}, {"name", "New Person"}});
    EXPECT_THAT(
        problems_of(doc),
        ::testing::UnorderedElementsAre(
            StartsWith("sites[1].time_zone: \"Europe/Atlantis\" is not a known time zone"),
            "sites[1].working_hours.end: expected a time as HH:MM (24-hour), got \"9am\"",
            "sites[2].id: duplicate site id \"berlin\" (also sites[0])",
            "sites[2].site_leads[0]: \"U0GHOST\" is not a slack_id in people",
            "sites[3].site_leads: the site \"porto\" has no site lead; list the slack id of at "
            "least one person",
            "people[2].site: unknown site \"madrid\" (the sites are berlin, lisbon, berlin, porto)",
            "people[3].site: required when there are several sites (one of berlin, lisbon, berlin, "
            "porto)"));
}

TEST(ConfigSites, RefusesBothFormsAtOnceAndAnEmptyList) {
    json doc = two_sites_doc();
    doc["site"] = {{"name", "Old"}};
    EXPECT_THAT(problems_of(doc), Contains("site: give either `site` or `sites`, not both"));
    doc = two_sites_doc();
    doc["sites"] = json::array();
    EXPECT_THAT(problems_of(doc), Contains("sites: list at least one site"));
    doc = two_sites_doc();
    doc["sites"][1]["working_hours"] = {{"start", "17:00"}, {"end", "09:00"}};
    EXPECT_THAT(problems_of(doc),
                Contains("sites[1].working_hours: the day must start before it ends"));
}

TEST(ConfigSites, ASingleSiteObjectIsOneSiteLedByItsSiteLeads) {
    const config::Config cfg = config::parse(valid_doc());
    ASSERT_EQ(cfg.sites.size(), 1u);
    EXPECT_EQ(cfg.sites[0].name, "Test office");
    EXPECT_EQ(cfg.sites[0].site_leads, std::vector<std::string>{"U0LEAD"});
    EXPECT_EQ(&cfg.site_of(*cfg.find_person("U0EMP")), &cfg.sites[0]);
}

TEST(ConfigExpenses, ReadsCategoriesAndAmountsInEachSitesCurrency) {
    json doc = two_sites_doc();
    doc["expenses"] = json::parse(R"({
      "categories": [{"name": "meals", "limit": 60}, {"name": "travel", "limit": "500.50"},
                     {"name": "training"}],
      "receipt_above": 25.5, "second_approval_above": 1000, "ceiling": "10000"
    })");
    const config::Config cfg = config::parse(doc);
    const auto& eur = *core::find_currency("EUR");
    ASSERT_EQ(cfg.expenses.categories.size(), 3u);
    EXPECT_EQ(config::minor_units(config::find_category(cfg.expenses, "Travel")->limit, eur),
              50050);
    EXPECT_TRUE(config::find_category(cfg.expenses, "training")->limit.empty());
    EXPECT_EQ(config::minor_units(cfg.expenses.receipt_above, eur), 2550);
    EXPECT_EQ(config::minor_units(cfg.expenses.ceiling, *core::find_currency("JPY")), 10000);
    EXPECT_EQ(config::find_category(cfg.expenses, "gym"), nullptr);
    // Without an expenses section: the default categories.
    EXPECT_NE(config::find_category(config::parse(valid_doc()).expenses, "team-events"), nullptr);
}

TEST(ConfigExpenses, NamesTheKeyOfEveryProblem) {
    json doc = two_sites_doc();
    doc["sites"][1]["currency"] = "JPY";
    doc["sites"][0]["currency"] = "EURO";
    doc["expenses"] = json::parse(R"({
      "categories": [{"name": "meals", "limit": -5}, {"name": "Meals"}, {"name": "team events"},
                     {"name": "travel"}, {"name": "travel"}],
      "receipt_above": 25.5, "ceiling": true
    })");
    EXPECT_THAT(
        problems_of(doc),
        ::testing::UnorderedElementsAre(
            "sites[0].currency: \"EURO\" is not a currency I know (use an ISO 4217 code such as "
            "\"EUR\")",
            "expenses.ceiling: expected an amount such as 25 or \"25.50\", got boolean",
            "expenses.receipt_above: \"25.5\" is not an amount in JPY, the currency of sites[1] "
            "(lisbon) (a positive number with at most 0 decimals)",
            "expenses.categories[0].limit: \"-5\" is not an amount in JPY, the currency of "
            "sites[1] (lisbon) (a positive number with at most 0 decimals)",
            "expenses.categories[1].name: expected one lower-case word such as \"meals\", got "
            "\"Meals\"",
            "expenses.categories[2].name: expected one lower-case word such as \"meals\", got "
            "\"team events\"",
            "expenses.categories[4].name: duplicate category \"travel\""));
}

TEST(ConfigOffice, ReadsResponseTimesAndNamesTheKeyOfEveryProblem) {
    json doc = valid_doc();
    doc["office"] = json::parse(R"({
      "respond_within": {"urgent": "15 minutes", "high": "2 working hours", "low": "5 working days"},
      "urgent_words": ["Flood"],
      "categories": [{"name": "it", "words": ["printer"]}, {"name": "kitchen", "words": ["fridge"]}]
    })");
    const config::Config cfg = config::parse(doc);
    EXPECT_EQ(cfg.office.urgent.length(std::chrono::hours(9)), std::chrono::minutes(15));
    EXPECT_FALSE(cfg.office.urgent.working_time());
    EXPECT_EQ(cfg.office.high.length(std::chrono::hours(9)), std::chrono::hours(2));
    EXPECT_EQ(cfg.office.normal.length(std::chrono::hours(8)), std::chrono::hours(8));
    EXPECT_EQ(cfg.office.low.length(std::chrono::hours(9)), std::chrono::hours(45));
    EXPECT_EQ(cfg.office.urgent_words, std::vector<std::string>{"flood"});
    ASSERT_EQ(cfg.office.categories.size(), 2u);

    doc["office"] = json::parse(R"({
      "respond_within": {"high": "soon", "normal": "0 working days"},
      "categories": [{"name": "IT", "words": ["printer"]}, {"name": "other", "words": ["x"]},
                     {"name": "it", "words": []}],
      "webhook_url": "ftp://example.com"
    })");
    EXPECT_THAT(
        problems_of(doc),
        ::testing::UnorderedElementsAre(
            "office.respond_within.high: expected a time such as \"30 minutes\", \"4 working "
            "hours\" or \"1 working day\", got \"soon\"",
            "office.respond_within.normal: expected a time such as \"30 minutes\", \"4 working "
            "hours\" or \"1 working day\", got \"0 working days\"",
            "office.categories[0].name: expected one lower-case word such as \"it\", got \"IT\"",
            "office.categories[1].name: \"other\" is what matches no category; name it otherwise",
            "office.categories[2].words: list at least one word",
            "office.webhook_url: expected an http(s) address, got \"ftp://example.com\""));
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
            "database.synchronus: unknown key; the keys here are busy_timeout_ms, path, "
            "synchronous",
            "people[2].manger: unknown key; the keys here are allowances, email, manager, "
            "name, roles, site, slack_id",
            StartsWith("colour: unknown key; the keys here are database, expenses, log_level")));
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
                                {"SITELEAD_ADDRESS", "0.0.0.0"},
                                {"SITELEAD_PORT", "8080"},
                                {"SITELEAD_DB", "/var/lib/sitelead/bot.db"},
                                {"SITELEAD_LOG_LEVEL", "debug"}}));
    EXPECT_EQ(cfg.slack.signing_secret, "s3cret");
    EXPECT_EQ(cfg.slack.bot_token, "xoxb-123");
    EXPECT_EQ(cfg.slack.api_base_url, "http://127.0.0.1:9999/api");
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
    const auto dir = testing_support::make_temp_dir("sitelead-config");
    const auto broken = (dir / "broken.json").string();
    { std::ofstream(broken) << "{ \"site\": { \"time_zone\": "; }
    EXPECT_THAT([&] { config::load_file(broken); },
                ::testing::ThrowsMessage<config::ConfigError>(
                    AllOf(HasSubstr(broken), HasSubstr("not valid JSON"))));
    const auto missing = (dir / "missing.json").string();
    EXPECT_THAT([&] { config::load_file(missing); },
                ::testing::ThrowsMessage<config::ConfigError>(
                    AllOf(HasSubstr(missing), HasSubstr("cannot open"))));
    std::filesystem::remove_all(dir);
}

TEST(ConfigFile, AcceptsCommentsInTheFile) {
    const auto dir = testing_support::make_temp_dir("sitelead-config");
    const auto path = (dir / "commented.json").string();
    {
        std::ofstream out(path);
        out << "// the test site\n" << valid_doc().dump(2) << "\n/* end */\n";
    }
    EXPECT_EQ(config::load_file(path).sites.front().name, "Test office");
    std::filesystem::remove_all(dir);
}

}  // namespace
