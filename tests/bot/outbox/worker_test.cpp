#include "bot/outbox/worker.hpp"

#include <memory>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "bot/outbox/cli.hpp"
#include "storage/outbox.hpp"
#include "tests/support/common.hpp"
#include "tests/support/db.hpp"
#include "tests/support/fake_slack.hpp"
#include "tests/support/outbox_process.hpp"

namespace {

using core::Message;
using storage::outbox::Row;
using testing_support::SlackCall;
using testing_support::SlackFailure;
using namespace std::chrono_literals;

using Process = testing_support::OutboxProcess;
using testing_support::approval;
using testing_support::eventually;
using testing_support::fast_outbox;
using testing_support::QuietLog;

class OutboxWorkerTest : public testing_support::OutboxFixture {
protected:
    static std::vector<std::string> texts_to(const std::vector<SlackCall>& calls,
                                             const std::string& channel) {
        std::vector<std::string> out;
        for (const auto& c : calls)
            if (c.body.value("channel", "") == channel) out.push_back(c.body.value("text", ""));
        return out;
    }
    // The position of the nth (0-based) call to `channel`.
    static std::size_t index_of(const std::vector<SlackCall>& calls, const std::string& channel,
                                int nth = 0) {
        int seen = 0;
        for (std::size_t i = 0; i < calls.size(); ++i)
            if (calls[i].body.value("channel", "") == channel && seen++ == nth) return i;
        ADD_FAILURE() << "no call #" << nth << " to " << channel;
        return calls.size();
    }
    static std::chrono::milliseconds gap(const SlackCall& a, const SlackCall& b) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(b.at - a.at);
    }
};

