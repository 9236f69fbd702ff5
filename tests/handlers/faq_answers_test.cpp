// What becomes of a question the FAQ was not sure of, through the real
// service: the site lead answers it with an entry, which learns its words
// and its rewordings; a lesson is taken back; a question keeps its story
// or is dismissed. The test site's lead is ULEAD; today is Tuesday
// 2026-12-01.

#include <gtest/gtest.h>

#include <string>

#include "tests/handlers/faq_fixture.hpp"
#include "tests/support/common.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/site.hpp"

namespace {

using testing_support::Exchange;

struct FaqAnswers : faq_testing::Faq {};

// The site lead answers with an entry the FAQ found but was not sure of,
// by its button or by command: the asker gets the entry, and the entry
// learns the words of the question it did not say, so the next person who
// asks that way gets it at once.
TEST_F(FaqAnswers, ASiteLeadAnswersWithAnEntryWhichLearnsTheQuestionsWords) {
    const std::string question = "wifi in the showers stalls";
    Exchange asked = site.slash("UANNA", "/faq " + question);
    EXPECT_CONTAINS(asked.text, "I don't know that yet. I've asked <@ULEAD> (Q-1)");
    const auto to_lead = asked.to("ULEAD");
    ASSERT_EQ(to_lead.size(), 1u);
    const auto blocks = to_lead[0].body()["blocks"];
    ASSERT_EQ(blocks.size(), 3u) << to_lead[0].payload;
    EXPECT_CONTAINS(blocks[1]["text"]["text"].get<std::string>(), "Or is it one of these?");
    EXPECT_CONTAINS(blocks[1]["text"]["text"].get<std::string>(),
                    "• FAQ-1 What is the wifi password?");
    const auto button = blocks[2]["elements"][0];
    EXPECT_EQ(button["value"], "faq answer Q-1 FAQ-1");

    // Another site's entry does not answer this site's question.
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq answer Q-1 FAQ-4").text,
                    "FAQ-4 is berlin's own entry and Q-1 was asked at Test Office");
    EXPECT_CONTAINS(site.slash("UBEN", "/faq answer Q-1 FAQ-1").text,
                    "Only Test Office's site leads and admins answer");

    Exchange picked = site.press("ULEAD", button["action_id"].get<std::string>(), button["value"]);
    const auto to_anna = picked.to("UANNA");
    ASSERT_EQ(to_anna.size(), 1u);
    EXPECT_CONTAINS(to_anna[0].body()["text"].get<std::string>(),
                    "<@ULEAD> answered your question \"" + question +
                        "\" with FAQ-1:\n*What is the wifi password?*\nJoin *Office-Staff*");
    expect_rated(to_anna[0], "FAQ-1", 1);
    bool settled = false;
    for (const auto& m : picked.messages)
        settled |= m.method == "chat.update" && m.subject == "Q-1";
    EXPECT_TRUE(settled) << "the lead's buttons are replaced";
    const auto to_lead_after = picked.to("ULEAD");
    std::string said;
    for (const auto& m : to_lead_after) said += m.body()["text"].get<std::string>();
    EXPECT_CONTAINS(said,
                    "Sent FAQ-1 to <@UANNA>. FAQ-1 learnt the question's words it did "
                    "not say: showers. Not learnt, since no entry uses them");
    EXPECT_EQ(site.count("faq_questions", "id = 1 AND answered_by = 'ULEAD' AND entry_id = 1"), 1);
    EXPECT_EQ(site.count("faq_entries", "id = 1 AND tags = 'wifi internet showers'"), 1);
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq history FAQ-1").text,
                    "tags changed by <@ULEAD>, was: wifi internet");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq answer Q-1 FAQ-1").text, "was answered already");

    // The next person who asks that way gets the entry.
    EXPECT_CONTAINS(site.slash("UBEN", "/faq " + question).text, "*What is the wifi password?*");

    // An entry that says every word already learns none: here the one that
    // did not help the asker, which the site lead stands by.
    site.slash("UANNA", "/faq wifi password");
    site.writer().run([](SQLite::Database&) {});  // the question's record
    EXPECT_CONTAINS(site.slash("UANNA", "/faq unhelpful FAQ-1").text, "(Q-2)");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq answer Q-2 FAQ-1").text,
                    "FAQ-1 says every word of the question already.");
}

