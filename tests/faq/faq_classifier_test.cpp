// The FAQ's classifier (handlers/faq_classifier.hpp): when it has an
// opinion, that the same examples always train the same one, what its
// opinion changes in the search's answers, and that what the FAQ learns
// retrains it in the background; then through the real service.

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "config/config.hpp"
#include "config/faq.hpp"
#include "handlers/faq_classifier.hpp"
#include "handlers/faq_index.hpp"
#include "handlers/faq_search.hpp"
#include "storage/faq_stats.hpp"
#include "storage/faq_store.hpp"
#include "tests/support/common.hpp"
#include "tests/support/db.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/site.hpp"

// A namespace of its own: the unity build joins this file to others with
// a load_seed of their own.
namespace faq_classifier_test {

using handlers::faq::Classifier;
using nlohmann::json;

// Questions no office FAQ answers, some about the asker's own dog: what
// the classifier learns "none of the FAQ's" from.
const std::vector<std::string> kNotOurs = {"what is the capital of peru",
                                           "how do i cook rice",
                                           "best pizza in town",
                                           "how tall is the eiffel tower",
                                           "who won the football last night",
                                           "what is the weather tomorrow",
                                           "translate hello into french",
                                           "is it going to rain",
                                           "my dog keeps barking at night",
                                           "how do i train my puppy to sit",
                                           "best dog food brand",
                                           "my dog is sick, which vet is good",
                                           "any dog walker you recommend"};

config::Faq with_examples(std::vector<config::Faq::Example> examples) {
    config::Faq faq;
    config::fill_defaults(faq);
    faq.examples = std::move(examples);
    return faq;
}

// Those, and examples of two entries' questions, as a site would give
// examples of both kinds.
std::vector<config::Faq::Example> dog_examples() {
    std::vector<config::Faq::Example> out;
    for (const auto& q : kNotOurs) out.push_back({q, ""});
    for (const auto& q : {"can i bring my dog to the office", "are dogs allowed in the office",
                          "whats the pet policy", "can my dog come to work on fridays",
                          "is the office dog friendly"})
        out.push_back({q, "pets"});
    for (const auto& q : {"how do i reset my password", "forgot my password", "my password expired",
                          "locked out of my account", "cant log in to my laptop"})
        out.push_back({q, "password-reset"});
    return out;
}

void load_seed(SQLite::Database& db) {
    std::ifstream in(testing_support::source_dir() / "config/faq.json");
    storage::faq::import_document(db, json::parse(in), "USEED", 1);
}

// The example configuration's sites: the seed FAQ is Lisbon's and London's.
const std::vector<config::Site>& sites() {
    static const auto cfg = config::load_file(
        (testing_support::source_dir() / "config/sitelead.example.json").string());
    return cfg.sites;
}

// The entry that answers `question` at Lisbon, or "" for none.
std::string answer(const config::Faq& faq, SQLite::Database& db, const std::string& question) {
    const auto found = handlers::faq::find(faq, sites(), db, "lisbon", question);
    return found.best ? found.best->key : "";
}

// Without questions it must not answer it cannot tell one, so it has no
// opinion, and the search answers alone.
TEST(FaqClassifier, NeedsTenQuestionsItMustNotAnswerAndTwoEntries) {
    std::vector<Classifier::Example> examples;
    for (const auto& q : {"whats the wifi password", "guest wifi", "wifi not working",
                          "wifi password", "internet is down"})
        examples.push_back({q, 1});
    for (const auto& q : {"where do i park my bike", "bike parking", "is there a bike rack",
                          "can i bring my bicycle", "bike storage"})
        examples.push_back({q, 2});
    for (std::size_t i = 0; i + 1 < handlers::faq::kMinNotOurs; ++i)
        examples.push_back({kNotOurs[i], 0});
    EXPECT_EQ(Classifier::train(examples), nullptr);
    examples.push_back({kNotOurs.back(), 0});
    const auto trained = Classifier::train(examples);
    ASSERT_NE(trained, nullptr);
    EXPECT_EQ(trained->opinion("what's the wifi password?").entry_id, 1);
    EXPECT_EQ(trained->opinion("where can I park my bike").entry_id, 2);

    std::vector<Classifier::Example> one_entry;
    for (const auto& q : kNotOurs) one_entry.push_back({q, 0});
    one_entry.push_back({"whats the wifi password", 1});
    EXPECT_EQ(Classifier::train(one_entry), nullptr);
}

// One thread and a fixed seed: the same examples, the same classifier, so
// an answer does not change with a restart.
TEST(FaqClassifier, TheSameExamplesTrainTheSameClassifier) {
    std::vector<Classifier::Example> examples;
    for (const auto& q : kNotOurs) examples.push_back({q, 0});
    for (const auto& q : {"whats the wifi password", "guest wifi", "wifi not working"})
        examples.push_back({q, 1});
    for (const auto& q : {"where do i park my bike", "bike parking", "is there a bike rack"})
        examples.push_back({q, 2});
    const auto a = Classifier::train(examples), b = Classifier::train(examples);
    ASSERT_TRUE(a && b);
    for (const auto& q : {"wifi pass", "bike", "capital of chile", "reset my netflix password"}) {
        EXPECT_EQ(a->opinion(q).entry_id, b->opinion(q).entry_id) << q;
        EXPECT_EQ(a->opinion(q).likelihood, b->opinion(q).likelihood) << q;
    }
}

// "My dog is sick, who do I call?" shares its words with the office's
// entry for calling in sick, and the search alone answers it with that; the
// classifier has learnt that questions about one's own dog are none of the
// FAQ's. The office's pet policy is still answered.
TEST(FaqClassifier, VetoesAnAnswerToAQuestionItLearntIsNotTheFaqs) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    load_seed(*db);
    config::Faq alone;
    config::fill_defaults(alone);
    alone.classifier = false;
    const config::Faq faq = with_examples(dog_examples());
    handlers::faq::warm_and_train(faq, *db);
    const std::string sick_dog = "my dog is sick, who do I call?";
    EXPECT_EQ(answer(alone, *db, sick_dog), "sick-day");
    EXPECT_EQ(answer(faq, *db, sick_dog), "");
    const auto vetoed = handlers::faq::find(faq, sites(), *db, "lisbon", sick_dog);
    ASSERT_FALSE(vetoed.related.empty());
    EXPECT_EQ(vetoed.related.front().key, "sick-day");  // first for the site lead
    EXPECT_EQ(answer(faq, *db, "can I bring my puppy to the office"), "pets");
    EXPECT_EQ(answer(faq, *db, "how do I reset my password"), "password-reset");
    EXPECT_EQ(answer(faq, *db, "I'm sick today, who do I call?"), "sick-day");
}

