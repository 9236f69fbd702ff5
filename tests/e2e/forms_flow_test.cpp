// Forms and the Home tab end to end: the real server on a loopback port,
// signed requests over HTTP, the fake Slack receiving views.open (at once,
// with the request's trigger_id), chat.postMessage and views.publish.

#include <gtest/gtest.h>

#include <thread>

#include "bot/slack/requests.hpp"
#include "tests/support/slack_flow.hpp"

namespace {

using namespace testing_support;
using namespace std::chrono_literals;
using nlohmann::json;

struct FormsFlow : SlackFlow {
    // The modal Slack was asked to open with `trigger_id`, once it was.
    json opened(const std::string& trigger_id) {
        for (int i = 0; i < 250; ++i) {
            for (const auto& c : calls_of("views.open"))
                if (c.body.value("trigger_id", "") == trigger_id) return c.body["view"];
            std::this_thread::sleep_for(20ms);
        }
        ADD_FAILURE() << "no views.open with trigger " << trigger_id;
        return json::object();
    }
    HttpResult submit(const std::string& user, const json& view,
                      const std::map<std::string, std::string>& values,
                      const std::string& view_id = "V0E2E") {
        return server.post(
            signed_action(bot::slack::view_submission(user, view, values, view_id, "T123ABC456")));
    }
};

// The trigger_id of signed_slash's requests (Slack's own example).
constexpr const char* kSlashTrigger = "398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

TEST_F(FormsFlow, TheCommandOpensItsFormAndASubmissionRequestsWhatTheCommandWould) {
    const auto answer = server.post(signed_slash("/pto", "", kAna));
    EXPECT_EQ(answer.status, 200u);
    EXPECT_EQ(answer.body, "");
    const json view = opened(kSlashTrigger);
    EXPECT_EQ(view["callback_id"], "pto");

    // Picking the days shows, in place, what they come to.
    server.post(signed_action(
        bot::slack::view_change(kAna, view, {{"start", "2027-03-15"}, {"end", "2027-03-17"}}, "end",
                                "V0E2E", "T123ABC456")));
    for (int i = 0; i < 250 && calls_of("views.update").empty(); ++i)
        std::this_thread::sleep_for(20ms);
    const auto updates = calls_of("views.update");
    ASSERT_EQ(updates.size(), 1u);
    EXPECT_EQ(updates[0].body["view_id"], "V0E2E");
    EXPECT_EQ(updates[0].body["hash"], "1.local");
    EXPECT_NE(updates[0].body["view"].dump().find("3 working days"), std::string::npos);

    // Wrong: refused under the field, nothing saved or sent.
    const auto wrong =
        submit(kAna, view, {{"start", "2026-12-23"}, {"end", "2026-12-21"}, {"type", "vacation"}});
    EXPECT_EQ(wrong.status, 200u);
    EXPECT_EQ(wrong.json()["response_action"], "errors");
    EXPECT_NE(wrong.json()["errors"]["end"].get<std::string>().find("before the first"),
              std::string::npos);
    EXPECT_EQ(server.count("pto_requests"), 0);

    const std::map<std::string, std::string> values{{"start", "2027-03-15"},
                                                    {"end", "2027-03-17"},
                                                    {"type", "vacation"},
                                                    {"reason", "spring break"}};
    const auto done = submit(kAna, view, values);
    EXPECT_EQ(done.json()["response_action"], "clear");
    // Slack sends it again: one request, the same answer.
    const auto again = submit(kAna, view, values);
    EXPECT_EQ(again.body, done.body);
    ASSERT_TRUE(slack.wait_for_calls(3, 5s));  // views.open, Ana's answer, the manager's ask
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(server.count("pto_requests",
                           "start_date = '2027-03-15' AND end_date = "
                           "'2027-03-17' AND reason = 'spring break'"),
              1);
    EXPECT_EQ(calls_to("chat.postMessage", kManager).size(), 1u);
    const auto told = calls_to("chat.postMessage", kAna);
    ASSERT_EQ(told.size(), 1u);
    EXPECT_NE(told[0].body["text"].get<std::string>().find("Requested PTO-1"), std::string::npos);
}

TEST_F(FormsFlow, EachCommandOpensItsOwnFormWithItsOwnTrigger) {
    for (const std::string command : {"/pto", "/expense", "/office"}) {
        bot::slack::SlashCommand cmd;
        cmd.user_id = kAna;
        cmd.command = command;
        cmd.trigger_id = "1000.2000.trigger" + command.substr(1);
        const auto answer =
            server.post(sign(std::string(bot::slack::kFormType), bot::slack::slash_body(cmd)));
        EXPECT_EQ(answer.status, 200u);
        EXPECT_EQ(opened(cmd.trigger_id)["callback_id"], command.substr(1));
    }
    // Slack refuses a trigger that expired: nothing changes, the failure is counted.
    slack.fail_next(1, SlackFailure::ok_false("expired_trigger_id"));
    server.post(signed_slash("/office", "", kAna));
    for (int i = 0; i < 250; ++i) {
        if (server.get("/metrics").body.find("sitelead_views_failed_total 1") != std::string::npos)
            break;
        std::this_thread::sleep_for(20ms);
    }
    EXPECT_NE(server.get("/metrics").body.find("sitelead_views_failed_total 1"), std::string::npos);
    EXPECT_EQ(server.count("tickets"), 0);
}

TEST_F(FormsFlow, DenyByModalReachesTheRequesterWithTheReason) {
    reply_text(server.post(signed_slash("/pto", "dec 28 personal", kAna)));
    ASSERT_TRUE(slack.wait_for_calls(1, 5s));
    json press = button_press(kManager, "pto.deny", "deny PTO-1");
    press["trigger_id"] = "1234.5678.deny";
    EXPECT_EQ(server.post(signed_action(press)).status, 200u);
    const json view = opened("1234.5678.deny");
    EXPECT_EQ(view["private_metadata"], "PTO-1");

    const auto done = submit(kManager, view, {{"reason", "we are short-staffed that day"}});
    EXPECT_EQ(done.json()["response_action"], "clear");
    for (int i = 0; i < 250 && calls_to("chat.postMessage", kAna).empty(); ++i)
        std::this_thread::sleep_for(20ms);
    const auto told = calls_to("chat.postMessage", kAna);
    ASSERT_EQ(told.size(), 1u);
    EXPECT_NE(told[0].body["text"].get<std::string>().find("we are short-staffed that day"),
              std::string::npos);
    EXPECT_EQ(server.count("pto_requests", "status = 'denied'"), 1);
}

TEST_F(FormsFlow, TheHomeTabIsPublishedWhenOpenedAndAfterAChange) {
    EXPECT_EQ(server.post(signed_event(bot::slack::home_opened_event(kAna, "Ev0HOME1"))).status,
              200u);
    ASSERT_TRUE(slack.wait_for_calls(1, 5s));
    const auto first = calls_of("views.publish");
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].body["user_id"], kAna);
    EXPECT_EQ(first[0].body["view"]["type"], "home");
    const std::string before = first[0].body["view"].dump();
    EXPECT_NE(before.find("Request time off"), std::string::npos);

    // A request changes her tab: published again, a moment later, showing it.
    reply_text(server.post(signed_slash("/pto", "dec 28 personal", kAna)));
    for (int i = 0; i < 250 && calls_of("views.publish").size() < 3; ++i)
        std::this_thread::sleep_for(20ms);
    std::string ana, manager;
    for (const auto& c : calls_of("views.publish")) {
        if (c.body["user_id"] == kAna) ana = c.body["view"].dump();
        if (c.body["user_id"] == kManager) manager = c.body["view"].dump();
    }
    EXPECT_NE(ana.find("PTO-1"), std::string::npos) << ana;
    EXPECT_NE(manager.find("approve PTO-1"), std::string::npos) << manager;
}

}  // namespace
