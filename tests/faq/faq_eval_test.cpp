// The FAQ search against fourteen sets of questions written without looking
// at the entries' wording (tests/faq/*_questions.json): questions as
// employees type them, each with the entry that should answer it, and
// questions an office FAQ must not answer. Thirteen were read, the seed FAQ
// curated from their misses, and their questions are the classifier's
// examples (config/faq_examples.json), each set asked of a classifier that
// has not learnt it; the held-out one never was read. See
// tests/faq/README.md for the figures.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.hpp"
#include "config/faq.hpp"
#include "handlers/faq_search.hpp"
#include "handlers/faq_words.hpp"
#include "storage/faq_stats.hpp"
#include "storage/faq_store.hpp"
#include "tests/support/db.hpp"
#include "tests/support/paths.hpp"

namespace {

using nlohmann::json;

json read_json(const std::string& relative) {
    std::ifstream in(testing_support::source_dir() / relative);
    return json::parse(in);
}

// The question asked at the Lisbon site of the example configuration, as
// the handler asks it: of the site it names, if another.
handlers::faq::Found ask(const config::Faq& faq, SQLite::Database& db, const std::string& q) {
    static const config::Config cfg = config::load_file(
        (testing_support::source_dir() / "config/sitelead.example.json").string());
    const auto lisbon = std::find_if(cfg.sites.begin(), cfg.sites.end(),
                                     [](const config::Site& s) { return s.id == "lisbon"; });
    const auto asked = handlers::faq::asked_about(cfg.sites, *lisbon, q);
    return handlers::faq::find(faq, cfg.sites, db, asked.site->id, asked.question);
}

void load_seed(SQLite::Database& db) {
    storage::faq::import_document(db, read_json("config/faq.json"), "USEED", 1);
}

// The search's configuration as the example site has it, its classifier's
// examples (config/faq_examples.json, the development sets' questions)
// without those of `set`: a set is asked of a classifier that has not
// learnt it.
config::Faq faq_without(const std::string& set) {
    config::Faq faq;
    config::fill_defaults(faq);
    faq.examples_file = (testing_support::source_dir() / "config/faq_examples.json").string();
    std::vector<std::string> problems;
    config::read_examples(faq, problems);
    EXPECT_TRUE(problems.empty());
    std::set<std::string> asked;
    const json questions = read_json(set)["questions"];
    for (const auto& item : questions) asked.insert(item["q"].get<std::string>());
    std::erase_if(faq.examples, [&](const auto& x) { return asked.count(x.question) > 0; });
    return faq;
}

// The figures of one set: top-1 accuracy among the in-scope questions, the
// share of out-of-scope ones answered, and both over a sweep of thresholds.
struct Figures {
    double accuracy = 0, false_rate = 0;
    int right = 0, in_scope = 0, false_answers = 0, out_of_scope = 0;
};

// What answering missed question `item` with its entry would teach
// (`/faq answer Q-4 FAQ-3`): the words a site lead curating from the
// unanswered questions reads, with SITELEAD_FAQ_SHOW_LESSONS set.
void show_lesson(const config::Faq& faq, SQLite::Database& db, const json& item) {
    for (const auto& e : storage::faq::all(db)) {
        if (e.key != item["expect"].get<std::string>()) continue;
        const auto lesson = handlers::faq::lesson_for(faq, db, e, item["q"].get<std::string>());
        std::cout << "    teaches:";
        for (const auto& w : lesson.words) std::cout << " " << w;
        std::cout << "; no entry says:";
        for (const auto& w : lesson.unused) std::cout << " " << w;
        std::cout << "\n";
    }
}

// Asks every question of `set` against the FAQ in `db`, searched with `faq`.
Figures evaluate(const config::Faq& faq, SQLite::Database& db, const std::string& set,
                 bool show_misses) {
    // Each question's top candidate and confidence, for the threshold sweep.
    struct Seen {
        bool in_scope, top_right;
        double confidence;
    };
    std::vector<Seen> seen;
    int in_scope = 0, right = 0, out_of_scope = 0, false_answers = 0;
    const json eval = read_json(set);
    for (const auto& item : eval["questions"]) {
        const std::string q = item["q"];
        const auto found = ask(faq, db, q);
        const std::string got = found.best ? found.best->key : "(don't know)";
        const std::string top = found.best              ? found.best->key
                                : found.related.empty() ? std::string()
                                                        : found.related.front().key;
        seen.push_back({!item["expect"].is_null(),
                        !item["expect"].is_null() && top == item["expect"].get<std::string>(),
                        found.confidence});
        if (item["expect"].is_null()) {
            ++out_of_scope;
            if (!found.best) continue;
            ++false_answers;
            if (show_misses)
                std::cout << "false answer: \"" << q << "\" -> " << got << " (" << found.confidence
                          << ")\n";
        } else {
            ++in_scope;
            if (got == item["expect"].get<std::string>())
                ++right;
            else if (show_misses) {
                std::cout << "missed: \"" << q << "\" -> " << got << " (top " << top
                          << "), expected " << item["expect"].get<std::string>() << " ("
                          << found.confidence << ")\n";
                if (std::getenv("SITELEAD_FAQ_SHOW_LESSONS")) show_lesson(faq, db, item);
            }
        }
    }
    const Figures figures{static_cast<double>(right) / in_scope,
                          static_cast<double>(false_answers) / out_of_scope,
                          right,
                          in_scope,
                          false_answers,
                          out_of_scope};
    std::cout << set << ": top-1 accuracy " << right << "/" << in_scope << " = " << figures.accuracy
              << ", false answers " << false_answers << "/" << out_of_scope << " = "
              << figures.false_rate << "\n";
    for (double t = 0.2; t < 0.75; t += 0.05) {
        int r = 0, f = 0;
        for (const auto& x : seen) {
            if (x.confidence < t) continue;
            if (x.in_scope && x.top_right) ++r;
            if (!x.in_scope) ++f;
        }
        std::cout << "  at " << t << ": accuracy " << static_cast<double>(r) / in_scope
                  << ", false answers " << static_cast<double>(f) / out_of_scope << "\n";
    }
    return figures;
}

// Asks every question of `set` against the seed FAQ in a fresh database,
// its classifier trained on the examples of the other sets.
Figures evaluate(const std::string& set, bool show_misses) {
    testing_support::TempDb tmp;
    auto connection = tmp.connect();
    load_seed(*connection);
    const config::Faq faq = faq_without(set);
    handlers::faq::warm_and_train(faq, *connection);
    return evaluate(faq, *connection, set, show_misses);
}

// A FAQ that has learnt from use, asked without the examples: its
// classifier (once it has learnt ten questions no entry answers) trained on
// what it learnt alone.
Figures evaluate_learnt(SQLite::Database& db, const std::string& set) {
    config::Faq faq;
    config::fill_defaults(faq);
    handlers::faq::warm_and_train(faq, db);
    return evaluate(faq, db, set, false);
}

// Issue 12 aims at 90% top-1 accuracy and at most 5% false answers on a set
// nobody tuned against.
constexpr double kAimAccuracy = 0.90;
constexpr double kAimFalseAnswers = 0.05;
// The held-out set measures 96.4% and 2.9% from the seed (tests/faq/
// README.md). The tests hold the figures measured so far, so that no change
// makes them worse unseen: raise them as the search improves.
constexpr double kHeldOutAccuracyFloor = 0.963;
constexpr double kHeldOutFalseAnswersCeiling = 0.029;
static_assert(kHeldOutAccuracyFloor >= kAimAccuracy &&
              kHeldOutFalseAnswersCeiling <= kAimFalseAnswers);
// The same set after the site lead's answers to the development sets'
// misses (the last test), without the examples: 88.3% and 11.4%.
constexpr double kLearntAccuracyFloor = 0.882;
constexpr double kLearntFalseAnswersCeiling = 0.115;

// The held-out set, written later by another writer, also without the
// entries' wording, and never tuned against: its misses are printed only
// when SITELEAD_FAQ_SHOW_HELDOUT is set, so that reading them is a choice
// (and whoever makes it writes a new held-out set).
TEST(FaqEvaluation, HeldOutSet) {
    const Figures f = evaluate("tests/faq/heldout_questions.json",
                               std::getenv("SITELEAD_FAQ_SHOW_HELDOUT") != nullptr);
    EXPECT_GE(f.accuracy, kAimAccuracy) << "issue 12's aim";
    EXPECT_LE(f.false_rate, kAimFalseAnswers) << "issue 12's aim";
    EXPECT_GE(f.accuracy, kHeldOutAccuracyFloor);
    EXPECT_LE(f.false_rate, kHeldOutFalseAnswersCeiling);
}

// The development sets: written blind like the held-out one, then read, and
// the seed FAQ curated from their misses as a site lead would from the
// unanswered questions; so their misses are printed. Each holds the figures
// measured so far.
struct DevelopmentSet {
    const char* name;  // of the test
    const char* file;
    double accuracy_floor, false_answers_ceiling;
};

class FaqDevelopment : public ::testing::TestWithParam<DevelopmentSet> {};

TEST_P(FaqDevelopment, AnswersNoWorseThanMeasuredSoFar) {
    const Figures f = evaluate(GetParam().file, true);
    EXPECT_GE(f.accuracy, GetParam().accuracy_floor);
    EXPECT_LE(f.false_rate, GetParam().false_answers_ceiling);
}

// Every development set, in the order written, with its figures.
const DevelopmentSet kDevelopment[] = {
    // Tuned against since the FAQ's first session.
    DevelopmentSet{"First", "tests/faq/eval_questions.json", 0.923, 0.063},
    DevelopmentSet{"Second", "tests/faq/second_questions.json", 0.969, 0.05},
    // Written after the held-out set, avoiding the obvious phrasing.
    DevelopmentSet{"Third", "tests/faq/third_questions.json", 0.892, 0.0},
    // Four people's voices.
    DevelopmentSet{"Fourth", "tests/faq/fourth_questions.json", 0.846, 0.0},
    // Managers for their reports, people on a phone, in a hurry, or
    // describing what they cannot name.
    DevelopmentSet{"Fifth", "tests/faq/fifth_questions.json", 0.912, 0.15},
    // A literal German engineer, a phone, a new joiner describing what
    // she cannot name, a senior person delegating, Portuguese words.
    DevelopmentSet{"Sixth", "tests/faq/sixth_questions.json", 0.923, 0.026},
    // French and Indian English, an intern's slang, statements, two
    // asks in one, HR-formal.
    DevelopmentSet{"Seventh", "tests/faq/seventh_questions.json", 0.906, 0.028},
    // A Spanish colleague, an executive assistant for their boss, a
    // long and polite older colleague, a terse Dutch one, voice
    // dictation, situations described, Slack shorthand.
    DevelopmentSet{"Eighth", "tests/faq/eighth_questions.json", 0.904, 0.059},
    // A Polish developer, a chatty Irish office manager, a graduate in
    // lower case, a sales director on a phone, a Brazilian designer, a
    // formal HR partner, context first; near-misses above all.
    DevelopmentSet{"Ninth", "tests/faq/ninth_questions.json", 0.797, 0.0},
    // An Italian project manager, a dry Scottish engineer, a nervous
    // intern, a terse Swedish data scientist, a team lead on a phone,
    // situations described, asking for someone else.
    DevelopmentSet{"Tenth", "tests/faq/tenth_questions.json", 0.913, 0.063},
    // A formal Japanese engineer, a blunt Australian, a parent on a
    // phone, a contractor unsure what applies, a French-Canadian, a
    // Gen-Z marketer, a new manager for a report, a precise finance
    // person; hard near-misses about home, family and other countries.
    DevelopmentSet{"Eleventh", "tests/faq/eleventh_questions.json", 0.788, 0.031},
    // An American sales rep, a Chinese engineer's grammar, a screen
    // reader user, a frustrated complainer, an on-call engineer at odd
    // hours, a receptionist for visitors, a Nigerian-English speaker,
    // someone moved from London, a pregnant employee, a Turkish intern.
    DevelopmentSet{"Twelfth", "tests/faq/twelfth_questions.json", 0.931, 0.0},
    // A Korean analyst, a Glaswegian engineer, a visiting US VP, a
    // Ukrainian designer, a part-timer, run-on lower case, someone back
    // from a long leave, background first, Portuguese words, keywords.
    DevelopmentSet{"Thirteenth", "tests/faq/thirteenth_questions.json", 0.806, 0.086}};

INSTANTIATE_TEST_SUITE_P(FaqEvaluation, FaqDevelopment, ::testing::ValuesIn(kDevelopment),
                         [](const ::testing::TestParamInfo<DevelopmentSet>& info) {
                             return info.param.name;
                         });

// Their files, in that order.
const std::vector<std::string> kDevelopmentSets = [] {
    std::vector<std::string> files;
    for (const auto& set : kDevelopment) files.emplace_back(set.file);
    return files;
}();

// Each of `questions`, asked of the seed FAQ, gets entry `key`.
void expect_the_seed_answers(const std::vector<std::string>& questions, const std::string& key) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    load_seed(*db);
    config::Faq faq;
    config::fill_defaults(faq);
    for (const auto& q : questions) {
        const auto found = ask(faq, *db, q);
        ASSERT_TRUE(found.best) << q;
        EXPECT_EQ(found.best->key, key) << q;
    }
}

