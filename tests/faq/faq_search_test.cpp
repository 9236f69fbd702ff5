// The FAQ search's own rules, each on a small FAQ of its own: how a
// question is split into words and clauses, and what weighs on its
// confidence.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/faq.hpp"
#include "handlers/faq_learnt.hpp"
#include "handlers/faq_search.hpp"
#include "handlers/faq_words.hpp"
#include "storage/faq_stats.hpp"
#include "storage/faq_store.hpp"
#include "tests/support/db.hpp"

namespace {

using handlers::faq::clauses_of;
using handlers::faq::find;
using handlers::faq::words_of;
using nlohmann::json;
using Strings = std::vector<std::string>;

TEST(FaqWords, AQuestionSplitsIntoClausesAtItsPunctuationAndDashes) {
    EXPECT_EQ(clauses_of("woke up with a fever, who do I tell?"),
              (Strings{"woke up with a fever", " who do I tell"}));
    EXPECT_EQ(clauses_of("lunch \xE2\x80\x94 do we eat together? or out; each alone"),
              (Strings{"lunch ", " do we eat together", " or out", " each alone"}));
    EXPECT_EQ(clauses_of("guest wi-fi - what is it"), (Strings{"guest wi-fi ", " what is it"}));
    EXPECT_EQ(clauses_of("where is the printer"), (Strings{"where is the printer"}));
    EXPECT_TRUE(clauses_of("?!").empty());
}

// Words are letters and digits of any script, as FTS5's unicode61 reads
// them: curly quotes, dashes, symbols and emoji split words and are none,
// nor is an emoji as Slack writes it in a message.
TEST(FaqWords, PunctuationSymbolsAndEmojiAreNoWords) {
    EXPECT_EQ(
        words_of("Who\u2019s on the wifi \u2014 pls \U0001F629\U0001F3FB \u201Cnow\u201D\u2026"),
        (Strings{"who", "s", "on", "the", "wifi", "pls", "now"}));
    EXPECT_EQ(words_of("Où est la photocopieuse? \u00AB5 \u20AC\u00BB"),
              (Strings{"où", "est", "la", "photocopieuse", "5"}));
    EXPECT_EQ(words_of("coffee machine broken :sob::skin-tone-2: :+1: at 10:30, re:wifi"),
              (Strings{"coffee", "machine", "broken", "at", "10", "30", "re", "wifi"}));
    EXPECT_EQ(clauses_of("printer jammed :sob: who fixes it?"),
              (Strings{"printer jammed   who fixes it"}));
    // Not UTF-8: each stray byte is read as a letter of its own.
    EXPECT_EQ(words_of("caf\xE9 wifi"), (Strings{"caf\xE9", "wifi"}));
}

// Whom or where a message names, as Slack writes it in the text, says
// nothing of what it asks: mentions, channels, special mentions and links
// are no words; a "<" a person typed (Slack sends "&lt;") is one.
TEST(FaqWords, SlackMentionsChannelsAndLinksAreNoWords) {
    EXPECT_EQ(words_of("is <@U02ANA> out today? <@U03BO|bo> too"),
              (Strings{"is", "out", "today", "too"}));
    EXPECT_EQ(words_of("<!here> wifi down, see <https://status.example.com/wifi|the status page> "
                       "or <#C01GEN|general>, mail <mailto:it@example.com|it@example.com>"),
              (Strings{"wifi", "down", "see", "or", "mail"}));
    EXPECT_EQ(words_of("coffee <3 and tea > 2 cups, a <b c>, <@ U1>"),
              (Strings{"coffee", "3", "and", "tea", "2", "cups", "a", "b", "c", "u1"}));
}

TEST(FaqWords, AQuestionIsAboutTheOneOtherSiteItNamesWhichLeavesItsWords) {
    std::vector<config::Site> sites(3);
    sites[0].id = "lisbon", sites[0].name = "Lisbon office";
    sites[1].id = "london", sites[1].name = "London studio";
    sites[2].id = "nyc", sites[2].name = "New York";
    const auto about = [&](const char* question) {
        const auto asked = handlers::faq::asked_about(sites, sites[0], question);
        return asked.site->id + ": " + asked.question;
    };
    EXPECT_EQ(about("wifi password?"), "lisbon: wifi password?");
    EXPECT_EQ(about("is the LONDON wifi the same as here?"),
              "london: is the  wifi the same as here?");
    EXPECT_EQ(about("parking at the london studio"), "london: parking at the ");
    EXPECT_EQ(about("parking at the New-York office, pls"), "nyc: parking at the  office, pls");
    EXPECT_EQ(about("is the staff wifi in london the same as in lisbon"),
              "london: is the staff wifi in  the same as in lisbon");
    EXPECT_EQ(about("Lisbon office hours?"), "lisbon:  hours?");
    // A part of a name is not the name; two other sites are neither.
    EXPECT_EQ(about("is there a studio for podcasts"), "lisbon: is there a studio for podcasts");
    EXPECT_EQ(about("the new printer"), "lisbon: the new printer");
    EXPECT_EQ(about("wifi in london and in nyc"), "lisbon: wifi in london and in nyc");
    EXPECT_EQ(about("londoner pubs nearby"), "lisbon: londoner pubs nearby");
    EXPECT_EQ(about("the London\u2019s studio wifi"), "london: the \u2019s studio wifi");
}

class FaqSearch : public testing::Test {
protected:
    void SetUp() override {
        db_ = tmp_.connect();
        storage::faq::import_document(*db_, json::parse(R"({"entries": [
          {"key": "sick", "question": "How do I report a sick day?", "answer": "Tell your manager.",
           "tags": ["sick", "ill"]},
          {"key": "commute", "question": "How do I get to the office by train?",
           "answer": "Take the blue line.", "tags": ["train", "metro"]},
          {"key": "printer", "question": "The printer is jammed", "answer": "Open door B.",
           "tags": ["printer", "jam"]},
          {"key": "password", "question": "How do I reset my password?",
           "answer": "At id.example.com.", "tags": ["reset", "password"]},
          {"key": "remote", "question": "Can I work from home?", "answer": "Two days a week.",
           "tags": ["remote", "home"]}]})"),
                                      "USEED", 1);
        config::fill_defaults(faq_);
        sites_[0].id = "lisbon", sites_[0].name = "Lisbon office";
        sites_[1].id = "berlin", sites_[1].name = "Berlin hub";
    }
    // Asked at Lisbon, as the handler asks: of the site it names, if another.
    handlers::faq::Found ask(const std::string& question) {
        const auto asked = handlers::faq::asked_about(sites_, sites_[0], question);
        return find(faq_, sites_, *db_, asked.site->id, asked.question);
    }

    testing_support::TempDb tmp_;
    std::vector<config::Site> sites_ = std::vector<config::Site>(2);
    std::unique_ptr<SQLite::Database> db_;
    config::Faq faq_;
};

