// The outbox worker when Slack refuses or is away: a 429 waited out no
// sooner than Retry-After, server errors retried with growing gaps, an
// outage (also an hour long on an injected clock) waited out with every
// message going once and in order, a permanent error parked as dead at
// once and delivered when re-queued; and the backoff itself.

#include "bot/outbox/worker.hpp"

#include <atomic>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "bot/outbox/cli.hpp"
#include "storage/outbox.hpp"
#include "tests/bot/outbox/worker_fixture.hpp"
#include "tests/support/common.hpp"
#include "tests/support/db.hpp"
#include "tests/support/fake_slack.hpp"
#include "tests/support/outbox_process.hpp"

namespace {

using core::Message;
using storage::outbox::Row;
using testing_support::OutboxWorkerTest;
using testing_support::SlackFailure;
using namespace std::chrono_literals;

using Process = testing_support::OutboxProcess;
using testing_support::eventually;
using testing_support::fast_outbox;
using testing_support::QuietLog;

TEST_F(OutboxWorkerTest, RetriesA429NoSoonerThanRetryAfter) {
    slack.fail_next(1, SlackFailure::rate_limited(1));
    Process process(cfg, tmp);
    auto ids = process.enqueue({Message::dm("U1", "hello")});
    ASSERT_TRUE(slack.wait_for_calls(2, 5s));
    auto calls = slack.calls();
    EXPECT_GE(gap(calls[0], calls[1]), 1000ms);
    EXPECT_LT(gap(calls[0], calls[1]), 2500ms);
    ASSERT_TRUE(eventually(state_is(ids[0], "sent")));
    EXPECT_EQ(row(ids[0]).attempts, 2);
    EXPECT_NE(row(ids[0]).last_error.find("429"), std::string::npos);
}

TEST_F(OutboxWorkerTest, A429NeverCountsTowardsGivingUp) {
    // Slack paces, it does not refuse: more 429s than max_attempts, and the
    // message still goes.
    cfg.slack.max_attempts = 2;
    slack.fail_next(3, SlackFailure::rate_limited(0));
    Process process(cfg, tmp);
    auto ids = process.enqueue({Message::dm("U1", "paced")});
    ASSERT_TRUE(eventually(state_is(ids[0], "sent")));
    EXPECT_EQ(row(ids[0]).attempts, 4);
    EXPECT_EQ(slack.call_count(), 4u);
}

TEST_F(OutboxWorkerTest, HoldsEverySendBackUntilRetryAfterHasPassed) {
    slack.fail_next(1, SlackFailure::rate_limited(1).to("U1"));
    Process process(cfg, tmp);
    auto first = process.enqueue({Message::dm("U1", "limited")});
    ASSERT_TRUE(eventually([&] { return row(first[0]).attempts == 1; }));
    auto other = process.enqueue({Message::dm("U2", "someone else")});
    ASSERT_TRUE(eventually(state_is(other[0], "sent")));
    auto calls = slack.calls();
    EXPECT_GE(gap(calls[0], calls[index_of(calls, "U2")]), 1000ms);
}

TEST_F(OutboxWorkerTest, RetriesServerErrorsWithGrowingGaps) {
    slack.fail_next(2, SlackFailure::server_error(500));
    Process process(cfg, tmp);
    auto ids = process.enqueue({Message::dm("U1", "hello")});
    ASSERT_TRUE(slack.wait_for_calls(3, 5s));
    auto calls = slack.calls();
    // 200 ms then 400 ms, each within 20% jitter.
    EXPECT_GE(gap(calls[0], calls[1]), 160ms);
    EXPECT_GE(gap(calls[1], calls[2]), 320ms);
    EXPECT_GT(gap(calls[1], calls[2]), gap(calls[0], calls[1]));
    ASSERT_TRUE(eventually(state_is(ids[0], "sent")));
    EXPECT_EQ(row(ids[0]).attempts, 3);
    EXPECT_NE(process.metrics.render().find("sitelead_outbox_retries_total 2\n"),
              std::string::npos);
}

TEST_F(OutboxWorkerTest, GivesUpAfterMaxAttemptsAndParksTheRowAsDead) {
    cfg.slack.max_attempts = 3;
    slack.fail_next(10, SlackFailure::server_error(503));
    Process process(cfg, tmp);
    auto ids = process.enqueue({Message::dm("U1", "hello")});
    ASSERT_TRUE(eventually(state_is(ids[0], "dead")));
    EXPECT_EQ(slack.call_count(), 3u);
    EXPECT_EQ(row(ids[0]).attempts, 3);
    EXPECT_EQ(row(ids[0]).last_error.rfind("gave up after 3 attempts", 0), 0u);
}

TEST_F(OutboxWorkerTest, MessagesWaitOutASlackOutageAndGoOnceWhenItIsBack) {
    QuietLog quiet;
    const unsigned short port = slack_down();
    cfg.slack.max_attempts = 3;
    bot::OutboxOptions options = testing_support::fast_outbox();
    options.backoff_base = std::chrono::milliseconds(20);
    options.backoff_cap = std::chrono::milliseconds(200);
    Process process(cfg, tmp, options);
    auto ids = process.enqueue({Message::dm("U1", "first"), Message::dm("U2", "second")});
    // Many more refused attempts than max_attempts: every message still waits.
    ASSERT_TRUE(eventually([&] { return row(ids[0]).attempts >= 8; }));
    EXPECT_EQ(row(ids[0]).state, "pending");
    EXPECT_EQ(row(ids[1]).state, "pending");

    held->release();
    testing_support::FakeSlack::Options back;
    back.port = port;
    testing_support::FakeSlack returned(back);
    ASSERT_TRUE(eventually(state_is(ids[0], "sent")));
    ASSERT_TRUE(eventually(state_is(ids[1], "sent")));
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(returned.call_count(), 2u);  // each once
}

// The same outage for an hour of an injected clock, with the backoff the
// service runs with (500 ms doubling to 5 minutes): the messages wait, tried
// at the capped pace and not more often, and go once each, in order, within
// one capped wait of Slack coming back.
TEST_F(OutboxWorkerTest, MessagesWaitOutAnHourLongOutageOnAnInjectedClockAndGoOnceInOrder) {
    QuietLog quiet;
    const unsigned short port = slack_down();
    std::atomic<std::int64_t> now_ms{core::unix_ms(core::system_clock()())};
    const core::Clock clock = [&] {
        return std::chrono::system_clock::time_point(std::chrono::milliseconds(now_ms.load()));
    };
    bot::OutboxOptions options;  // the service's backoff
    options.poll_interval = std::chrono::milliseconds(10);
    const auto cap = std::chrono::duration_cast<std::chrono::milliseconds>(options.backoff_cap);
    Process process(cfg, tmp, options, clock);
    auto ids = process.enqueue(
        {Message::dm("U1", "first"), Message::dm("U1", "second"), Message::dm("U2", "other")});
    // An hour, thirty seconds at a time, each step long enough for the worker
    // to try whatever fell due.
    for (int step = 0; step < 120; ++step) {
        now_ms += 30'000;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
        for (auto id : ids) ASSERT_EQ(row(id).state, "pending");
    }
    const auto first = row(ids[0]);
    // Many more attempts than slack.max_attempts (5), but at the capped pace:
    // about ten doublings up to the cap, then one every 4 to 6 minutes.
    EXPECT_GE(first.attempts, 12);
    EXPECT_LE(first.attempts, 27);
    EXPECT_LE(first.next_attempt_at - now_ms.load(), cap.count() * 12 / 10);
    EXPECT_EQ(row(ids[1]).attempts, 0);  // it waits behind U1's first
    EXPECT_GE(row(ids[2]).attempts, 12);

    held->release();
    testing_support::FakeSlack::Options back;
    back.port = port;
    testing_support::FakeSlack returned(back);
    const auto delivered = [&] {
        return row(ids[1]).state == "sent" && row(ids[2]).state == "sent";
    };
    for (int step = 0; step < 14 && !delivered(); ++step) {
        now_ms += 30'000;  // within one capped wait (at most 6 minutes)
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ASSERT_TRUE(eventually(state_is(ids[1], "sent")));
    ASSERT_TRUE(eventually(state_is(ids[2], "sent")));
    std::this_thread::sleep_for(100ms);
    const auto calls = returned.calls();
    EXPECT_EQ(calls.size(), 3u);  // each once
    EXPECT_EQ(texts_to(calls, "U1"), (std::vector<std::string>{"first", "second"}));
}

TEST_F(OutboxWorkerTest, ParksAPermanentErrorAsDeadAtOnceAndRequeueDeliversIt) {
    slack.fail_next(1, SlackFailure::ok_false("channel_not_found"));
    Process process(cfg, tmp);
    auto ids = process.enqueue({Message::dm("C404", "to nowhere")});
    ASSERT_TRUE(eventually(state_is(ids[0], "dead")));
    EXPECT_EQ(row(ids[0]).last_error, "channel_not_found");
    auto dead = storage::outbox::list(*tmp.connect(), "dead", 10);
    ASSERT_EQ(dead.size(), 1u);
    EXPECT_EQ(dead[0].id, ids[0]);
    EXPECT_NE(process.metrics.render().find("sitelead_outbox_dead 1\n"), std::string::npos);
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(slack.call_count(), 1u);  // not retried

    std::ostringstream out;
    EXPECT_EQ(bot::outbox_requeue(cfg, ids[0], out), 0) << out.str();
    ASSERT_TRUE(eventually(state_is(ids[0], "sent")));
    EXPECT_EQ(slack.call_count(), 2u);
    EXPECT_NE(process.metrics.render().find("sitelead_outbox_dead 0\n"), std::string::npos);
}

TEST(OutboxBackoff, DoublesFromTheBaseUpToTheCap) {
    bot::OutboxOptions o;  // 500 ms base, 5 min cap
    EXPECT_EQ(bot::backoff_delay(1, o, 1.0), 1000ms);
    EXPECT_EQ(bot::backoff_delay(3, o, 1.0), 4000ms);
    EXPECT_EQ(bot::backoff_delay(30, o, 1.0), std::chrono::minutes(5));
    EXPECT_EQ(bot::backoff_delay(1000, o, 1.0), std::chrono::minutes(5));
}

TEST(OutboxBackoff, JitterScalesTheWait) {
    bot::OutboxOptions o;
    EXPECT_EQ(bot::backoff_delay(2, o, 0.8), 1600ms);
    EXPECT_EQ(bot::backoff_delay(2, o, 1.2), 2400ms);
}

}  // namespace
