#include "bot/outbox/wake_timer.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

namespace {

using namespace std::chrono_literals;
using bot::WakeTimer;

TEST(WakeTimer, AskingForALaterWakeKeepsTheEarlierOne) {
    boost::asio::io_context io;
    WakeTimer timer(io.get_executor());
    EXPECT_FALSE(timer.armed());
    timer.wake_within(10s, [] {});
    const auto first = timer.expiry();
    timer.wake_within(20s, [] {});
    EXPECT_EQ(timer.expiry(), first);
    timer.wake_within(5s, [] {});
    EXPECT_LT(timer.expiry(), first);
    EXPECT_TRUE(timer.armed());
}

TEST(WakeTimer, WakesOnceWithTheLatestHandlerThenMayBeSetAgain) {
    boost::asio::io_context io;
    WakeTimer timer(io.get_executor());
    int first = 0, second = 0;
    timer.wake_within(1h, [&] { ++first; });
    timer.wake_within(1ms, [&] { ++second; });  // earlier: replaces the wake and its handler
    io.run();
    EXPECT_EQ(first, 0);
    EXPECT_EQ(second, 1);
    EXPECT_FALSE(timer.armed());
    // Nothing under way: a later wake is set as asked.
    timer.wake_within(2ms, [&] { ++first; });
    io.restart();
    io.run();
    EXPECT_EQ(first, 1);
}

TEST(WakeTimer, ACancelledWakeNeverComes) {
    boost::asio::io_context io;
    WakeTimer timer(io.get_executor());
    bool woken = false;
    timer.wake_within(1ms, [&] { woken = true; });
    timer.cancel();
    io.run();
    EXPECT_FALSE(woken);
    // Nor does it hold back a later one.
    timer.wake_within(2ms, [&] { woken = true; });
    io.restart();
    io.run();
    EXPECT_TRUE(woken);
}

}  // namespace
