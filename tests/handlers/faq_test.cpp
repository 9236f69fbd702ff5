// The FAQ through the real service: a question answered from the entries,
// one the FAQ cannot answer recorded as Q-n and sent to the site lead, whose
// answer reaches the asker and may become an entry. The test site's lead is
// ULEAD; today is Tuesday 2026-12-01.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/handlers/faq_fixture.hpp"
#include "tests/support/common.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/site.hpp"

namespace {

using testing_support::Exchange;
using testing_support::Harness;
using testing_support::noon_at;

using Faq = faq_testing::Faq;

TEST_F(Faq, AQuestionAsPeopleTypeItGetsItsEntryAndWritesOnlyItsStatistics) {
    Exchange ex = site.slash("UANNA", "/faq whats the wifi pasword");
    EXPECT_CONTAINS(ex.text, "*What is the wifi password?*\nJoin *Office-Staff*");
    const auto blocks = nlohmann::json::parse(ex.body)["blocks"];
    EXPECT_EQ(blocks[1]["elements"][0]["text"], "FAQ-1");  // its id, for /faq answer and curation
    // Other candidates come as related entries, by id and question.
    EXPECT_CONTAINS(site.slash("UANNA", "/faq wifi in the bike parking").text, "Related: FAQ-");
    EXPECT_CONTAINS(site.slash("UBEN", "/faq how much vacation do i get").text,
                    "Try `/pto balance`.");
    EXPECT_EQ(site.count("faq_questions"), 0);
    EXPECT_EQ(site.count("outbox"), 0);
    // Each question is recorded after its answer has left, with what it got.
    site.writer().run([](SQLite::Database&) {});
    EXPECT_EQ(site.count("faq_asks",
                         "asker = 'UANNA' AND entry_id = 1 AND helpful IS NULL AND "
                         "text = 'whats the wifi pasword'"),
              1);
    EXPECT_EQ(site.count("faq_asks", "asker = 'UBEN' AND entry_id = 3"), 1);
    // Another site's entry is not this site's answer.
    EXPECT_FALSE(
        testing_support::contains(site.slash("UANNA", "/faq wifi password").text, "BER-Staff"));
}

// The command an entry points to is shown once: not again under an answer
// that shows it already.
TEST_F(Faq, AnAnswerThatShowsItsCommandDoesNotRepeatIt) {
    EXPECT_CONTAINS(site.slash("UBEN", "/faq how much vacation do i get").text,
                    "22 days a year.\nTry `/pto balance`.");
    site.slash("ULEAD", "/faq edit FAQ-3 22 days a year; `/pto balance` shows what is left.");
    const std::string shown = site.slash("UBEN", "/faq how much vacation do i get").text;
    EXPECT_CONTAINS(shown, "22 days a year; `/pto balance` shows what is left.");
    EXPECT_FALSE(testing_support::contains(shown, "Try `")) << shown;
}

// A company of two sites: each asks its own entries first, and a question
// that names the other site ("in London", "the London studio") gets that
// site's entry, as someone travelling there needs.
TEST(FaqSites, AQuestionNamingAnotherSiteIsAnsweredFromItsEntries) {
    Harness company{noon_at(2026, 12, 1), testing_support::two_sites_config()};
    auto db = company.db().connect();
    storage::faq::import_document(*db, nlohmann::json::parse(R"({"entries": [
      {"key": "wifi", "question": "What is the wifi password?", "answer": "Join *NYC-Staff*.",
       "tags": ["wifi"], "site": "nyc"},
      {"key": "wifi-london", "question": "What is the wifi password?",
       "answer": "Join *LDN-Staff*.", "tags": ["wifi"], "site": "london"}]})"),
                                  "USEED", 1);
    EXPECT_CONTAINS(company.slash("UANNA", "/faq wifi password?").text, "NYC-Staff");
    // Said to be the other site's.
    EXPECT_CONTAINS(company.slash("UANNA", "/faq what's the wifi password in London?").text,
                    "_London studio:_ *What is the wifi password?*\nJoin *LDN-Staff*.");
    const Exchange dm = company.dm("UANNA", "whats the wifi at the london studio?", "Ev-sites-1");
    EXPECT_CONTAINS(dm.text, "LDN-Staff");
    const std::string own = company.slash("ULIZ", "/faq wifi password?").text;
    EXPECT_CONTAINS(own, "LDN-Staff");
    EXPECT_FALSE(testing_support::contains(own, "London studio"));
    EXPECT_CONTAINS(company.slash("ULIZ", "/faq what is the nyc wifi password?").text, "NYC-Staff");
    // Naming its own site changes nothing.
    EXPECT_CONTAINS(company.slash("ULIZ", "/faq london wifi?").text, "LDN-Staff");
}