// "Christmas Eve" is Christmas, not "eve" stemmed as "ev" (the electric
// car's synonym): the office's Christmas closure answers it, at both sites.
TEST(FaqEvaluation, ChristmasEveIsAboutChristmasNotElectricCars) {
    expect_the_seed_answers({"is the office open on christmas eve", "open on xmas eve?",
                             "is the london office open on christmas eve"},
                            "office-closures");
}

// "Who do I talk to about X", "who should I speak to about X": the words
// that ask for a person are framing, as "ask" and "contact" are, and the
// question is about X, not about the entry whose answer says "talk to"
// (the parental leave entry answered the payslip question in the demo).
TEST(FaqEvaluation, WhoToTalkOrSpeakToIsAQuestionAboutItsSubject) {
    expect_the_seed_answers(
        {"who do i talk to about my payslip", "who should I speak to about my payslip"}, "payslip");
}

// The FAQ's own loop (`/faq answer Q-4 FAQ-3`): a site lead answers every
// question of the development sets the FAQ did not get right with the entry
// its writer meant, which learns the words it did not say, in the order
// they were asked. Then the held-out set, which none of it read, is asked:
// what the loop teaches must carry over to other people's questions, and
// not make the FAQ answer what it must not.
TEST(FaqEvaluation, TheSiteLeadsAnswersCarryOverToQuestionsNobodyRead) {
    testing_support::TempDb tmp;
    auto connection = tmp.connect();
    SQLite::Database& db = *connection;
    load_seed(db);
    config::Faq faq;
    config::fill_defaults(faq);
    int taught = 0, words = 0;
    for (const auto& set : kDevelopmentSets) {
        const json questions = read_json(set)["questions"];
        for (const auto& item : questions) {
            if (item["expect"].is_null()) continue;
            const std::string q = item["q"];
            const auto found = ask(faq, db, q);
            if (found.best && found.best->key == item["expect"].get<std::string>()) continue;
            const auto entries = storage::faq::all(db);
            const auto meant = std::find_if(entries.begin(), entries.end(), [&](const auto& e) {
                return e.key == item["expect"].get<std::string>();
            });
            ASSERT_NE(meant, entries.end()) << item["expect"];
            const auto learnt = handlers::faq::lesson_for(faq, db, *meant, q).words;
            words += static_cast<int>(learnt.size());
            storage::faq::set_tags(db, meant->id, handlers::faq::with_tags(meant->tags, learnt),
                                   "ULEAD", 1);
            ++taught;
        }
    }
    std::cout << "the site lead answered " << taught << " questions with their entries, which "
              << "learnt " << words << " words\n";
    const Figures f = evaluate_learnt(db, "tests/faq/heldout_questions.json");
    EXPECT_GE(f.accuracy, kLearntAccuracyFloor);
    EXPECT_LE(f.false_rate, kLearntFalseAnswersCeiling);
}