// An elsewhere word ("home") the best entry does not say counts against it
// in full; an entry that says it is judged as before.
TEST_F(FaqSearch, AnElsewhereWordTheEntryDoesNotSayCountsAgainstIt) {
    ASSERT_EQ(faq_.elsewhere_words, (Strings{"home", "personal", "law", "google", "googles"}));
    const auto at_home = ask("printer jammed at home");
    const auto remote = ask("work from home on fridays");
    faq_.elsewhere_words = {"garden"};
    const auto plain = ask("printer jammed at home");
    ASSERT_TRUE(plain.best);
    EXPECT_EQ(plain.best->key, "printer");
    EXPECT_LT(at_home.confidence, plain.confidence);
    EXPECT_EQ(ask("work from home on fridays").confidence, remote.confidence);
}

// The default elsewhere words beside "home": a personal thing, the law of
// the land, another company. The FAQ says each of them (in the rooms
// entry), so none is a word it never uses; only as elsewhere words do they
// weigh against the password entry, which does not say them.
TEST_F(FaqSearch, PersonalThingsTheLawAndAnotherCompanyAreElsewhere) {
    storage::faq::import_document(*db_, json::parse(R"({"entries": [
      {"key": "rooms", "question": "How do I book a meeting room?",
       "answer": "In Google Calendar; personal bookings, by law, are not allowed."}]})"),
                                  "USEED", 2);
    const std::vector<std::string> questions = {
        "how do i reset my personal password", "how do i reset my google password",
        "how do i reset my googles password", "must i reset my password by law"};
    std::vector<double> elsewhere;
    for (const auto& q : questions) elsewhere.push_back(ask(q).confidence);
    const double plain = ask("how do i reset my password").confidence;

    faq_.elsewhere_words = {"home"};
    EXPECT_EQ(ask("how do i reset my password").confidence, plain);
    for (std::size_t i = 0; i < questions.size(); ++i) {
        const auto known = ask(questions[i]);
        ASSERT_TRUE(known.best) << questions[i];
        EXPECT_EQ(known.best->key, "password");
        EXPECT_LT(elsewhere[i], known.confidence) << questions[i];
    }
}