TEST_F(Faq, HelpListsTheCommandsTheCallerMayUse) {
    const std::string employee = site.slash("UANNA", "/faq help").text;
    EXPECT_CONTAINS(employee, "Usage: `/faq <question>`");
    EXPECT_FALSE(testing_support::contains(employee, "/faq add"));
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq").text,
                    "Also: `/faq answer Q-4 <answer> [--add]`, `/faq answer Q-4 FAQ-3`, `/faq add "
                    "<question> | <answer> "
                    "[#tag ...]`");
}

// Any other text in a DM is a question for the FAQ: a question is answered
// or goes to the site lead; other words are answered when the FAQ is sure,
// and otherwise get the "didn't understand" reply (or, for a greeting or a
// thanks, one back) and reach nobody.
TEST_F(Faq, TextInDmsIsAQuestionForTheFaq) {
    EXPECT_CONTAINS(site.dm("UANNA", "where do i park my bicycle?", "Ev-faq-1").text,
                    "In the basement");
    EXPECT_CONTAINS(site.dm("UANNA", "wifi password", "Ev-faq-4").text,
                    "*What is the wifi password?*");
    EXPECT_CONTAINS(site.dm("UANNA", "hello there", "Ev-faq-2").text, "Hi Anna");
    EXPECT_CONTAINS(site.dm("UANNA", "thanks", "Ev-faq-5").text, "You're welcome!");
    EXPECT_CONTAINS(site.dm("UANNA", "banana", "Ev-faq-7").text, "didn't understand");
    EXPECT_EQ(site.count("faq_questions"), 0);
    EXPECT_CONTAINS(site.dm("UANNA", "what is the capital of peru", "Ev-faq-6").text,
                    "I don't know that yet");
    EXPECT_EQ(site.count("faq_questions"), 1);
}

// A question a workflow's command cannot read is answered as the same
// question in a DM is; what is not a question keeps the command's refusal.
TEST_F(Faq, AQuestionTheCommandCannotReadIsTheFaqs) {
    EXPECT_CONTAINS(site.slash("UANNA", "/pto how many vacation days do i get").text,
                    "*How many vacation days do I get?*");
    // One's own balance is the calendar's answer, as in a DM (pto_claim_test).
    EXPECT_CONTAINS(site.slash("UANNA", "/pto how many vacation days do i have left").text,
                    "Your PTO balance:");
    EXPECT_CONTAINS(site.slash("UANNA", "/expense What is the wifi password").text,
                    "Join *Office-Staff*");
    EXPECT_CONTAINS(site.dm("UANNA", "pto where can i park my bike?", "Ev-faq-8").text,
                    "In the basement");
    EXPECT_CONTAINS(site.slash("UANNA", "/pto blah").text, "I couldn't read a date in \"blah\"");
    EXPECT_CONTAINS(site.slash("UANNA", "/pto dec 21 sik").text, "did you mean");
    EXPECT_EQ(site.count("pto_requests"), 0);
    EXPECT_EQ(site.count("faq_questions"), 0);
}