// A question the FAQ learns from changes what the classifier learns from:
// the search keeps asking the classifier it had while a new one trains on
// a background thread, and then asks the new one.
TEST(FaqClassifier, WhatTheFaqLearnsRetrainsItInTheBackground) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    load_seed(*db);
    const config::Faq faq = with_examples(dog_examples());
    handlers::faq::warm_and_train(faq, *db);
    const auto index = handlers::faq::detail::index_of(faq, *db);
    const auto before = handlers::faq::classifier_of(faq, *db, *index, false);
    ASSERT_NE(before, nullptr);
    EXPECT_EQ(handlers::faq::classifier_of(faq, *db, *index, false), before);

    storage::faq::Question q;
    q.asker = "UANNA";
    q.site = "lisbon";
    q.text = "can my dog come to the christmas party";
    q.asked_at = 2;
    storage::faq::answer(*db, storage::faq::ask(*db, q), "No.", "ULEAD", 0, 3);
    EXPECT_EQ(handlers::faq::classifier_of(faq, *db, *index, false), before);  // still training
    auto after = before;
    for (int i = 0; i < 600 && after == before; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        after = handlers::faq::classifier_of(faq, *db, *index, false);
    }
    EXPECT_NE(after, before) << "not retrained in 30 s";
    ASSERT_NE(after, nullptr);
}

// Through the real service: a site whose configuration gives examples
// has its classifier trained from start-up (bot::App warms the FAQ after
// loading its seed; here it waits for it), and an employee's DM about their
// sick dog gets "I don't know", about their own sick day the entry.
TEST(FaqClassifier, TheServiceAsksItFromTheFirstQuestion) {
    config::Config cfg = testing_support::site_config();
    cfg.faq.examples = dog_examples();
    testing_support::Harness site(testing_support::noon_at(2026, 12, 1), cfg);
    {  // as the service starts: its seed loaded, then warmed (and trained)
        auto db = site.db().connect();
        load_seed(*db);
        handlers::faq::warm_and_train(site.cfg.faq, *db);
    }
    EXPECT_CONTAINS(site.dm("UANNA", "my dog is sick, who do I call?", "Ev1").text,
                    "I don't know that yet");
    EXPECT_CONTAINS(site.dm("UBEN", "I'm sick today, who do I call?", "Ev2").text, "sick");
}

}  // namespace faq_classifier_test