// What an entry learnt can be set right: the words replace its tags.
TEST_F(FaqAnswers, ASiteLeadSetsAnEntrysTags) {
    EXPECT_CONTAINS(site.slash("UANNA", "/faq tags FAQ-1 wifi").text,
                    "Only site leads and admins curate the FAQ");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq tags FAQ-1").text, "Which words?");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq tags FAQ-1 wifi internet").text,
                    "FAQ-1 has those tags already.");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq tags FAQ-1 #Wifi, wi-fi wifi SSID").text,
                    "FAQ-1 (*What is the wifi password?*) is tagged wifi wi fi ssid now.");
    EXPECT_EQ(site.count("faq_entries", "id = 1 AND tags = 'wifi wi fi ssid'"), 1);
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq tags FAQ-1 none").text, "has no tags now");
    EXPECT_EQ(site.count("faq_entries", "id = 1 AND tags = ''"), 1);
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq history FAQ-1").text,
                    "tags changed by <@ULEAD>, was: wifi wi fi ssid");
}

// The FAQ learns whole questions from use: one the site lead answered with
// an entry answers the same question asked another way, though its telling
// word ("chromebook") is one no entry uses and so is never learnt as a tag.
TEST_F(FaqAnswers, AQuestionAnsweredWithAnEntryAnswersItsRewordingByAnyone) {
    const std::string first = "my chromebook says the wifi password is wrong";
    const std::string again = "wifi password wrong on the chromebook";
    EXPECT_CONTAINS(site.slash("UANNA", "/faq " + first).text, "(Q-1)");
    EXPECT_CONTAINS(site.slash("UBEN", "/faq " + again).text, "(Q-2)");
    Exchange answered = site.slash("ULEAD", "/faq answer Q-1 FAQ-1");
    EXPECT_CONTAINS(answered.text, "Sent FAQ-1 to <@UANNA>");
    Exchange later = site.slash("UCARL", "/faq " + again);
    EXPECT_CONTAINS(later.text, "*What is the wifi password?*");
    site.writer().run([](SQLite::Database&) {});
    EXPECT_EQ(site.count("faq_asks", "asker = 'UCARL' AND entry_id = 1"), 1);
}

// The site lead reviews what the FAQ learnt, with who taught it, and takes
// a lesson back: its rewordings get the search's own answer again.
TEST_F(FaqAnswers, ASiteLeadSeesWhatTheFaqLearntAndTakesALessonBack) {
    EXPECT_CONTAINS(site.slash("UANNA", "/faq my chromebook says the wifi password is wrong").text,
                    "(Q-1)");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq answer Q-1 FAQ-1").text, "Sent FAQ-1");
    EXPECT_CONTAINS(site.slash("UBEN", "/faq whats the wifi pasword").text, "*What is the wifi");
    site.writer().run([](SQLite::Database&) {});
    EXPECT_CONTAINS(site.slash("UBEN", "/faq helpful FAQ-1").text, "Glad FAQ-1 helped");

    Exchange learnt = site.slash("ULEAD", "/faq learnt");
    EXPECT_CONTAINS(learnt.text,
                    "Learnt at Test Office, newest first:\n"
                    "• ASK-2 \"whats the wifi pasword\" → FAQ-1 What is the wifi password? "
                    "_(Helpful from <@UBEN>, today 12:00)_\n"
                    "• Q-1 \"my chromebook says the wifi password is wrong\" → FAQ-1 What is "
                    "the wifi password? _(answered by <@ULEAD>, today 12:00)_\n");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq learnt FAQ-3").text, "FAQ-3 has learnt no question");
    EXPECT_CONTAINS(site.slash("UANNA", "/faq learnt").text, "Only site leads and admins");
    EXPECT_CONTAINS(site.slash("UANNA", "/faq forget Q-1").text, "Only site leads and admins");

    const std::string again = "wifi password wrong on the chromebook";
    EXPECT_CONTAINS(site.slash("UCARL", "/faq " + again).text, "*What is the wifi password?*");
    Exchange forgot = site.slash("ULEAD", "/faq forget q-1");
    EXPECT_CONTAINS(forgot.text,
                    "Forgot \"my chromebook says the wifi password is wrong\" (answered with "
                    "FAQ-1, *What is the wifi password?*). Its rewordings get the search's own "
                    "answer again; see `/faq history FAQ-1`.");
    EXPECT_CONTAINS(site.slash("UCARL", "/faq " + again).text, "(Q-");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq history FAQ-1").text,
                    "question unlearnt by <@ULEAD>: my chromebook says the wifi password is wrong");
    EXPECT_FALSE(testing_support::contains(site.slash("ULEAD", "/faq learnt FAQ-1").text, "• Q-1"));

    // Each bad id is named, and changes nothing.
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq forget Q-1").text, "is forgotten already");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq forget FAQ-1").text,
                    "Which question? Ids look like `ASK-7` or `Q-4`.");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq forget ASK-1").text, "ASK-1 taught the FAQ nothing");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq learnt FAQ-99").text, "There is no entry FAQ-99");
    EXPECT_EQ(site.count("faq_forgotten"), 1);
}

