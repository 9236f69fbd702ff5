// The FAQ end to end: the real server, its FAQ seeded from config/faq.json at
// start-up, signed requests over HTTP, the outbox delivering to a fake Slack.
// The test site is neither Lisbon nor London, so it sees the company-wide
// entries only.

#include <gtest/gtest.h>

#include "tests/support/outbox_process.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/slack_flow.hpp"
#include "tests/support/slack_requests.hpp"

namespace {

using namespace testing_support;
using namespace std::chrono_literals;
using nlohmann::json;

struct FaqFlow : ::testing::Test {
    FakeSlack slack;
    TestServer server{TestServerOptions{
        {{"slack", {{"api_base_url", slack.base_url()}}},
         {"faq", {{"seed_file", (source_dir() / "config" / "faq.json").string()}}}},
        "xoxb-e2e-token",
        core::system_clock()}};

    std::vector<SlackCall> posts_to(const std::string& channel) {
        std::vector<SlackCall> out;
        for (const auto& c : slack.calls())
            if (c.method == "chat.postMessage" && c.body.value("channel", "") == channel)
                out.push_back(c);
        return out;
    }
};

TEST_F(FaqFlow, AskedByCommandDmAndMentionAndAnUnknownOneAnsweredByTheSiteLead) {
    const auto by_command =
        server.post(signed_slash("/faq", "how do i get on the vpn from home", kAna));
    ASSERT_EQ(by_command.status, 200u);
    EXPECT_NE(by_command.json().value("text", "").find("*How do I connect to the VPN from home?*"),
              std::string::npos)
        << by_command.body;

    ASSERT_EQ(
        server
            .post(signed_event(dm_event(kAna, "where can i charge my electric car?", "Ev0FAQDM1")))
            .status,
        200u);
    json mention = {{"type", "event_callback"},
                    {"event_id", "Ev0FAQMENTION1"},
                    {"event",
                     {{"type", "app_mention"},
                      {"user", kBen},
                      {"text", "<@U0BOT> how do i print or scan something?"},
                      {"ts", "1700000600.000300"},
                      {"channel", "C0GENERAL"}}}};
    ASSERT_EQ(server.post(signed_event(mention)).status, 200u);
    ASSERT_TRUE(eventually([&] {
        return !posts_to(std::string("D0") + kAna).empty() && !posts_to("C0GENERAL").empty();
    }));
    EXPECT_NE(posts_to(std::string("D0") + kAna)[0].body["text"].get<std::string>().find("charge"),
              std::string::npos);
    const auto in_thread = posts_to("C0GENERAL")[0];
    EXPECT_EQ(in_thread.body["thread_ts"], "1700000600.000300");
    EXPECT_NE(in_thread.body["text"].get<std::string>().find("print"), std::string::npos);
    EXPECT_EQ(server.count("faq_questions"), 0);

    const auto unknown = server.post(signed_slash("/faq", "what is the capital of peru", kBen));
    EXPECT_NE(unknown.json().value("text", "").find("I don't know that yet"), std::string::npos);
    ASSERT_TRUE(eventually([&] { return !posts_to(kLead).empty(); }));
    EXPECT_NE(posts_to(kLead)[0].body["text"].get<std::string>().find("/faq answer Q-1"),
              std::string::npos);
    const auto answered = server.post(signed_slash("/faq", "answer Q-1 Lima --add", kLead));
    EXPECT_NE(answered.json().value("text", "").find("Added to the FAQ as FAQ-66"),
              std::string::npos)
        << answered.body;
    ASSERT_TRUE(eventually([&] { return !posts_to(kBen).empty(); }));
    EXPECT_NE(posts_to(kBen)[0].body["text"].get<std::string>().find("answered your question"),
              std::string::npos);
    EXPECT_EQ(server.count("faq_entries"), 66);
}

}  // namespace
