// FAQ entries in a real SQLite file: an import by key adds, changes or leaves
// an entry as it is, keeping the text it replaced in the audit trail, and the
// full-text search sees an entry for every site and the asker's site's own.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "storage/audit.hpp"
#include "storage/faq_stats.hpp"
#include "storage/faq_store.hpp"
#include "tests/support/db.hpp"

namespace {

namespace faq = storage::faq;

faq::Entry entry(const std::string& key, const std::string& site, const std::string& answer) {
    faq::Entry e;
    e.key = key;
    e.site = site;
    e.question = "What is the wifi password?";
    e.answer = answer;
    e.tags = "wifi internet";
    return e;
}

TEST(FaqStore, AnImportByKeyAddsChangesOrLeavesAndKeepsTheReplacedText) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    EXPECT_EQ(faq::upsert(*db, entry("wifi", "lisbon", "Join LX-Staff."), "USEED", 1),
              faq::Upsert::added);
    EXPECT_EQ(faq::upsert(*db, entry("wifi", "lisbon", "Join LX-Staff."), "USEED", 2),
              faq::Upsert::unchanged);
    EXPECT_EQ(faq::upsert(*db, entry("wifi", "lisbon", "Join LX-Staff-5G."), "USEED", 3),
              faq::Upsert::changed);
    ASSERT_EQ(faq::count(*db), 1);
    EXPECT_EQ(faq::all(*db).front().answer, "Join LX-Staff-5G.");
    const auto history = storage::audit::history(*db, core::IdKind::faq, 1);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[1].action, "imported");
    EXPECT_EQ(history[1].note, "What is the wifi password? | Join LX-Staff.");
}

TEST(FaqStore, SearchSeesEveryEntryForAllSitesAndTheAskersSitesOwn) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    faq::upsert(*db, entry("wifi", "lisbon", "Join LX-Staff."), "USEED", 1);
    faq::upsert(*db, entry("wifi-london", "london", "Join LDN-Studio."), "USEED", 1);
    auto everywhere = entry("vpn", "", "Use GlobalProtect from home.");
    everywhere.question = "How do I connect to the VPN?";
    everywhere.tags = "vpn remote";
    faq::upsert(*db, everywhere, "USEED", 1);

    const auto lisbon = faq::search(*db, "lisbon", "\"wifi\" OR \"vpn\"", 5);
    ASSERT_EQ(lisbon.size(), 2u);  // Lisbon's wifi and everyone's VPN, not London's wifi
    EXPECT_NE(faq::get(*db, lisbon[0].id)->key, "wifi-london");
    EXPECT_NE(faq::get(*db, lisbon[1].id)->key, "wifi-london");
    EXPECT_EQ(faq::search(*db, "london", "\"passwords\"", 5).size(), 1u);  // stemmed
    EXPECT_TRUE(faq::search(*db, "berlin", "\"wifi\"", 5).empty());
}

TEST(FaqStore, AFileImportsByKeyAndABadEntryIsNamedBeforeAnythingIsWritten) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    auto doc = nlohmann::json::parse(R"({"entries": [
      {"key": "wifi", "question": "Wifi?", "answer": "LX-Staff", "tags": ["wifi"], "site": "lisbon"},
      {"key": "vpn", "question": "VPN?", "answer": "GlobalProtect"}]})");
    auto n = faq::import_document(*db, doc, "USEED", 1);
    EXPECT_EQ(n.added, 2);
    doc["entries"][1]["answer"] = "GlobalProtect, from the portal";
    n = faq::import_document(*db, doc, "USEED", 2);
    EXPECT_EQ(n.added, 0);
    EXPECT_EQ(n.changed, 1);
    EXPECT_EQ(n.unchanged, 1);

    doc["entries"][0]["answer"] = "changed";
    doc["entries"][1].erase("question");
    try {
        faq::import_document(*db, doc, "USEED", 3);
        FAIL() << "imported an entry without a question";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(), "entries[1].question: expected a non-empty string");
    }
    EXPECT_EQ(faq::all(*db).front().answer, "LX-Staff");  // nothing written
    EXPECT_THROW(faq::import_document(*db, nlohmann::json::parse(R"({"entries": [
      {"key": "a", "question": "q", "answer": "x"}, {"key": "a", "question": "q", "answer": "y"}]})"),
                                      "USEED", 4),
                 std::invalid_argument);
    EXPECT_THROW(faq::import_document(*db, nlohmann::json::parse("[]"), "USEED", 4),
                 std::invalid_argument);
    try {  // a phrase as a tag would come back from an export as two tags
        faq::import_document(*db, nlohmann::json::parse(R"({"entries": [
          {"key": "a", "question": "q", "answer": "x", "tags": ["guest network"]}]})"),
                             "USEED", 5);
        FAIL() << "imported a tag of two words";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(),
                     "entries[0].tags: \"guest network\" is not one word: write each word as "
                     "its own tag, like [\"guest\", \"network\"]");
    }
}