TEST_F(Faq, SomeoneNotInTheDirectoryMayAskButNotCurate) {
    EXPECT_CONTAINS(site.dm("UNOBODY", "where do i park my bicycle?", "Ev-faq-3").text,
                    "In the basement");
    EXPECT_CONTAINS(site.slash("UNOBODY", "/faq where do i park my bicycle?").text,
                    "In the basement");
    EXPECT_CONTAINS(site.slash("UNOBODY", "/faq add Where? | Here.").text,
                    "Only site leads and admins curate the FAQ");
    EXPECT_CONTAINS(site.slash("UNOBODY", "/faq what is the capital of peru").text, "I don't know");
    EXPECT_EQ(site.count("faq_questions", "asker = 'UNOBODY'"), 1);
    EXPECT_CONTAINS(site.slash("UNOBODY", "/faq answer Q-1 Lima").text,
                    "site leads and admins answer");
    EXPECT_CONTAINS(site.slash("UNOBODY", "/pto dec 21").text, "not in the");
}

TEST_F(Faq, AnUnknownQuestionGoesToTheSiteLeadWhoseAnswerReachesTheAskerAndTheFaq) {
    Exchange asked = site.slash("UANNA", "/faq what is the capital of peru");
    EXPECT_CONTAINS(asked.text, "I don't know that yet. I've asked <@ULEAD> (Q-1)");
    EXPECT_EQ(site.count("faq_questions",
                         "id = 1 AND asker = 'UANNA' AND site = 'office' AND "
                         "answered_at IS NULL"),
              1);
    const auto to_lead = asked.to("ULEAD");
    ASSERT_EQ(to_lead.size(), 1u);
    EXPECT_CONTAINS(to_lead[0].body()["text"].get<std::string>(),
                    "<@UANNA> asked \"what is the capital of peru\"");
    EXPECT_CONTAINS(to_lead[0].body()["text"].get<std::string>(), "`/faq answer Q-1 <answer>`");

    const auto before = site.count("faq_entries");
    Exchange refused = site.slash("UBEN", "/faq answer Q-1 Lima");
    EXPECT_CONTAINS(refused.text, "Only Test Office's site leads and admins answer");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq answer Q-1").text, "Say the answer");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq answer Q-9 Lima").text, "There is no question Q-9");

    Exchange answered = site.slash("ULEAD",
                                   "/faq answer Q-1 Lima, though it's not an office "
                                   "matter --add");
    EXPECT_CONTAINS(answered.text, "Sent to <@UANNA>. Added to the FAQ as FAQ-5.");
    const auto to_anna = answered.to("UANNA");
    ASSERT_EQ(to_anna.size(), 1u);
    EXPECT_CONTAINS(to_anna[0].body()["text"].get<std::string>(),
                    "<@ULEAD> answered your question \"what is the capital of peru\": Lima, "
                    "though it's not an office matter\nIt's in the FAQ now as FAQ-5.");
    EXPECT_EQ(site.count("faq_entries"), before + 1);
    EXPECT_EQ(site.count("faq_questions", "id = 1 AND entry_id = 5 AND answered_by = 'ULEAD'"), 1);
    expect_rated(to_anna[0], "FAQ-5", 1);
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq answer Q-1 again").text, "was answered already");
    // The FAQ knows it now.
    EXPECT_CONTAINS(site.slash("UBEN", "/faq capital of peru").text, "Lima");
}

