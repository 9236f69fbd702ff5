// Office tickets end to end: the real server on a loopback port, signed
// requests over HTTP, the outbox worker delivering to a fake Slack Web API.
// Each flow checks the reply, the rows, that the triage post in the BizOps
// channel (C0BIZOPS) was edited in place with a line in its thread, and the
// requester's and followers' DMs.

#include <gtest/gtest.h>

#include <thread>

#include "tests/support/outbox_process.hpp"
#include "tests/support/slack_flow.hpp"
#include "tests/support/slack_requests.hpp"

namespace {

using namespace testing_support;
using namespace std::chrono_literals;
using nlohmann::json;

constexpr const char* kChannel = "C0BIZOPS";

struct OfficeFlow : SlackFlow {
    // The triage post of the only ticket, once delivered.
    SlackCall triage_post() {
        EXPECT_TRUE(
            eventually([&] { return !calls_to("chat.postMessage", kChannel).empty(); }, 5s));
        return calls_to("chat.postMessage", kChannel).at(0);
    }
    // The ts Slack gave the triage post, as every edit names it.
    std::string post_ts() {
        const auto edits = calls_to("chat.update", kChannel);
        return edits.empty() ? std::string("?") : edits.front().body.value("ts", "");
    }
    // A button on the triage post, pressed by `user`.
    HttpResult press_on_post(const std::string& user, const std::string& action,
                             const std::string& value, const SlackCall&) {
        json press = button_press(user, action, value);
        press["container"]["message_ts"] = "1700000001.000100";
        press["container"]["channel_id"] = kChannel;
        press["channel"]["id"] = kChannel;
        return server.post(signed_action(press));
    }
    // Waits for `n` edits of the triage post and as many thread lines, all
    // addressed to that one post: it is edited in place.
    void expect_edits(std::size_t n, const SlackCall&) {
        ASSERT_TRUE(eventually(
            [&] {
                return calls_to("chat.update", kChannel).size() >= n && thread_lines().size() >= n;
            },
            5s))
            << "edits: " << calls_to("chat.update", kChannel).size();
        for (const auto& edit : calls_to("chat.update", kChannel))
            EXPECT_EQ(edit.body["ts"], post_ts());
        for (const auto& c : calls_to("chat.postMessage", kChannel)) {
            if (c.body.contains("thread_ts")) {
                EXPECT_EQ(c.body["thread_ts"], post_ts());
            }
        }
    }
    // The lines in the triage post's thread.
    std::vector<std::string> thread_lines() {
        std::vector<std::string> out;
        for (const auto& c : calls_to("chat.postMessage", kChannel))
            if (c.body.contains("thread_ts")) out.push_back(c.body.value("text", ""));
        return out;
    }
    std::string last_text_to(const std::string& user) {
        const auto calls = calls_to("chat.postMessage", user);
        return calls.empty() ? std::string() : calls.back().body.value("text", "");
    }
    std::string buttons_of(const SlackCall& c) {
        std::string out;
        if (!c.body.contains("blocks")) return out;
        for (const auto& b : c.body["blocks"])
            if (b.value("type", "") == "actions")
                for (const auto& e : b["elements"]) out += e.value("value", "") + ";";
        return out;
    }
};

TEST_F(OfficeFlow, FiledByCommandAcknowledgedByButtonAssignedCommentedResolvedAndFixed) {
    const auto filed =
        reply_text(server.post(signed_slash("/office", "the kitchen sink is leaking", kAna)));
    EXPECT_NE(filed.find("Filed OFC-1: the kitchen sink is leaking"), std::string::npos) << filed;
    EXPECT_NE(filed.find("Facilities · 🔴 urgent · BizOps is due to respond by"), std::string::npos)
        << filed;
    const SlackCall post = triage_post();
    EXPECT_EQ(buttons_of(post), "office ack OFC-1;office resolve OFC-1;");
    EXPECT_EQ(server.count("tickets", "status = 'open' AND priority = 'urgent'"), 1);

    // Acknowledged by the post's button.
    EXPECT_EQ(press_on_post(kBizops, "ofc.ack", "office ack OFC-1", post).status, 200u);
    expect_edits(1, post);
    EXPECT_EQ(buttons_of(calls_to("chat.update", kChannel).back()), "office resolve OFC-1;");
    EXPECT_NE(thread_lines().back().find("is on it"), std::string::npos);
    ASSERT_TRUE(eventually([&] { return !last_text_to(kAna).empty(); }, 5s));
    EXPECT_NE(last_text_to(kAna).find("of BizOps is on OFC-1"), std::string::npos);
    EXPECT_EQ(server.count("tickets", "status = 'acknowledged' AND assignee = 'U0BIZ'"), 1);

    // Given to the site lead, who is asked too; commented by the requester.
    reply_text(server.post(signed_slash("/office", "assign OFC-1 <@U0LEAD|lena>", kBizops)));
    expect_edits(2, post);
    EXPECT_TRUE(eventually(
        [&] { return last_text_to(kLead).find("gave you OFC-1") != std::string::npos; }, 5s));
    reply_text(server.post(signed_slash("/office", "comment OFC-1 it's under the sink", kAna)));
    expect_edits(3, post);
    EXPECT_NE(thread_lines().back().find("it's under the sink"), std::string::npos);

    // Resolved: Ana is asked, with buttons; Fixed closes it and replaces them.
    const auto resolved =
        reply_text(server.post(signed_slash("/office", "resolve OFC-1 new seal", kLead)));
    EXPECT_NE(resolved.find("Resolved OFC-1"), std::string::npos) << resolved;
    expect_edits(4, post);
    ASSERT_TRUE(eventually(
        [&] { return last_text_to(kAna).find("Is it fixed?") != std::string::npos; }, 5s));
    const SlackCall ask = calls_to("chat.postMessage", kAna).back();
    EXPECT_EQ(buttons_of(ask), "office fixed OFC-1;office broken OFC-1;");

    EXPECT_EQ(
        server.post(signed_action(button_press(kAna, "ofc.fixed", "office fixed OFC-1"))).status,
        200u);
    expect_edits(5, post);
    ASSERT_TRUE(
        eventually([&] { return !calls_to("chat.update", "D" + std::string(kAna)).empty(); }, 5s));
    EXPECT_FALSE(has_buttons(calls_to("chat.update", "D" + std::string(kAna)).back()));
    EXPECT_EQ(buttons_of(calls_to("chat.update", kChannel).back()), "office reopen OFC-1;");
    EXPECT_EQ(server.count("tickets", "status = 'closed'"), 1);
    EXPECT_EQ(server.count("audit_trail", "kind = 'OFC' AND action = 'closed' AND note = 'fixed'"),
              1);
}

TEST_F(OfficeFlow, StillBrokenReopensWithThePriorityKeptAndFollowersHearOfIt) {
    reply_text(server.post(signed_slash("/office", "printer on 3F jammed !high", kAna)));
    const SlackCall post = triage_post();
    // Ben's report repeats it: he is offered to follow, and follows by button.
    const auto offer =
        server.post(signed_slash("/office", "the 3rd floor printer is jammed again", kBen));
    EXPECT_NE(reply_text(offer).find("This looks like OFC-1"), std::string::npos);
    EXPECT_EQ(server.count("tickets"), 1);
    server.post(signed_action(button_press(kBen, "ofc.follow", "office follow OFC-1")));
    ASSERT_TRUE(eventually([&] { return thread_lines().size() == 1; }, 5s));
    EXPECT_EQ(server.count("ticket_followers", "person = 'U0BEN'"), 1);

    reply_text(server.post(signed_slash("/office", "resolve OFC-1", kBizops)));
    ASSERT_TRUE(eventually(
        [&] { return last_text_to(kBen).find("resolved OFC-1") != std::string::npos; }, 5s));
    server.post(signed_action(button_press(kAna, "ofc.broken", "office broken OFC-1")));
    ASSERT_TRUE(eventually(
        [&] { return last_text_to(kBen).find("still broken") != std::string::npos; }, 5s));
    EXPECT_EQ(server.count("tickets", "status = 'open' AND priority = 'high'"), 1);
    EXPECT_TRUE(eventually(
        [&] {
            return buttons_of(calls_to("chat.update", kChannel).back()) ==
                   "office ack OFC-1;office resolve OFC-1;";
        },
        5s));
    EXPECT_TRUE(eventually(
        [&] { return last_text_to(kBizops).find("still broken") != std::string::npos; }, 5s));
}

TEST_F(OfficeFlow, ADmWithAPhotoKeepsItsLinkWithTheTicket) {
    json event = dm_event(kAna, "office the 3F printer is jammed", "Ev0PHOTO1");
    event["event"]["subtype"] = "file_share";
    event["event"]["files"] = {{{"id", "F0JAM"},
                                {"name", "jam.jpg"},
                                {"permalink", "https://t.slack.com/files/U0ANA/F0JAM/jam.jpg"}}};
    EXPECT_EQ(server.post(signed_event(event)).status, 200u);
    const SlackCall post = triage_post();
    EXPECT_NE(post.body["blocks"].dump().find("F0JAM/jam.jpg|photo"), std::string::npos);
    EXPECT_EQ(server.count("tickets", "photo = 'https://t.slack.com/files/U0ANA/F0JAM/jam.jpg'"),
              1);
    ASSERT_TRUE(eventually([&] { return !last_text_to(std::string("D0") + kAna).empty(); }, 5s));
    EXPECT_NE(last_text_to(std::string("D0") + kAna).find("The photo is attached"),
              std::string::npos);
}

TEST_F(OfficeFlow, AMentionIsFiledAndAnsweredInItsThread) {
    const json mention = mention_event(kBen, "<@U0BOT> the kitchen sink is leaking", "Ev0MENTION1",
                                       "1700000500.000200");
    EXPECT_EQ(server.post(signed_event(mention)).status, 200u);
    triage_post();
    ASSERT_TRUE(eventually([&] { return !calls_to("chat.postMessage", "C0GENERAL").empty(); }, 5s));
    const auto answer = calls_to("chat.postMessage", "C0GENERAL").at(0);
    EXPECT_EQ(answer.body["thread_ts"], "1700000500.000200");
    EXPECT_NE(answer.body["text"].get<std::string>().find("Filed OFC-1"), std::string::npos);
    EXPECT_EQ(server.count("tickets", "requester = 'U0BEN' AND category = 'facilities'"), 1);
}

}  // namespace
