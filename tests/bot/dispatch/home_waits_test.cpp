#include "bot/dispatch/home_waits.hpp"

#include <gtest/gtest.h>

namespace {

using bot::HomeWaits;
using storage::outbox::Row;

Row row(const std::string& method, const std::string& recipient, std::int64_t due) {
    Row r;
    r.method = method;
    r.recipient = recipient;
    r.next_attempt_at = due;
    return r;
}

TEST(HomeWaits, APublishDueLaterThanTheMarginIsWaiting) {
    HomeWaits waits;
    EXPECT_FALSE(waits.waiting("UA", 1000));
    waits.committed({row("chat.postMessage", "UA", 9000), row("views.publish", "home:UA", 3000)});
    EXPECT_TRUE(waits.waiting("UA", 1000));
    EXPECT_TRUE(waits.waiting("UA", 3000 - HomeWaits::kMarginMs - 1));
    // Within the margin it may be rendered before a change now commits.
    EXPECT_FALSE(waits.waiting("UA", 3000 - HomeWaits::kMarginMs));
    EXPECT_FALSE(waits.waiting("UA", 5000));
    // Other rows say nothing about anyone's Home tab.
    EXPECT_FALSE(waits.waiting("UB", 1000));
    waits.committed({row("chat.postMessage", "UB", 9000)});
    EXPECT_FALSE(waits.waiting("UB", 1000));
}

TEST(HomeWaits, TheLatestDueTimeCounts) {
    HomeWaits waits;
    waits.committed({row("views.publish", "home:UA", 5000)});
    waits.committed({row("views.publish", "home:UA", 2000)});  // opened: published at once
    EXPECT_TRUE(waits.waiting("UA", 4000));
    waits.committed({row("views.publish", "home:UA", 8000)});
    EXPECT_TRUE(waits.waiting("UA", 7000));
}

}  // namespace
