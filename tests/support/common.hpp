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

#define EXPECT_CONTAINS(haystack, needle) \
    EXPECT_TRUE(::testing_support::contains((haystack), (needle))) << "in: " << (haystack)

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