TEST_F(Faq, SiteLeadsCurateAndEveryChangeKeepsWhoWhenAndTheOldText) {
    for (const char* line :
         {"/faq add Where is the first aid kit? | In the kitchen.", "/faq edit FAQ-1 Join Guest",
          "/faq remove FAQ-1", "/faq list", "/faq unanswered", "/faq history FAQ-1"})
        EXPECT_CONTAINS(site.slash("UANNA", line).text, "Only site leads and admins curate");
    EXPECT_EQ(site.count("audit_trail", "action != 'added'"), 0);

    Exchange added = site.slash(
        "ULEAD",
        "/faq add Where is the first aid kit? | In the kitchen, left of the sink. #safety "
        "#Health");
    EXPECT_CONTAINS(added.text, "Added FAQ-5 for every site: *Where is the first aid kit?*");
    EXPECT_EQ(site.count("faq_entries",
                         "id = 5 AND answer = 'In the kitchen, left of the sink.' "
                         "AND tags = 'safety health' AND site = ''"),
              1);
    EXPECT_CONTAINS(site.slash("UANNA", "/faq where is the first aid kit").text,
                    "left of the sink");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq add no bar here").text, "Put a `|` between");

    EXPECT_CONTAINS(
        site.slash("ULEAD", "/faq edit FAQ-5 In the kitchen, on the wall by the door.").text,
        "now answers");
    EXPECT_CONTAINS(site.slash("UANNA", "/faq where is the first aid kit").text, "by the door");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq edit FAQ-9 x").text, "There is no entry FAQ-9");
    EXPECT_CONTAINS(site.slash("UADMIN", "/faq remove FAQ-5").text, "Removed FAQ-5");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq remove FAQ-5").text, "There is no entry FAQ-5");
    EXPECT_FALSE(testing_support::contains(
        site.slash("UANNA", "/faq where is the first aid kit").text, "by the door"));

    const std::string history = site.slash("ULEAD", "/faq history FAQ-5").text;
    EXPECT_CONTAINS(history, "added by <@ULEAD>: Where is the first aid kit?");
    EXPECT_CONTAINS(history, "edited by <@ULEAD>, was: In the kitchen, left of the sink.");
    EXPECT_CONTAINS(history,
                    "removed by <@UADMIN>, was: Where is the first aid kit? | In the "
                    "kitchen, on the wall by the door.");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq list").text, "The FAQ, 4 entries:");

    site.slash("UBEN", "/faq what is the capital of peru");
    const std::string unanswered = site.slash("ULEAD", "/faq unanswered").text;
    EXPECT_CONTAINS(unanswered, "Q-2 from <@UBEN> (today 12:00): what is the capital of peru");
    EXPECT_CONTAINS(unanswered, "Answer with `/faq answer Q-1 <answer> [--add]`");
}

TEST_F(Faq, AnAnswerSaysWhoHandlesItAndWhoStandsInWhileTheyAreOut) {
    {
        auto db = site.db().connect();
        storage::faq::import_document(*db, nlohmann::json::parse(R"({"entries": [
          {"key": "badge", "question": "Who handles badge access?",
           "answer": "BizOps issues and replaces badges.", "tags": ["badge"], "contact": "UBIZ"}]})"),
                                      "USEED", 1);
    }
    EXPECT_CONTAINS(site.slash("UANNA", "/faq who handles badges").text,
                    "Who handles it: <@UBIZ>.");
    site.slash("UBIZ", "/pto today vacation");
    site.slash("ULEAD", "/approve PTO-1");
    // Out today: the approvals' stand-in rule names who covers (her manager).
    EXPECT_CONTAINS(site.slash("UANNA", "/faq who handles badges").text,
                    "Who handles it: <@UBIZ>, who is out today; <@ULEAD> stands in.");

    // Site leads change who handles an entry; nobody else does.
    EXPECT_CONTAINS(site.slash("UANNA", "/faq contact FAQ-5 <@UCARL>").text,
                    "Only site leads and admins curate");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq contact FAQ-5 <@UNOBODY>").text,
                    "<@UNOBODY> is not in the directory");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq contact FAQ-5").text, "Name one person.");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq contact FAQ-5 <@UCARL|carl>").text,
                    "<@UCARL> handles FAQ-5");
    EXPECT_CONTAINS(site.slash("UBEN", "/faq who handles badges").text,
                    "Who handles it: <@UCARL>.");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq contact FAQ-5 none").text, "names no contact now");
    EXPECT_FALSE(testing_support::contains(site.slash("UBEN", "/faq who handles badges").text,
                                           "Who handles it"));
    const std::string history = site.slash("ULEAD", "/faq history FAQ-5").text;
    EXPECT_CONTAINS(history, "contact changed by <@ULEAD>, was: <@UBIZ>");
    EXPECT_CONTAINS(history, "contact changed by <@ULEAD>, was: <@UCARL>");
}