// The context around a question ("missed my train") weighs less than the
// question proper once a comma sets it apart: the same words run on as
// one clause are less sure of the same entry.
TEST_F(FaqSearch, AQuestionSetApartFromItsContextIsSurerOfItsEntry) {
    const auto apart = ask("missed my train, how do i report a sick day");
    const auto run_on = ask("missed my train how do i report a sick day");
    ASSERT_TRUE(apart.best);
    EXPECT_EQ(apart.best->key, "sick");
    EXPECT_GT(apart.confidence, run_on.confidence);
}

// A clause is asked with the whole question's unknown and elsewhere words:
// the context that makes a question someone else's still counts.
TEST_F(FaqSearch, AClauseKeepsTheWholeQuestionsUnknownAndElsewhereWords) {
    const auto router = ask("my home router keeps dropping, how do i reset the password");
    EXPECT_FALSE(router.best) << router.best->key << " at " << router.confidence;
    const auto instagram = ask("locked out of instagram again, how do i reset my password");
    EXPECT_FALSE(instagram.best) << instagram.best->key << " at " << instagram.confidence;
}

// What a site lead teaches an entry by answering a question with it: the
// words the search would not find it by.
TEST_F(FaqSearch, AnEntryLearnsOnlyTheWordsItDoesNotSayInAnyForm) {
    const auto sick = storage::faq::get(*db_, 1);
    ASSERT_TRUE(sick && sick->question == "How do I report a sick day?");
    const auto lesson = handlers::faq::lesson_for(
        faq_, *db_, *sick,
        "woke up with a fever, unwell since monday, who do i tell my managr 2 days? jammed "
        "printer at home, fever again");
    // Words other entries use are learnt; one no entry uses is only shown.
    EXPECT_EQ(lesson.words, (Strings{"jammed", "printer", "home"}));
    EXPECT_EQ(lesson.unused, (Strings{"woke", "fever"}));
}

// A number says nothing a FAQ answers, nor does a time or an ordinal
// ("at 9am", "the 3rd floor"); a word with digits in it may ("b2b", "4k").
TEST_F(FaqSearch, TimesAndOrdinalsSayNothing) {
    const auto plain = ask("the printer on the floor is jammed");
    ASSERT_TRUE(plain.best);
    EXPECT_EQ(plain.best->key, "printer");
    EXPECT_EQ(ask("the printer on the 3rd floor is jammed at 9am").confidence, plain.confidence);
    EXPECT_EQ(ask("the 2nd printer on the floor is jammed, 4pm, the 21st 10").confidence,
              plain.confidence);
    EXPECT_LT(ask("the printer on the floor is jammed, 4k b2b").confidence, plain.confidence);
}

// A longer form of a stop word ("require", "sitting") says nothing either
// ("requires", "requirements"); a shorter one may ("sit" in "where do I
// sit"), and counts, as any word the FAQ never uses, against every entry.
TEST_F(FaqSearch, ALongerFormOfAStopWordSaysNothingEither) {
    ASSERT_NE(std::find(faq_.stop_words.begin(), faq_.stop_words.end(), "require"),
              faq_.stop_words.end());
    ASSERT_NE(std::find(faq_.stop_words.begin(), faq_.stop_words.end(), "sitting"),
              faq_.stop_words.end());
    const auto plain = ask("how do i reset my password");
    ASSERT_TRUE(plain.best);
    EXPECT_EQ(plain.best->key, "password");
    EXPECT_EQ(ask("how do i reset my password, it requires it").confidence, plain.confidence);
    EXPECT_EQ(ask("password reset requirements, how do i reset my password").confidence,
              ask("password reset, how do i reset my password").confidence);
    EXPECT_LT(ask("how do i reset my password sit").confidence, plain.confidence);
    const auto password = storage::faq::get(*db_, 4);
    ASSERT_TRUE(password && password->key == "password");
    const auto lesson =
        handlers::faq::lesson_for(faq_, *db_, *password, "reset requires sitting sit password");
    EXPECT_EQ(lesson.unused, Strings{"sit"});
}

