// The office webhook end to end: a ticket filed and acknowledged over HTTP
// reaches a receiving test server as the documented JSON document (config/
// README.md, Webhooks), signed with HMAC-SHA256 over its body; a 500 is
// tried again under the same delivery id.

#include <gtest/gtest.h>

#include "bot/hmac.hpp"
#include "tests/support/fake_slack.hpp"
#include "tests/support/outbox_process.hpp"
#include "tests/support/test_server.hpp"

namespace {

using namespace testing_support;
using namespace std::chrono_literals;
using nlohmann::json;

constexpr const char* kSecret = "whsec-e2e-office";

struct OfficeWebhook : ::testing::Test {
    FakeSlack slack;
    FakeSlack receiver;  // the outside system: only webhooks arrive here
    TestServer server{
        TestServerOptions{{{"slack", {{"api_base_url", slack.base_url()}}},
                           {"office", {{"webhook_url", receiver.hook_url("tickets")}}}},
                          "xoxb-e2e-token",
                          core::system_clock(),
                          kSecret}};

    static void expect_signed(const SlackCall& c) {
        EXPECT_EQ(c.path, "/hooks/tickets");
        EXPECT_EQ(c.header("content-type"), "application/json");
        EXPECT_EQ(c.header("x-sitelead-signature"),
                  "sha256=" + bot::hmac_sha256_hex(kSecret, {c.raw_body}));
    }
};

TEST_F(OfficeWebhook, EveryNewTicketAndChangeArrivesSignedAsDocumentedAndA500IsRetried) {
    receiver.fail_next(1, SlackFailure::server_error(500));
    const auto filed =
        server.post(signed_slash("/office", "the kitchen sink is leaking #facilities", kAna));
    ASSERT_EQ(filed.status, 200u);
    ASSERT_TRUE(receiver.wait_for_calls(2, 10s));  // the 500, then the retry
    const auto calls = receiver.calls();
    expect_signed(calls[1]);
    EXPECT_EQ(calls[0].raw_body, calls[1].raw_body);
    EXPECT_FALSE(calls[1].header("x-sitelead-delivery").empty());
    EXPECT_EQ(calls[0].header("x-sitelead-delivery"), calls[1].header("x-sitelead-delivery"));

    const json doc = calls[1].body;
    EXPECT_EQ(doc["event"], "ticket.created");
    EXPECT_EQ(doc["actor"], kAna);
    EXPECT_EQ(doc["note"], "");
    EXPECT_TRUE(doc["at"].get<std::string>().ends_with("Z"));
    const json& t = doc["ticket"];
    EXPECT_EQ(t["id"], "OFC-1");
    EXPECT_EQ(t["site"], "office");
    EXPECT_EQ(t["status"], "open");
    EXPECT_EQ(t["category"], "facilities");
    EXPECT_EQ(t["priority"], "urgent");
    EXPECT_EQ(t["description"], "the kitchen sink is leaking");
    EXPECT_EQ(t["requester"], kAna);
    EXPECT_EQ(t["assignee"], "");
    EXPECT_EQ(t["photo"], "");
    EXPECT_TRUE(t["resembles"].is_null());
    EXPECT_EQ(t["due_at"].get<std::string>().size(), std::string("2026-12-02T09:30:00Z").size());
    // Exactly the documented keys, no more.
    std::vector<std::string> keys;
    for (const auto& [k, v] : doc.items()) keys.push_back(k);
    for (const auto& [k, v] : t.items()) keys.push_back("ticket." + k);
    EXPECT_EQ(keys, (std::vector<std::string>{"actor", "at", "event", "note", "ticket",
                                              "ticket.assignee", "ticket.category",
                                              "ticket.description", "ticket.due_at", "ticket.id",
                                              "ticket.photo", "ticket.priority", "ticket.requester",
                                              "ticket.resembles", "ticket.site", "ticket.status"}));

    server.post(signed_slash("/office", "resolve OFC-1 new seal", kBizops));
    ASSERT_TRUE(receiver.wait_for_calls(3, 10s));
    const SlackCall resolved = receiver.calls()[2];
    expect_signed(resolved);
    EXPECT_EQ(resolved.body["event"], "ticket.resolved");
    EXPECT_EQ(resolved.body["actor"], kBizops);
    EXPECT_EQ(resolved.body["note"], "new seal");
    EXPECT_EQ(resolved.body["ticket"]["status"], "resolved");
    EXPECT_EQ(resolved.body["ticket"]["assignee"], kBizops);
    EXPECT_NE(resolved.header("x-sitelead-delivery"), calls[1].header("x-sitelead-delivery"));
}

}  // namespace
