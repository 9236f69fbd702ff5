#pragma once
// The FAQ handler tests' site: the test site with four entries (one of them
// Berlin's) imported by USEED, and a check that an answer can be rated.

#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "storage/faq_store.hpp"
#include "storage/outbox.hpp"
#include "tests/support/common.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/site.hpp"

namespace faq_testing {

using testing_support::Harness;
using testing_support::noon_at;

struct Faq : ::testing::Test {
    Harness site{noon_at(2026, 12, 1)};

    Faq() {
        auto db = site.db().connect();
        storage::faq::import_document(*db, nlohmann::json::parse(R"({"entries": [
          {"key": "wifi", "question": "What is the wifi password?",
           "answer": "Join *Office-Staff* with your company login.", "tags": ["wifi", "internet"]},
          {"key": "bike-parking", "question": "Where can I park my bike?",
           "answer": "In the basement, level -1; showers are next to it.", "tags": ["bike", "cycling"]},
          {"key": "pto-allowance", "question": "How many vacation days do I get?",
           "answer": "22 days a year.", "tags": ["vacation", "pto"], "command": "/pto balance"},
          {"key": "berlin-wifi", "question": "What is the Berlin wifi?", "answer": "BER-Staff.",
           "tags": ["wifi"], "site": "berlin"}]})"),
                                      "USEED", 1);
    }

    // `dm`, to UANNA, rates entry `entry` (FAQ-1) as any answer of the FAQ:
    // its Helpful button is taken, and Q-`question` counts as the entry's
    // answer.
    void expect_rated(const storage::outbox::Row& dm, const std::string& entry, int question) {
        const auto rate = dm.body()["blocks"][1]["elements"];
        ASSERT_EQ(rate.size(), 2u) << dm.payload;
        EXPECT_EQ(rate[0]["value"], "faq helpful " + entry);
        EXPECT_EQ(rate[1]["value"], "faq unhelpful " + entry);
        EXPECT_CONTAINS(
            site.press("UANNA", rate[0]["action_id"].get<std::string>(), rate[0]["value"]).text,
            "Thanks! Glad " + entry + " helped.");
        EXPECT_EQ(
            site.count("faq_asks", "question_id = " + std::to_string(question) +
                                       " AND entry_id = " + entry.substr(4) + " AND helpful = 1"),
            1);
    }
};

}  // namespace faq_testing
