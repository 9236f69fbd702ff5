// The configuration's sections beyond the basics: several sites, expenses
// and office tickets, each problem named by its key.

#include <chrono>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config.hpp"
#include "tests/config/config_docs.hpp"
#include "tests/support/paths.hpp"

namespace {

using namespace config_tests;
using ::testing::Contains;
using ::testing::StartsWith;

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
                     {"name": "training", "words": ["Course", "udemy"]}],
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
    // The words people write for a category: the file's, else the usual ones
    // of its name; never a category's name.
    EXPECT_EQ(config::category_of_word(cfg.expenses, "udemy")->name, "training");
    EXPECT_EQ(config::category_of_word(cfg.expenses, "course.")->name, "training");
    EXPECT_EQ(config::category_of_word(cfg.expenses, "book"), nullptr);
    EXPECT_EQ(config::category_of_word(cfg.expenses, "Taxi")->name, "travel");
    EXPECT_EQ(config::category_of_word(cfg.expenses, "travel"), nullptr);
    // Without an expenses section: the default categories.
    EXPECT_NE(config::find_category(config::parse(valid_doc()).expenses, "team-events"), nullptr);
}

TEST(ConfigExpenses, NamesTheKeyOfEveryProblem) {
    json doc = two_sites_doc();
    doc["sites"][1]["currency"] = "JPY";
    doc["sites"][0]["currency"] = "EURO";
    doc["expenses"] = json::parse(R"({
      "categories": [{"name": "meals", "limit": -5}, {"name": "Meals"}, {"name": "team events"},
                     {"name": "travel"}, {"name": "travel"},
                     {"name": "lodging", "words": ["hotel", "meals", "taxi", "air bnb"]}],
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
            "expenses.categories[4].name: duplicate category \"travel\"",
            "expenses.categories[5].words: \"meals\" is the name of a category",
            "expenses.categories[5].words: \"taxi\" is already a word of travel",
            "expenses.categories[5].words: expected one word each, such as \"taxi\", got \"air "
            "bnb\""));
}

TEST(ConfigOffice, ReadsResponseTimesAndNamesTheKeyOfEveryProblem) {
    json doc = valid_doc();
    doc["office"] = json::parse(R"({
      "respond_within": {"urgent": "15 minutes", "high": "2 working hours", "low": "5 working days"},
      "urgent_words": ["Flood"],
      "categories": [{"name": "it", "label": "IT & AV", "words": ["printer"]},
                     {"name": "kitchen", "words": ["fridge"]}]
    })");
    const config::Config cfg = config::parse(doc);
    EXPECT_EQ(cfg.office.urgent.length(std::chrono::hours(9)), std::chrono::minutes(15));
    EXPECT_FALSE(cfg.office.urgent.working_time());
    EXPECT_EQ(cfg.office.high.length(std::chrono::hours(9)), std::chrono::hours(2));
    EXPECT_EQ(cfg.office.normal.length(std::chrono::hours(8)), std::chrono::hours(8));
    EXPECT_EQ(cfg.office.low.length(std::chrono::hours(9)), std::chrono::hours(45));
    EXPECT_EQ(cfg.office.urgent_words, std::vector<std::string>{"flood"});
    ASSERT_EQ(cfg.office.categories.size(), 2u);
    // As shown: the label, else the name capitalised.
    EXPECT_EQ(cfg.office.label_of("it"), "IT & AV");
    EXPECT_EQ(cfg.office.label_of("kitchen"), "Kitchen");
    EXPECT_EQ(cfg.office.label_of("other"), "Other");
    EXPECT_EQ(config::parse(valid_doc()).office.label_of("it"), "IT");

    doc["office"] = json::parse(R"({
      "respond_within": {"high": "soon", "normal": "0 working days"},
      "categories": [{"name": "IT", "words": ["printer"]}, {"name": "other", "words": ["x"]},
                     {"name": "it", "words": []}],
      "webhook_url": "ftp://example.com",
      "urgent_word": ["flood"]
    })");
    EXPECT_THAT(
        problems_of(doc),
        ::testing::UnorderedElementsAre(
            "office.urgent_word: unknown key; the keys here are categories, high_words, "
            "low_words, respond_within, urgent_words, webhook_url",
            "office.respond_within.high: expected a time such as \"30 minutes\", \"4 working "
            "hours\" or \"1 working day\", got \"soon\"",
            "office.respond_within.normal: expected a time such as \"30 minutes\", \"4 working "
            "hours\" or \"1 working day\", got \"0 working days\"",
            "office.categories[0].name: expected one lower-case word such as \"it\", got \"IT\"",
            "office.categories[1].name: \"other\" is what matches no category; name it otherwise",
            "office.categories[2].words: list at least one word",
            "office.webhook_url: expected an http(s) address, got \"ftp://example.com\""));
}

