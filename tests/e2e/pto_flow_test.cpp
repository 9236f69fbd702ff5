// PTO end to end: the real server on a loopback port, signed requests over
// HTTP, the outbox worker delivering to a fake Slack Web API.

#include <gtest/gtest.h>

#include <thread>

#include "tests/support/common.hpp"
#include "tests/support/outbox_process.hpp"
#include "tests/support/slack_flow.hpp"
#include "tests/support/slack_requests.hpp"

namespace {

using namespace testing_support;
using namespace std::chrono_literals;
using nlohmann::json;

struct PtoFlow : SlackFlow {};

TEST_F(PtoFlow, RequestApprovalByButtonAndTheReplacedButtonsReachSlack) {
    const std::string reply =
        reply_text(server.post(signed_slash("/pto", "dec 21-23 vacation family trip", kAna)));
    EXPECT_NE(reply.find("Requested PTO-1"), std::string::npos) << reply;

    ASSERT_TRUE(slack.wait_for_calls(1, 5s));
    const auto ask = *find("chat.postMessage", kManager, slack.calls());
    EXPECT_EQ(ask.header("authorization"), "Bearer xoxb-e2e-token");
    const json& buttons = ask.body["blocks"].back()["elements"];
    EXPECT_EQ(buttons[0]["value"], "approve PTO-1");
    EXPECT_EQ(buttons[1]["value"], "deny PTO-1");

    const auto pressed =
        server.post(signed_action(button_press(kManager, "pto.approve", "approve PTO-1")));
    EXPECT_EQ(pressed.status, 200u);
    // The manager's reply, Ana's news, and the update of the manager's message.
    ASSERT_TRUE(slack.wait_for_calls(4, 5s));
    const auto calls = slack.calls();
    const SlackCall* told = find("chat.postMessage", kAna, calls);
    ASSERT_NE(told, nullptr);
    EXPECT_NE(told->body["text"].get<std::string>().find("Approved: your PTO-1"),
              std::string::npos);
    // chat.update goes to the conversation and ts Slack returned for the ask.
    const SlackCall* update = find("chat.update", std::string("D") + kManager, calls);
    ASSERT_NE(update, nullptr);
    EXPECT_FALSE(update->body.value("ts", "").empty());
    EXPECT_EQ(update->body["blocks"].dump().find("\"actions\""), std::string::npos);
    EXPECT_NE(update->body["blocks"].dump().find("Approved by <@U0MGR>"), std::string::npos);
}

TEST_F(PtoFlow, ARefusalOverHttpChangesNothingAndSendsNothing) {
    reply_text(server.post(signed_slash("/pto", "dec 21-23", kAna)));
    ASSERT_TRUE(slack.wait_for_calls(1, 5s));
    const auto audit = server.count("audit_trail");
    const auto reply = reply_text(server.post(signed_slash("/approve", "PTO-1", kBen)));
    EXPECT_NE(reply.find("Only <@U0ANA>'s manager"), std::string::npos) << reply;
    EXPECT_EQ(server.count("audit_trail"), audit);
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(messages_sent(), 1u);
}

TEST_F(PtoFlow, ADirectMessageIsAnsweredInTheDmAndRetriesAreIgnored) {
    const auto event = dm_event(kAna, "pto dec 28 personal", "Ev0E2EDM");
    EXPECT_EQ(server.post(signed_event(event)).status, 200u);
    ASSERT_TRUE(slack.wait_for_calls(2, 5s));
    auto retry = signed_event(event);
    retry.headers.emplace_back("X-Slack-Retry-Num", "1");
    retry.headers.emplace_back("X-Slack-Retry-Reason", "http_timeout");
    EXPECT_EQ(server.post(retry).status, 200u);
    std::this_thread::sleep_for(300ms);
    const auto calls = slack.calls();
    EXPECT_EQ(messages_sent(), 2u);
    const SlackCall* answer = find("chat.postMessage", std::string("D0") + kAna, calls);
    ASSERT_NE(answer, nullptr);
    EXPECT_NE(answer->body["text"].get<std::string>().find("Requested PTO-1"), std::string::npos);
    EXPECT_NE(find("chat.postMessage", kManager, calls), nullptr);
    EXPECT_EQ(server.count("pto_requests"), 1);
}

// Time off said in a DM comes back as an offer with its button; said in a
// channel's mention it is not offered (the button would be anyone's).
TEST_F(PtoFlow, TimeOffSaidInADmIsOfferedAndInAMentionIsNot) {
    EXPECT_EQ(server
                  .post(signed_event(
                      dm_event(kAna, "off sick next monday to next wednesday", "Ev0E2EOFF1")))
                  .status,
              200u);
    ASSERT_TRUE(slack.wait_for_calls(1, 5s));
    const auto calls = slack.calls();
    const SlackCall* offer = find("chat.postMessage", std::string("D0") + kAna, calls);
    ASSERT_NE(offer, nullptr);
    EXPECT_NE(offer->body["text"].get<std::string>().find("of sick leave for"), std::string::npos);
    EXPECT_EQ(offer->body["blocks"].back()["elements"][0]["text"]["text"], "Record it");

    const json mention = mention_event(kAna, "<@U0BOT> off sick next monday to next wednesday",
                                       "Ev0E2EOFF2", "1700000600.000100");
    EXPECT_EQ(server.post(signed_event(mention)).status, 200u);
    const std::string in_channel = first_message_to("C0GENERAL");
    ASSERT_FALSE(in_channel.empty());
    EXPECT_FALSE(contains(in_channel, "Shall I")) << in_channel;
    EXPECT_EQ(server.count("pto_requests"), 0);
}

// "Who's out?" in a DM is answered from the calendar; in a channel's
// mention it is not: who is out on which leave is not the channel's.
TEST_F(PtoFlow, WhoIsOutIsAnsweredInADmAndNotInAMention) {
    EXPECT_EQ(server.post(signed_event(dm_event(kAna, "who's out today?", "Ev0E2EWHO1"))).status,
              200u);
    EXPECT_CONTAINS(first_message_to(std::string("D0") + kAna), "Nobody is out");

    const json mention =
        mention_event(kAna, "<@U0BOT> who's out today?", "Ev0E2EWHO2", "1700000700.000100");
    EXPECT_EQ(server.post(signed_event(mention)).status, 200u);
    const std::string in_channel = first_message_to("C0GENERAL");
    ASSERT_FALSE(in_channel.empty());
    EXPECT_FALSE(contains(in_channel, "Nobody is out")) << in_channel;
}

}  // namespace