TEST(FaqStore, UsageCountsTheAsksOfTheGivenSitesInThePeriodAndTheirLastFeedback) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    const auto wifi = faq::add(*db, entry("", "", "Join Staff."), "ULEAD", 1);
    const auto ask = [&](const std::string& who, const std::string& site, std::int64_t entry,
                         std::int64_t at, std::int64_t question = 0) {
        faq::record(*db, faq::Ask{who, site, "wifi?", entry, question, 0.9, at});
    };
    ask("UANNA", "lisbon", wifi, 100);
    ask("UANNA", "lisbon", wifi, 200);
    ask("UBEN", "london", wifi, 300);
    // Not answered: the question goes to the site lead, who answers it with
    // the entry. It counts for the entry, but the FAQ did not answer it.
    faq::Question q;
    q.asker = "UCARL";
    q.site = "lisbon";
    q.text = "wifi?";
    q.asked_at = 400;
    const std::int64_t question = faq::ask(*db, q);
    ask("UCARL", "lisbon", 0, 400, question);
    ask("UDAN", "lisbon", wifi, 10);  // before the period

    const auto last = faq::last_answer(*db, "UANNA", wifi);
    ASSERT_TRUE(last);
    EXPECT_FALSE(last->helpful);
    faq::feedback(*db, last->ask_id, true, 500);
    faq::feedback(*db, last->ask_id, false, 600);  // the later press counts
    EXPECT_EQ(faq::last_answer(*db, "UANNA", wifi)->helpful, false);
    EXPECT_FALSE(faq::last_answer(*db, "UCARL", wifi));
    faq::answered_with(*db, question, wifi);
    EXPECT_TRUE(faq::last_answer(*db, "UCARL", wifi));

    const auto lisbon = faq::usage(*db, {"lisbon"}, 50, 5);
    EXPECT_EQ(lisbon.asked, 3);
    EXPECT_EQ(lisbon.answered, 2);
    EXPECT_EQ(lisbon.not_helpful, 1);
    ASSERT_EQ(lisbon.most_asked.size(), 1u);
    EXPECT_EQ(lisbon.most_asked[0].asked, 3);
    ASSERT_EQ(lisbon.least_helpful.size(), 1u);
    EXPECT_EQ(faq::usage(*db, {"lisbon", "london"}, 50, 5).asked, 4);
    EXPECT_EQ(faq::usage(*db, {}, 0, 5).asked, 0);
}

// What the FAQ learnt, as the site lead reviews it: each text once per
// entry, newest first, by site or by entry; a lesson forgotten no longer
// counts (for the search either) until it is taught again, later.
TEST(FaqStore, ALessonForgottenCountsAgainOnlyWhenTaughtAfter) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    const auto wifi = faq::add(*db, entry("", "", "Join Staff."), "ULEAD", 1);
    const auto rated = [&](const std::string& who, const std::string& site, const std::string& text,
                           std::int64_t at) {
        faq::record(*db, faq::Ask{who, site, text, wifi, 0, 0.9, at});
        faq::feedback(*db, faq::last_answer(*db, who, wifi)->ask_id, true, at + 1);
    };
    rated("UANNA", "lisbon", "wifi on my phone?", 100);
    rated("UBEN", "lisbon", "wifi on my phone?", 200);  // the same text: one lesson, the later
    rated("UCARL", "london", "guest network?", 300);
    const auto peru = faq::ask(*db, faq::Question{0, "UDAN", "lisbon", "capital of peru?", 0.1});
    ASSERT_TRUE(faq::answer(*db, peru, "Lima, but ask me about the office.", "ULEAD", 0, 400));

    const auto lisbon = faq::lessons(*db, "lisbon", 0, 10);
    ASSERT_EQ(lisbon.size(), 2u);
    EXPECT_EQ(lisbon[0].source.text(), "Q-1");
    EXPECT_EQ(lisbon[0].entry_id, 0);
    EXPECT_EQ(lisbon[0].taught_by, "ULEAD");
    EXPECT_EQ(lisbon[1].source.text(), "ASK-2");
    EXPECT_EQ(lisbon[1].taught_by, "UBEN");
    EXPECT_EQ(lisbon[1].entry_question, "What is the wifi password?");
    EXPECT_EQ(lisbon[1].at_ms, 201);
    EXPECT_EQ(faq::lessons(*db, "", wifi, 10).size(), 2u);  // the entry's, at every site
    EXPECT_EQ(faq::learnt(*db).size(), 3u);                 // each text once per entry and site

    // Forgetting ASK-1 forgets its text for its entry, whoever taught it.
    const auto before = faq::learnt_version(*db);
    const auto first = faq::lesson(*db, core::Id{core::IdKind::ask, 1});
    ASSERT_TRUE(first);
    EXPECT_TRUE(faq::forget(*db, *first, "ULEAD", 500));
    EXPECT_GT(faq::learnt_version(*db), before);
    EXPECT_FALSE(faq::forget(*db, *first, "ULEAD", 501));  // nothing left to forget
    EXPECT_EQ(faq::lessons(*db, "lisbon", 0, 10).size(), 1u);
    EXPECT_EQ(faq::learnt(*db).size(), 2u);
    const auto trail = storage::audit::history(*db, core::IdKind::faq, wifi);
    EXPECT_EQ(trail.back().action, faq::kUnlearnt);
    EXPECT_EQ(trail.back().note, "wifi on my phone?");
    EXPECT_FALSE(faq::lesson(*db, core::Id{core::IdKind::ask, 99}));

    // Taught again after: it counts again.
    rated("UEVA", "lisbon", "wifi on my phone?", 600);
    EXPECT_EQ(faq::lessons(*db, "lisbon", 0, 10).front().taught_by, "UEVA");
    EXPECT_EQ(faq::learnt(*db).size(), 3u);
}

}  // namespace