TEST(ConfigFaq, NamesTheKeyOfEveryProblem) {
    json doc = valid_doc();
    doc["faq"] = json::parse(R"({
      "min_confidence": 1.5,
      "synonyms": [["wifi", "wireless"], ["pto"]],
      "stopwords": ["the"]
    })");
    EXPECT_THAT(problems_of(doc),
                ::testing::UnorderedElementsAre(
                    "faq.stopwords: unknown key; the keys here are classifier, elsewhere_words, "
                    "examples_file, min_confidence, seed_file, stop_words, synonyms",
                    "faq.min_confidence: expected a share above 0 and at most 1, such as 0.6, "
                    "got 1.500000",
                    "faq.synonyms[1]: a group names at least two words that mean the same"));
}

TEST(ConfigFaq, ElsewhereWordsAreHomeUnlessTheFileNamesOthersInLowerCase) {
    json doc = valid_doc();
    EXPECT_EQ(config::parse(doc).faq.elsewhere_words,
              (std::vector<std::string>{"home", "personal", "law", "google", "googles"}));
    doc["faq"] = json::parse(R"({"elsewhere_words": [" Home ", "Flat"]})");
    EXPECT_EQ(config::parse(doc).faq.elsewhere_words, (std::vector<std::string>{"home", "flat"}));
}

// The classifier's examples are read from their file beside the
// configuration; one it cannot read is named by its place, with how to
// write it, and the configuration is refused.
TEST(ConfigFaq, ExamplesAreReadFromTheirFileAndABadOneIsNamed) {
    testing_support::TempDir dir("sitelead-config");
    json doc = valid_doc();
    doc["faq"] = {{"examples_file", "examples.json"}};
    std::ofstream(dir / "config.json") << doc.dump();
    std::ofstream(dir / "examples.json")
        << R"({"examples": [{"q": "wifi pw?", "entry": "wifi"}, {"q": "capital of peru", "entry": null}]})";
    const auto cfg = config::load_file((dir / "config.json").string());
    ASSERT_EQ(cfg.faq.examples.size(), 2u);
    EXPECT_EQ(cfg.faq.examples[0].question, "wifi pw?");
    EXPECT_EQ(cfg.faq.examples[0].entry, "wifi");
    EXPECT_EQ(cfg.faq.examples[1].entry, "");

    std::ofstream(dir / "examples.json")
        << R"({"examples": [{"q": "wifi pw?", "entry": "wifi"}, {"question": "bike?"}]})";
    try {
        config::load_file((dir / "config.json").string());
        ADD_FAILURE() << "a bad example was accepted";
    } catch (const config::ConfigError& e) {
        EXPECT_THAT(e.problems(), Contains(::testing::HasSubstr(
                                      "examples.json\": examples[1]: expected {\"q\": \"the "
                                      "question\", \"entry\": \"its entry's key\"}")));
    }
}

}  // namespace

namespace {

using namespace config_tests;

TEST(ConfigDigest, ReadsItsTimeAndRefusesOneItCannotRead) {
    json doc = valid_doc();
    EXPECT_EQ(config::parse(doc).digest.time, std::chrono::minutes(8 * 60 + 30));
    doc["digest"] = {{"time", "07:45"}, {"managers", false}, {"unreimbursed_after_days", 5}};
    const config::Config cfg = config::parse(doc);
    EXPECT_EQ(cfg.digest.time, std::chrono::minutes(7 * 60 + 45));
    EXPECT_FALSE(cfg.digest.managers);
    EXPECT_EQ(cfg.digest.unreimbursed_after_days, 5);
    doc["digest"] = {{"time", "7.45am"}, {"unreimbursed_after_days", 0}};
    EXPECT_THAT(problems_of(doc),
                ::testing::IsSupersetOf(
                    {"digest.time: expected a time as HH:MM (24-hour), e.g. \"08:30\", got "
                     "\"7.45am\"",
                     "digest.unreimbursed_after_days: expected a number of working days from 1 to "
                     "250, got 0"}));
}

TEST(ConfigReminders, ReadsTheDaysAndRefusesThemOutOfOrderOrAnExpiryBeforeTheLast) {
    json doc = valid_doc();
    EXPECT_EQ(config::parse(doc).reminders.days, (std::vector<int>{1, 3, 5}));
    doc["reminders"] = {{"days", {2, 4}}, {"expire_after_days", 0}};
    const config::Config cfg = config::parse(doc);
    EXPECT_EQ(cfg.reminders.days, (std::vector<int>{2, 4}));
    EXPECT_EQ(cfg.reminders.expire_after_days, 0);
    doc["reminders"] = {{"days", {3, 1}}, {"expire_after_days", 2}};
    EXPECT_THAT(problems_of(doc),
                ::testing::IsSupersetOf(
                    {"reminders.days: expected working days from 1 to 250 in ascending order, "
                     "such as [1, 3, 5]"}));
    doc["reminders"] = {{"days", {1, 3, 5}}, {"expire_after_days", 4}};
    EXPECT_THAT(problems_of(doc),
                Contains("reminders.expire_after_days: expected 0 (never) or a number of working "
                         "days after the last reminder day and at most 250, got 4"));
}

}  // namespace
