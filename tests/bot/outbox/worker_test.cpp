#include "bot/outbox/worker.hpp"

#include <memory>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

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
using testing_support::SlackCall;
using testing_support::SlackFailure;
using namespace std::chrono_literals;

using Process = testing_support::OutboxProcess;
using testing_support::approval;
using testing_support::eventually;
using testing_support::fast_outbox;
using testing_support::QuietLog;

using testing_support::OutboxWorkerTest;

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

}  // namespace