// A season of the FAQ's use, over `sets` in order, as its people and site
// lead would go through it: an answer that is right is rated helpful; one
// that is wrong is rated not helpful and, like a question it does not know,
// goes to the site lead, who answers a question of the office with the
// entry its writer meant (which learns the words it did not say, as
// `/faq answer Q-4 FAQ-3` does) and any other in words. So the FAQ learns
// every question whole (handlers/faq_learnt.hpp): this assumes every right
// answer gets its Helpful press.
struct Season {
    int helped = 0, with_entry = 0, in_words = 0, words = 0;
};
Season go_through(SQLite::Database& db, const std::vector<std::string>& sets) {
    config::Faq faq;
    config::fill_defaults(faq);
    // Its classifier would be trained in the background as the FAQ learns,
    // and the season would depend on when each was done.
    faq.classifier = false;
    Season season;
    std::int64_t now = 1;
    for (const auto& set : sets) {
        const json questions = read_json(set)["questions"];
        for (const auto& item : questions) {
            const std::string q = item["q"];
            const std::string meant = item["expect"].is_null() ? "" : item["expect"];
            const auto found = ask(faq, db, q);
            storage::faq::record(db, {"UASKER", "lisbon", q, found.best ? found.best->id : 0, 0,
                                      found.confidence, ++now});
            const std::int64_t ask_id = db.getLastInsertRowid();
            if (found.best && found.best->key == meant) {
                storage::faq::feedback(db, ask_id, true, ++now);
                ++season.helped;
                continue;
            }
            if (found.best) storage::faq::feedback(db, ask_id, false, ++now);
            storage::faq::Question question;
            question.asker = "UASKER";
            question.site = "lisbon";
            question.text = q;
            question.confidence = found.confidence;
            question.asked_at = ++now;
            const std::int64_t qid = storage::faq::ask(db, question);
            if (meant.empty()) {
                storage::faq::answer(db, qid, "Not something the office answers.", "ULEAD", 0,
                                     ++now);
                ++season.in_words;
                continue;
            }
            const auto entries = storage::faq::all(db);
            const auto entry = std::find_if(entries.begin(), entries.end(),
                                            [&](const auto& e) { return e.key == meant; });
            EXPECT_NE(entry, entries.end()) << meant;
            if (entry == entries.end()) continue;
            const auto learnt = handlers::faq::lesson_for(faq, db, *entry, q).words;
            season.words += static_cast<int>(learnt.size());
            storage::faq::set_tags(db, entry->id, handlers::faq::with_tags(entry->tags, learnt),
                                   "ULEAD", ++now);
            storage::faq::answer(db, qid, entry->answer, "ULEAD", entry->id, ++now);
            ++season.with_entry;
        }
    }
    std::cout << "a season of use: " << season.helped << " answers rated helpful, "
              << season.with_entry << " questions answered with an entry (" << season.words
              << " words learnt), " << season.in_words << " answered in words\n";
    return season;
}

