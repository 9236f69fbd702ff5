// The FAQ search against an evaluation set written without looking at the
// entries' wording (tests/faq/eval_questions.json): questions as employees
// type them, each with the entry that should answer it, and questions an
// office FAQ must not answer. See tests/faq/README.md for the figures.

#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "config/faq.hpp"
#include "handlers/faq_search.hpp"
#include "storage/faq_store.hpp"
#include "tests/support/db.hpp"
#include "tests/support/paths.hpp"

namespace {

using nlohmann::json;

json read_json(const std::string& relative) {
    std::ifstream in(testing_support::source_dir() / relative);
    return json::parse(in);
}

void load_seed(SQLite::Database& db) {
    storage::faq::import_document(db, read_json("config/faq.json"), "USEED", 1);
}

// Issue 12 aims at 90% top-1 accuracy and at most 5% false answers; the
// search does not reach that yet (tests/faq/README.md). The test holds the
// figures measured so far, so that no change makes them worse unseen.
constexpr double kAccuracyFloor = 0.845;
constexpr double kFalseAnswersCeiling = 0.0625;

TEST(FaqEvaluation, AnswersNoWorseThanMeasuredSoFar) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    load_seed(*db);
    config::Faq faq;
    config::fill_defaults(faq);

    // Each question's top candidate and confidence, for the threshold sweep.
    struct Seen {
        bool in_scope, top_right;
        double confidence;
    };
    std::vector<Seen> seen;
    int in_scope = 0, right = 0, out_of_scope = 0, false_answers = 0;
    const json eval = read_json("tests/faq/eval_questions.json");
    for (const auto& item : eval["questions"]) {
        const std::string q = item["q"];
        const auto found = handlers::faq::find(faq, *db, "lisbon", q);
        const std::string got = found.best ? found.best->key : "(don't know)";
        const std::string top = found.best              ? found.best->key
                                : found.related.empty() ? std::string()
                                                        : found.related.front().key;
        seen.push_back({!item["expect"].is_null(),
                        !item["expect"].is_null() && top == item["expect"].get<std::string>(),
                        found.confidence});
        if (item["expect"].is_null()) {
            ++out_of_scope;
            if (found.best) {
                ++false_answers;
                std::cout << "false answer: \"" << q << "\" -> " << got << " (" << found.confidence
                          << ")\n";
            }
        } else {
            ++in_scope;
            if (got == item["expect"].get<std::string>())
                ++right;
            else
                std::cout << "missed: \"" << q << "\" -> " << got << " (top " << top
                          << "), expected " << item["expect"].get<std::string>() << " ("
                          << found.confidence << ")\n";
        }
    }
    const double accuracy = static_cast<double>(right) / in_scope;
    const double false_rate = static_cast<double>(false_answers) / out_of_scope;
    std::cout << "FAQ evaluation: top-1 accuracy " << right << "/" << in_scope << " = " << accuracy
              << ", false answers " << false_answers << "/" << out_of_scope << " = " << false_rate
              << "\n";
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
    EXPECT_GE(accuracy, kAccuracyFloor);
    EXPECT_LE(false_rate, kFalseAnswersCeiling);
}

}  // namespace
