// Slack status while away, over HTTP: sick leave recorded today sets the
// requester's status through the outbox, with the user token (never the
// bot's), until the end of the day in the site's zone. The server's clock
// is fixed on Monday 2026-12-07 13:00 in Berlin.

#include <gtest/gtest.h>

#include <thread>

#include "tests/support/fake_slack.hpp"
#include "tests/support/outbox_process.hpp"
#include "tests/support/test_server.hpp"

namespace {

using namespace testing_support;
using namespace std::chrono_literals;

constexpr std::int64_t kMonday = 1796644800;  // 2026-12-07T12:00:00Z, 13:00 in Berlin

TEST(SlackStatusOverHttp, SickLeaveTodaySetsTheStatusWithTheUserToken) {
    FakeSlack slack;
    TestServer server{TestServerOptions{
        .patch = {{"slack", {{"api_base_url", slack.base_url()}}},
                  {"pto", {{"slack_status", true}}}},
        .bot_token = "xoxb-e2e-bot",
        .clock =
            [] { return std::chrono::system_clock::time_point(std::chrono::seconds(kMonday)); },
        .user_token = "xoxp-e2e-user",
    }};
    const auto r = server.post(signed_slash("/pto", "today sick", kAna, kMonday));
    ASSERT_EQ(r.status, 200u) << r.body;
    EXPECT_NE(r.json().value("text", "").find("Recorded PTO-1"), std::string::npos) << r.body;

    std::vector<SlackCall> calls;
    const SlackCall* status = nullptr;
    for (int i = 0; i < 250 && !status; ++i) {
        std::this_thread::sleep_for(20ms);
        calls = slack.calls();
        for (const auto& c : calls)
            if (c.method == "users.profile.set") status = &c;
    }
    ASSERT_TRUE(status) << "no users.profile.set among " << calls.size() << " calls";
    EXPECT_EQ(status->header("authorization"), "Bearer xoxp-e2e-user");
    EXPECT_EQ(status->status, 200u);
    EXPECT_EQ(status->body["user"], kAna);
    // Until Tuesday 00:00 in Berlin.
    EXPECT_EQ(status->body["profile"], nlohmann::json({{"status_text", "Out of office"},
                                                       {"status_emoji", ":palm_tree:"},
                                                       {"status_expiration", 1796684400}}));
    for (const auto& c : slack.calls()) {
        if (c.method != "users.profile.set") {
            EXPECT_EQ(c.header("authorization"), "Bearer xoxb-e2e-bot") << c.method;
        }
    }
    // Recorded once Slack's answer is back and committed.
    EXPECT_TRUE(eventually([&] {
        return server.count("outbox", "method = 'users.profile.set' AND state = 'sent'") == 1;
    }));
}

}  // namespace