// A question answered in words keeps its story on its Q-n: who asked it,
// who answered it and how, and the lesson taken back.
TEST_F(FaqAnswers, AQuestionsHistoryShowsWhoAskedWhoAnsweredAndWhatWasTakenBack) {
    EXPECT_CONTAINS(site.slash("UANNA", "/faq what is the capital of peru").text, "(Q-1)");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq history Q-1").text,
                    "Q-1, oldest first:\n"
                    "• today 12:00 asked by <@UANNA>: what is the capital of peru\n"
                    "• not answered yet: `/faq answer Q-1 <answer>`\n");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq answer Q-1 Lima").text, "Sent to <@UANNA>");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq forget Q-1").text,
                    "answered in words). Its rewordings get the search's own answer again; see "
                    "`/faq history Q-1`.");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq history q-1").text,
                    "• today 12:00 asked by <@UANNA>: what is the capital of peru\n"
                    "• today 12:00 answered by <@ULEAD>: Lima\n"
                    "• today 12:00 question unlearnt by <@ULEAD>\n");

    EXPECT_CONTAINS(site.slash("ULEAD", "/faq history Q-9").text, "There is no question Q-9.");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq history PTO-1").text,
                    "Which entry or question? Usage: `/faq history FAQ-3`, or `/faq history Q-4`");
    EXPECT_CONTAINS(site.slash("UANNA", "/faq history Q-1").text, "Only site leads and admins");
}

// A question nobody will answer is dismissed by its site lead: off the
// unanswered list, the asker not messaged, the reason in its history.
TEST_F(FaqAnswers, ASiteLeadDismissesAQuestionNobodyWillAnswer) {
    EXPECT_CONTAINS(site.slash("UANNA", "/faq what is the capital of peru").text, "(Q-1)");
    EXPECT_CONTAINS(site.slash("UANNA", "/faq dismiss Q-1").text,
                    "Only Test Office's site leads and admins answer its questions.");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq dismiss FAQ-1").text,
                    "Which question? Ids look like `Q-4`.\nUsage: `/faq dismiss Q-4 [reason]`");
    const Exchange ex = site.slash("ULEAD", "/faq dismiss Q-1 not about the office");
    EXPECT_EQ(ex.text, "Dismissed Q-1: it is off the unanswered list; <@UANNA> was not messaged.");
    for (const auto& m : ex.messages) EXPECT_NE(m.recipient, "UANNA") << m.payload;
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq unanswered").text,
                    "No unanswered questions at Test Office.");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq history Q-1").text,
                    "• today 12:00 asked by <@UANNA>: what is the capital of peru\n"
                    "• today 12:00 dismissed by <@ULEAD>: not about the office\n");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq dismiss Q-1").text,
                    "Q-1 was dismissed already by <@ULEAD>.");
    EXPECT_CONTAINS(site.slash("ULEAD", "/faq answer Q-1 Lima").text,
                    "Q-1 was dismissed already by <@ULEAD>.");
    EXPECT_EQ(site.count("faq_questions", "answered_at IS NOT NULL AND answer = ''"), 1);
}

}  // namespace
