// The answer deadline's timer: callbacks run once their time has come, due
// ones together, none after the timer is gone.

#include "bot/dispatch/ack_timer.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <vector>

#include <gtest/gtest.h>

namespace bot {
namespace {

using namespace std::chrono_literals;

TEST(AckTimer, RunsACallbackOnlyOnceItsTimeHasCome) {
    AckTimer timer(10ms);
    std::promise<AckTimer::Clock::time_point> fired;
    const auto when = AckTimer::Clock::now() + 100ms;
    timer.arm(when, [&] { fired.set_value(AckTimer::Clock::now()); });
    auto result = fired.get_future();
    ASSERT_EQ(result.wait_for(5s), std::future_status::ready);
    EXPECT_GE(result.get(), when);
}

TEST(AckTimer, RunsDeadlinesInTheirOrderWhateverTheOrderTheyWereArmedIn) {
    AckTimer timer(10ms);
    std::mutex mutex;
    std::vector<int> order;
    std::promise<void> all;
    const auto now = AckTimer::Clock::now();
    auto record = [&](int n) {
        return [&, n] {
            std::lock_guard lock(mutex);
            order.push_back(n);
            if (order.size() == 3) all.set_value();
        };
    };
    timer.arm(now + 150ms, record(3));
    timer.arm(now + 50ms, record(1));
    timer.arm(now + 100ms, record(2));
    ASSERT_EQ(all.get_future().wait_for(5s), std::future_status::ready);
    EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(AckTimer, RunsDeadlinesThatComeDueTogetherInOneRound) {
    // With a long slack, the second round cannot start before it has passed:
    // everything due by then runs in that round.
    AckTimer timer(300ms);
    std::atomic<int> ran{0};
    std::promise<void> first;
    const auto now = AckTimer::Clock::now();
    timer.arm(now, [&] {
        ++ran;
        first.set_value();
    });
    ASSERT_EQ(first.get_future().wait_for(5s), std::future_status::ready);
    for (int i = 0; i < 100; ++i) timer.arm(AckTimer::Clock::now() + 1ms, [&] { ++ran; });
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(ran.load(), 1) << "a round ran before the slack had passed";
    const auto deadline = AckTimer::Clock::now() + 5s;
    while (ran.load() < 101 && AckTimer::Clock::now() < deadline) std::this_thread::sleep_for(5ms);
    EXPECT_EQ(ran.load(), 101);
}

TEST(AckTimer, RunsNothingOnceDestroyed) {
    std::atomic<bool> ran{false};
    {
        AckTimer timer(10ms);
        timer.arm(AckTimer::Clock::now() + 200ms, [&] { ran = true; });
    }
    std::this_thread::sleep_for(300ms);
    EXPECT_FALSE(ran.load());
}

}  // namespace
}  // namespace bot