TEST_F(Faq, FeedbackIsRecordedAndAnAnswerThatDidNotHelpGoesToTheSiteLeadOnce) {
    Exchange asked = site.slash("UANNA", "/faq wifi password");
    const auto buttons = nlohmann::json::parse(asked.body)["blocks"][2]["elements"];
    EXPECT_EQ(buttons[0]["value"], "faq helpful FAQ-1");
    EXPECT_EQ(buttons[1]["value"], "faq unhelpful FAQ-1");
    site.writer().run([](SQLite::Database&) {});

    // Only an answer you got is yours to rate.
    EXPECT_CONTAINS(site.press("UBEN", "faq.helpful", "faq helpful FAQ-1").text,
                    "FAQ-1 has not answered a question of yours");
    EXPECT_CONTAINS(site.slash("UANNA", "/faq helpful 7").text, "Ids look like `FAQ-3`");

    EXPECT_CONTAINS(site.press("UANNA", "faq.helpful", "faq helpful FAQ-1").text,
                    "Glad FAQ-1 helped");
    EXPECT_EQ(site.count("faq_asks", "asker = 'UANNA' AND helpful = 1"), 1);

    // Changing one's mind replaces the feedback, and the question goes to the lead.
    Exchange unhelpful = site.press("UANNA", "faq.unhelpful", "faq unhelpful FAQ-1");
    EXPECT_CONTAINS(unhelpful.text,
                    "Thanks for telling me FAQ-1 did not help. I've asked <@ULEAD> (Q-1)");
    ASSERT_EQ(unhelpful.to("ULEAD").size(), 1u);
    EXPECT_CONTAINS(unhelpful.to("ULEAD")[0].body()["text"].get<std::string>(),
                    "<@UANNA> asked \"wifi password\" and FAQ-1 (What is the wifi password?) "
                    "did not help them.");
    EXPECT_EQ(site.count("faq_asks", "asker = 'UANNA' AND helpful = 0"), 1);
    EXPECT_EQ(site.count("faq_questions", "text = 'wifi password'"), 1);
    // Said twice (another copy of the message): once is enough.
    EXPECT_CONTAINS(
        site.press("UANNA", "faq.unhelpful", "faq unhelpful FAQ-1", "1700000000.000200").text,
        "Noted already");
    EXPECT_EQ(site.count("faq_questions"), 1);
}

TEST_F(Faq, StatsShowTheMostAskedTheLeastHelpfulAndAlikeUnansweredQuestionsTogether) {
    for (int i = 0; i < 3; ++i) site.slash("UANNA", "/faq wifi password");
    site.slash("UBEN", "/faq where do i park my bike");
    site.slash("UANNA", "/faq where can I charge my electric car");
    site.slash("UBEN", "/faq where do i charge an electric car");
    site.slash("UCARL", "/faq what is the capital of peru");
    site.writer().run([](SQLite::Database&) {});
    site.press("UBEN", "faq.unhelpful", "faq unhelpful FAQ-2");
    site.press("UANNA", "faq.helpful", "faq helpful FAQ-1");

    EXPECT_CONTAINS(site.slash("UANNA", "/faq stats").text, "Only site leads and admins");
    const std::string stats = site.slash("ULEAD", "/faq stats").text;
    EXPECT_CONTAINS(stats, "*The FAQ at Test Office, last 30 days*");
    EXPECT_CONTAINS(stats,
                    "7 questions: 4 answered (57%), 3 sent to a site lead. Feedback: 1 "
                    "helpful, 1 not helpful.");
    EXPECT_CONTAINS(stats,
                    "*Most asked*\n• FAQ-1 What is the wifi password?: 3 times (1 helpful, "
                    "0 not)\n• FAQ-2 Where can I park my bike?: 1 time (0 helpful, 1 not)");
    EXPECT_CONTAINS(stats,
                    "*Least helpful*\n• FAQ-2 Where can I park my bike?: 1 of 1 said it "
                    "did not help");
    // The two electric car questions are one line; the bike question went
    // to the lead after "not helpful".
    EXPECT_CONTAINS(stats,
                    "• 2× \"where can I charge my electric car\" (Q-1, Q-2)\n• 1× \"what is the "
                    "capital of peru\" (Q-3)\n• 1× \"where do i park my bike\" (Q-4)");
}

}  // namespace