// A question answered before, and confirmed (rated helpful, or answered
// by a site lead with an entry), answers the same question asked another
// way, whose words alone the entry does not say; a removed entry does not.
TEST_F(FaqSearch, AQuestionAnsweredBeforeAnswersItsRewording) {
    const std::string first = "feeling terrible, staying in bed today, who needs to know";
    const std::string again = "staying in bed feeling terrible, who should know";
    const auto before = ask(again);
    ASSERT_FALSE(before.best && before.best->key == "sick");
    storage::faq::record(*db_, {"UASKER", "lisbon", first, 1, 0, 0.9, 2});
    storage::faq::feedback(*db_, db_->getLastInsertRowid(), true, 3);
    const auto after = ask(again);
    ASSERT_TRUE(after.best);
    EXPECT_EQ(after.best->key, "sick");
    EXPECT_GE(after.confidence, handlers::faq::kLearntNearness);
    // Taken back ("not helpful" after all): not learnt any more.
    storage::faq::feedback(*db_, db_->getLastInsertRowid(), false, 4);
    EXPECT_FALSE(ask(again).best && ask(again).best->key == "sick");

    // A site lead's answer with the entry teaches it as well.
    storage::faq::Question q;
    q.asker = "UASKER";
    q.site = "lisbon";
    q.text = first;
    q.asked_at = 5;
    storage::faq::answer(*db_, storage::faq::ask(*db_, q), "Tell your manager.", "ULEAD", 1, 6);
    ASSERT_TRUE(ask(again).best);
    EXPECT_EQ(ask(again).best->key, "sick");
    storage::faq::remove(*db_, 1, "ULEAD", 7);
    EXPECT_FALSE(ask(again).best && ask(again).best->key == "sick");
}

// A question a site lead answered in words (no entry answers it) keeps the
// same question asked another way at that site from an entry: it goes to
// the site lead as the first did. The entry it would have got stays among
// the related.
TEST_F(FaqSearch, AQuestionAnsweredInWordsKeepsItsRewordingFromAnEntry) {
    const std::string first = "how do i reset the printer password";
    const std::string again = "reset the password on the printer";
    const auto before = ask(again);
    ASSERT_TRUE(before.best);
    EXPECT_EQ(before.best->key, "password");
    storage::faq::Question q;
    q.asker = "UASKER";
    q.site = "lisbon";
    q.text = first;
    q.asked_at = 2;
    storage::faq::answer(*db_, storage::faq::ask(*db_, q), "Ask reception, they set it.", "ULEAD",
                         0, 3);
    const auto after = ask(again);
    EXPECT_FALSE(after.best);
    ASSERT_FALSE(after.related.empty());
    EXPECT_EQ(after.related.front().key, "password");
    // A question that is not near it is answered as before.
    ASSERT_TRUE(ask("how do i reset my password").best);
    // At another site, where the lead did not answer it, it is answered as before.
    const auto elsewhere = find(faq_, sites_, *db_, "berlin", again);
    ASSERT_TRUE(elsewhere.best);
    EXPECT_EQ(elsewhere.best->key, "password");
}

// A question about another site that a site lead answered in words is
// learnt as it was searched: about that site, without the words naming it.
// Its rewording about that site, asked from here or there, goes to the site
// lead as it did; the same words about this site are answered as before.
TEST_F(FaqSearch, AQuestionAboutAnotherSiteAnsweredInWordsKeepsItsRewordingThereFromAnEntry) {
    const std::string there = "reset the password on the printer";
    ASSERT_TRUE(ask("berlin: " + there).best);
    storage::faq::Question q;
    q.asker = "UASKER";
    q.site = "lisbon";  // the asker's: their site lead answers
    q.text = "how do i reset the printer password in the Berlin hub";
    q.asked_at = 2;
    storage::faq::answer(*db_, storage::faq::ask(*db_, q), "Their reception sets it.", "ULEAD", 0,
                         3);
    EXPECT_FALSE(ask("berlin: " + there).best);
    EXPECT_FALSE(find(faq_, sites_, *db_, "berlin", there).best);  // asked at Berlin
    const auto here = ask(there);
    ASSERT_TRUE(here.best);
    EXPECT_EQ(here.best->key, "password");
}

}  // namespace