TEST_F(OutboxWorkerTest, DeliversAPostWithItsChannelTextBlocksAndToken) {
    Process process(cfg, tmp);
    auto blocks = nlohmann::json::array(
        {{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", "*hi*"}}}}});
    auto ids = process.enqueue({Message::dm("U1", "hello", blocks.dump())});
    ASSERT_TRUE(eventually(state_is(ids[0], "sent")));

    auto calls = slack.calls();
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].path, "/api/chat.postMessage");
    EXPECT_EQ(calls[0].header("authorization"), "Bearer xoxb-test-token");
    EXPECT_EQ(calls[0].body["channel"], "U1");
    EXPECT_EQ(calls[0].body["text"], "hello");
    EXPECT_EQ(calls[0].body["blocks"], blocks);
    // Where Slack put it, for later updates.
    Row sent = row(ids[0]);
    EXPECT_EQ(sent.slack_channel, "DU1");
    EXPECT_EQ(sent.slack_ts, "1700000000.000100");
    EXPECT_EQ(sent.attempts, 1);
    // Counted once the worker has seen the commit, just after it is visible here.
    EXPECT_TRUE(eventually([&] {
        return process.metrics.render().find("sitelead_outbox_sent_total 1\n") != std::string::npos;
    }));
}

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
    // Slack is down: nothing listens where it was.
    unsigned short port = 0;
    {
        testing_support::FakeSlack gone;
        port = gone.port();
        cfg.slack.api_base_url = gone.base_url();
    }
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
    unsigned short port = 0;
    {
        testing_support::FakeSlack gone;
        port = gone.port();
        cfg.slack.api_base_url = gone.base_url();
    }
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

TEST_F(OutboxWorkerTest, KeepsARecipientsOrderWhenItsFirstMessageFails) {
    slack.fail_next(1, SlackFailure::server_error(500).to("U1"));
    Process process(cfg, tmp);
    auto ids = process.enqueue(
        {Message::dm("U1", "first"), Message::dm("U1", "second"), Message::dm("U2", "other")});
    ASSERT_TRUE(eventually(state_is(ids[1], "sent")));
    auto calls = slack.calls();
    EXPECT_EQ(texts_to(calls, "U1"), (std::vector<std::string>{"first", "first", "second"}));
    // Another recipient is not held up by U1's retry.
    ASSERT_EQ(texts_to(calls, "U2").size(), 1u);
    EXPECT_LT(index_of(calls, "U2"), index_of(calls, "U1", 1));
}

TEST_F(OutboxWorkerTest, ARecipientSlackKeepsRefusingDoesNotHoldUpTheOthers) {
    slack.fail_next(1000, SlackFailure::server_error(503).to("U1"));
    auto options = fast_outbox();
    options.max_held = 3;  // room for 3 messages in memory, 2 of them U1's
    options.max_held_per_recipient = 2;
    Process process(cfg, tmp, options);
    std::vector<Message> backlog;
    for (int i = 0; i < 5; ++i) backlog.push_back(Message::dm("U1", "u1 #" + std::to_string(i)));
    process.enqueue(backlog);
    const auto later = process.enqueue({Message::dm("U2", "not held up")});
    EXPECT_TRUE(eventually(state_is(later[0], "sent"), 3s));
}

TEST_F(OutboxWorkerTest, DeliversARecipientsMessagesBeyondItsBoundInOrder) {
    auto options = fast_outbox();
    options.max_held_per_recipient = 2;
    Process process(cfg, tmp, options);
    std::vector<Message> messages;
    std::vector<std::string> texts;
    for (int i = 0; i < 7; ++i) {
        texts.push_back("#" + std::to_string(i));
        messages.push_back(Message::dm("U1", texts.back()));
    }
    const auto ids = process.enqueue(messages);
    ASSERT_TRUE(eventually(state_is(ids.back(), "sent")));
    EXPECT_EQ(texts_to(slack.calls(), "U1"), texts);
}

TEST_F(OutboxWorkerTest, SendsAnUpdateOnlyAfterItsPostWithThePostsChannelAndTs) {
    slack.fail_next(1, SlackFailure::server_error(500).to("UMGR"));
    Process process(cfg, tmp);
    auto post = process.enqueue({approval("UMGR", "PTO-1")});
    auto update = process.enqueue({Message::update_buttons("PTO-1", "Approved by <@UMGR>")});
    ASSERT_EQ(update.size(), 1u);
    ASSERT_TRUE(eventually(state_is(update[0], "sent")));

    auto calls = slack.calls();
    ASSERT_EQ(calls.size(), 3u);
    EXPECT_EQ(calls[0].method, "chat.postMessage");
    EXPECT_EQ(calls[1].method, "chat.postMessage");
    EXPECT_EQ(calls[2].method, "chat.update");
    Row target = row(post[0]);
    EXPECT_EQ(calls[2].body["channel"], target.slack_channel);
    EXPECT_EQ(calls[2].body["ts"], target.slack_ts);
    EXPECT_EQ(calls[2].body["text"], "Approved by <@UMGR>");
    EXPECT_EQ(row(update[0]).slack_ts, target.slack_ts);
}

TEST_F(OutboxWorkerTest, ARecipientsNextMessageGoesBeforeTheLastOutcomeIsRecorded) {
    slack.set_delay(100ms);
    Process process(cfg, tmp);
    const auto ids = process.enqueue(
        {Message::dm("U1", "one"), Message::dm("U1", "two"), Message::dm("U1", "three")});
    // No outcome can be written while it is held; the messages still go, in order.
    testing_support::HeldWriter held(*process.writer);
    ASSERT_TRUE(slack.wait_for_calls(3, 5s));
    EXPECT_EQ(texts_to(slack.calls(), "U1"), (std::vector<std::string>{"one", "two", "three"}));
    EXPECT_EQ(row(ids[2]).state, "pending");
    held.release();
    for (auto id : ids) ASSERT_TRUE(eventually(state_is(id, "sent")));
    EXPECT_EQ(slack.call_count(), 3u);
}

TEST_F(OutboxWorkerTest, AnUpdateGoesToItsPostBeforeThePostsOutcomeIsRecorded) {
    slack.set_delay(100ms);
    Process process(cfg, tmp);
    const auto post = process.enqueue({approval("UMGR", "PTO-1")});
    const auto update = process.enqueue({Message::update_buttons("PTO-1", "Approved")});
    testing_support::HeldWriter held(*process.writer);
    ASSERT_TRUE(slack.wait_for_calls(2, 5s));
    held.release();
    ASSERT_TRUE(eventually(state_is(update[0], "sent")));
    const auto calls = slack.calls();
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_EQ(calls[1].method, "chat.update");
    EXPECT_EQ(calls[1].body["channel"], row(post[0]).slack_channel);
    EXPECT_EQ(calls[1].body["ts"], row(post[0]).slack_ts);
}

TEST_F(OutboxWorkerTest, EditsAChannelPostInPlaceAndRepliesInItsThread) {
    slack.fail_next(1, SlackFailure::server_error(500).to("CBIZ"));
    Process process(cfg, tmp);
    Message triage = Message::dm("CBIZ", "OFC-1 filed");
    triage.subject = "OFC-1";
    auto post = process.enqueue({triage});
    auto later = process.enqueue({Message::edit("CBIZ", "OFC-1", "OFC-1 acknowledged"),
                                  Message::reply("CBIZ", "OFC-1", "Acknowledged by Ana")});
    ASSERT_EQ(later.size(), 2u);
    ASSERT_TRUE(eventually(state_is(later[1], "sent")));

    const auto calls = slack.calls();
    ASSERT_EQ(calls.size(), 4u);  // the post twice (a 500 first), the edit, the reply
    const Row target = row(post[0]);
    EXPECT_EQ(calls[2].method, "chat.update");
    EXPECT_EQ(calls[2].body["ts"], target.slack_ts);
    EXPECT_EQ(calls[3].method, "chat.postMessage");
    EXPECT_EQ(calls[3].body["channel"], target.slack_channel);
    EXPECT_EQ(calls[3].body["thread_ts"], target.slack_ts);
    EXPECT_FALSE(calls[3].body.contains("ts"));
    EXPECT_EQ(calls[3].body["text"], "Acknowledged by Ana");
}

TEST_F(OutboxWorkerTest, ParksTheUpdateOfADeadPostAndRequeuesItWithThePost) {
    slack.fail_next(1, SlackFailure::ok_false("channel_not_found").to("UGONE"));
    Process process(cfg, tmp);
    auto post = process.enqueue({approval("UGONE", "PTO-2")});
    auto update = process.enqueue({Message::update_buttons("PTO-2", "Denied")});
    ASSERT_TRUE(eventually(state_is(update[0], "dead")));
    EXPECT_EQ(row(post[0]).state, "dead");
    EXPECT_NE(row(update[0]).last_error.find("never delivered"), std::string::npos);
    EXPECT_EQ(slack.call_count(), 1u);

    std::ostringstream out;
    EXPECT_EQ(bot::outbox_requeue(cfg, post[0], out), 0);
    EXPECT_NE(out.str().find("re-queued 2 messages"), std::string::npos) << out.str();
    ASSERT_TRUE(eventually(state_is(update[0], "sent")));
    auto calls = slack.calls();
    ASSERT_EQ(calls.size(), 3u);
    EXPECT_EQ(calls[2].method, "chat.update");
}

TEST_F(OutboxWorkerTest, AnUpdateWaitsForItsPostWhenBothAreQueuedAfterTheCliRequeue) {
    slack.fail_next(1, SlackFailure::ok_false("channel_not_found").to("UBACK"));
    Process process(cfg, tmp);
    auto post = process.enqueue({approval("UBACK", "PTO-4")});
    ASSERT_TRUE(eventually(state_is(post[0], "dead")));

    // The post goes back below the worker's cursor; the update lands above
    // it at once, before any poll could notice the re-queue.
    std::ostringstream out;
    ASSERT_EQ(bot::outbox_requeue(cfg, post[0], out), 0) << out.str();
    auto update = process.enqueue({Message::update_buttons("PTO-4", "Approved")});
    ASSERT_EQ(update.size(), 1u);
    ASSERT_TRUE(eventually(state_is(update[0], "sent")));

    EXPECT_EQ(row(post[0]).state, "sent");
    auto calls = slack.calls();
    ASSERT_EQ(calls.size(), 3u);
    EXPECT_EQ(calls[1].method, "chat.postMessage");
    EXPECT_EQ(calls[2].method, "chat.update");
    EXPECT_EQ(calls[2].body["ts"], row(post[0]).slack_ts);
}

TEST_F(OutboxWorkerTest, RecordsOutcomesInBatchesRatherThanOneCommitEach) {
    cfg.slack.bot_token.clear();  // the log delivers at once: outcomes pile up
    QuietLog quiet;
    Process process(cfg, tmp);
    std::vector<Message> messages;
    for (int i = 0; i < 200; ++i) messages.push_back(Message::dm("U" + std::to_string(i), "hi"));
    const auto units_before = process.writer->units();
    process.enqueue(messages);
    ASSERT_TRUE(eventually([&] { return tmp.count("outbox", "state = 'pending'") == 0; }));
    ASSERT_TRUE(process.worker->wait_idle(5s));
    // One unit wrote the rows; their 200 outcomes took far fewer.
    EXPECT_LT(process.writer->units() - units_before, 100u);
}

TEST_F(OutboxWorkerTest, RowsHandedOverAfterRowsNobodyHandedOverGoAfterThemInOrder) {
    // No poll in time to find the first row: only the gap in the ids can.
    auto options = testing_support::fast_outbox();
    options.poll_interval = 60s;
    Process process(cfg, tmp, options);
    const auto settled = process.enqueue({Message::dm("U0", "first, to find the cursor")});
    ASSERT_TRUE(eventually(state_is(settled[0], "sent")));
    // Another writer's row (a scheduler's, another process's), then the service's.
    const auto unannounced = process.enqueue({Message::dm("U1", "one")}, Process::Tell::nothing);
    const auto handed = process.enqueue({Message::dm("U1", "two")});
    ASSERT_TRUE(eventually(state_is(handed[0], "sent")));
    ASSERT_TRUE(eventually(state_is(unannounced[0], "sent"), 2s));
    EXPECT_EQ(texts_to(slack.calls(), "U1"), (std::vector<std::string>{"one", "two"}));
}

TEST_F(OutboxWorkerTest, RowsAReadFoundBeforeTheirHandOverAreSentOnce) {
    Process process(cfg, tmp);
    const auto ids = process.enqueue({Message::dm("U1", "once")}, Process::Tell::hint);
    ASSERT_TRUE(eventually(state_is(ids[0], "sent")));
    // Its hand-over arrives late, after the hint's read delivered it.
    process.worker->notify({storage::outbox::get(*tmp.connect(), ids[0]).value()});
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(slack.call_count(), 1u);
}

TEST_F(OutboxWorkerTest, DeliversRowsAPreviousRunLeftPending) {
    slack.fail_next(1000, SlackFailure::server_error(503));
    std::vector<std::int64_t> ids;
    {
        Process first(cfg, tmp);
        ids = first.enqueue(
            {Message::dm("U1", "one"), Message::dm("U1", "two"), Message::dm("U2", "three")});
        ASSERT_TRUE(slack.wait_for_calls(2, 5s));
    }
    for (auto id : ids) EXPECT_EQ(row(id).state, "pending");

    slack.clear_failures();
    const auto before = slack.call_count();
    Process second(cfg, tmp);  // nothing enqueued, nothing notified
    for (auto id : ids) ASSERT_TRUE(eventually(state_is(id, "sent")));
    auto calls = slack.calls();
    std::vector<SlackCall> after(calls.begin() + static_cast<std::ptrdiff_t>(before), calls.end());
    EXPECT_EQ(texts_to(after, "U1"), (std::vector<std::string>{"one", "two"}));
    EXPECT_EQ(texts_to(after, "U2"), (std::vector<std::string>{"three"}));
}

TEST_F(OutboxWorkerTest, StopLetsASendUnderWayFinishAndStartsNoNewOnes) {
    slack.set_delay(400ms);
    Process process(cfg, tmp);
    auto ids = process.enqueue({Message::dm("U1", "slow")});
    ASSERT_TRUE(slack.wait_for_calls(1, 5s));
    process.worker->stop();
    EXPECT_TRUE(process.worker->wait_idle(5s));
    EXPECT_EQ(row(ids[0]).state, "sent");
    auto later = process.enqueue({Message::dm("U1", "after stop")});
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(slack.call_count(), 1u);
    EXPECT_EQ(row(later[0]).state, "pending");
}

TEST_F(OutboxWorkerTest, WithoutATokenWritesMessagesToTheLogAndMarksThemSent) {
    cfg.slack.bot_token.clear();
    std::ostringstream log;
    auto previous = spdlog::default_logger();
    spdlog::set_default_logger(std::make_shared<spdlog::logger>(
        "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(log)));
    std::vector<std::int64_t> post, update;
    {
        Process process(cfg, tmp);
        post = process.enqueue({approval("U1", "PTO-3")});
        update = process.enqueue({Message::update_buttons("PTO-3", "Approved")});
        EXPECT_TRUE(eventually(state_is(update[0], "sent")));
    }
    spdlog::set_default_logger(previous);

    EXPECT_EQ(slack.call_count(), 0u);
    Row p = row(post[0]);
    EXPECT_EQ(p.state, "sent");
    EXPECT_EQ(p.slack_channel, "U1");
    EXPECT_EQ(p.slack_ts, "local." + std::to_string(post[0]));
    Row u = row(update[0]);
    EXPECT_EQ(u.slack_channel, "U1");
    EXPECT_EQ(u.slack_ts, p.slack_ts);
    EXPECT_NE(log.str().find("outbox #" + std::to_string(post[0]) + " to U1: Approve PTO-3?"),
              std::string::npos)
        << log.str();
    EXPECT_NE(log.str().find("Approved"), std::string::npos);
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