// The season over all thirteen development sets (without the examples, its
// classifier trained on what the season taught), then the held-out set
// asked: 109/111 and 1/35 (tests/faq/README.md), against 98/111 and 4/35
// when the site lead's answers teach only words.
constexpr double kSeasonAccuracyFloor = 0.981;
constexpr double kSeasonFalseAnswersCeiling = 0.029;

TEST(FaqEvaluation, ASeasonOfUseCarriesOverToQuestionsNobodyRead) {
    testing_support::TempDb tmp;
    auto connection = tmp.connect();
    load_seed(*connection);
    go_through(*connection, kDevelopmentSets);
    const Figures f = evaluate_learnt(*connection, "tests/faq/heldout_questions.json");
    EXPECT_GE(f.accuracy, kSeasonAccuracyFloor);
    EXPECT_LE(f.false_rate, kSeasonFalseAnswersCeiling);
}

// The same on the development sets split in two, each half asked after a
// season of the other: how the whole questions were chosen to count
// (tests/faq/history/1-rounds-1-to-5.md).
TEST(FaqEvaluation, ASeasonOfUseOnHalfTheDevelopmentSetsAnswersTheOtherHalf) {
    const std::vector<std::string> first(kDevelopmentSets.begin(), kDevelopmentSets.begin() + 3);
    const std::vector<std::string> last(kDevelopmentSets.begin() + 3, kDevelopmentSets.end());
    int right = 0, in_scope = 0, false_answers = 0, out_of_scope = 0;
    for (const auto& [taught, asked] : {std::pair{first, last}, std::pair{last, first}}) {
        testing_support::TempDb tmp;
        auto connection = tmp.connect();
        load_seed(*connection);
        go_through(*connection, taught);
        for (const auto& set : asked) {
            const Figures f = evaluate_learnt(*connection, set);
            right += f.right;
            in_scope += f.in_scope;
            false_answers += f.false_answers;
            out_of_scope += f.out_of_scope;
        }
    }
    std::cout << "each half after a season of the other: " << right << " of " << in_scope
              << " right, " << false_answers << " of " << out_of_scope << " false answers\n";
    // Sets 1-3 and 4-13 (the sixth's near-misses are the hardest yet).
    EXPECT_GE(right, 1337);
    EXPECT_LE(false_answers, 40);
}

}  // namespace
