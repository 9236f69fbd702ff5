#pragma once
// Small values and checks the unit tests share: a substring check with a
// readable failure, a calendar day, and an approval request as the workflows
// send it (a DM with buttons for one subject).

#include <string>

#include <date/date.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/message.hpp"

namespace testing_support {

inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// EXPECT_CONTAINS's check: each argument is evaluated once, so that a
// failing check does not send its request again to print what it answered.
inline ::testing::AssertionResult contains_format(const char* haystack_expr, const char*,
                                                  const std::string& haystack,
                                                  const std::string& needle) {
    if (contains(haystack, needle)) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << haystack_expr << " does not contain: " << needle << "\nin: " << haystack;
}

#define EXPECT_CONTAINS(haystack, needle) \
    EXPECT_PRED_FORMAT2(::testing_support::contains_format, haystack, needle)

inline date::local_days day(int y, unsigned m, unsigned d) {
    return date::local_days{date::year{y} / date::month{m} / date::day{d}};
}

// A DM to `approver` asking to decide `subject`, with an actions block.
inline core::Message approval(const std::string& approver, const std::string& subject) {
    core::Message m = core::Message::dm(
        approver, "Approve " + subject + "?",
        nlohmann::json::array({{{"type", "actions"}, {"block_id", subject}}}).dump());
    m.subject = subject;
    m.has_buttons = true;
    return m;
}

}  // namespace testing_support
