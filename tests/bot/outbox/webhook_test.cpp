#include "bot/outbox/webhook.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "storage/outbox.hpp"
#include "tests/support/fake_slack.hpp"
#include "tests/support/outbox_process.hpp"

namespace {

using core::Message;
using storage::outbox::Row;
using testing_support::eventually;
using testing_support::FakeSlack;
using testing_support::OutboxProcess;
using testing_support::SlackCall;
using testing_support::SlackFailure;
using namespace std::chrono_literals;

// What a receiver computes to check a delivery: OpenSSL's one-shot HMAC,
// independent of the bot's own code.
std::string receiver_signature(const std::string& secret, const std::string& body) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest, &length);
    std::string hex;
    char pair[3];
    for (unsigned int i = 0; i < length; ++i) {
        std::snprintf(pair, sizeof pair, "%02x", digest[i]);
        hex += pair;
    }
    return "sha256=" + hex;
}

TEST(WebhookSignature, IsTheLowerHexHmacSha256OfTheBody) {
    // RFC 4231, test case 2.
    EXPECT_EQ(bot::webhook_signature("Jefe", "what do ya want for nothing?"),
              "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(WebhookSignature, HeadersNameTheDeliveryAndSignOnlyWithASecret) {
    using Headers = std::vector<bot::slack::WebClient::Header>;
    EXPECT_EQ(bot::webhook_headers(42, "", "{}"),
              (Headers{{"Content-Type", "application/json"}, {"X-Sitelead-Delivery", "42"}}));
    EXPECT_EQ(bot::webhook_headers(42, "k", "{}"),
              (Headers{{"Content-Type", "application/json"},
                       {"X-Sitelead-Delivery", "42"},
                       {"X-Sitelead-Signature", receiver_signature("k", "{}")}}));
}

TEST(WebhookSignature, TheLogShowsAWebhookOnlyUpToItsHost) {
    Row row;
    row.method = storage::outbox::kWebhookMethod;
    row.recipient = "https://hooks.example:8443/services/T1/B2/s3cr3t?key=k";
    EXPECT_EQ(bot::logged_recipient(row), "webhook https://hooks.example:8443");
    row.recipient = "https://hooks.example?key=k";
    EXPECT_EQ(bot::logged_recipient(row), "webhook https://hooks.example");
    row.method = "chat.postMessage";
    row.recipient = "C1";
    EXPECT_EQ(bot::logged_recipient(row), "C1");
}

class WebhookDeliveryTest : public testing_support::OutboxFixture {
protected:
    WebhookDeliveryTest() { cfg.webhook_secret = "hook-secret"; }

    Message ticket(const std::string& id) const {
        Message m = Message::webhook(receiver.hook_url("tickets"),
                                     R"({"ticket":")" + id + R"(","state":"open"})");
        m.subject = id;
        return m;
    }
    // Ticket `id`'s webhook once it has come to `state`, after the failures
    // scripted for it.
    Row delivered(const std::string& id, const std::string& state = "sent") {
        OutboxProcess process(cfg, tmp);
        const auto ids = process.enqueue({ticket(id)});
        EXPECT_TRUE(eventually(state_is(ids[0], state)));
        return row(ids[0]);
    }

    FakeSlack& receiver = slack;  // Slack's stand-in also takes webhooks
};

TEST_F(WebhookDeliveryTest, ArrivesAsAPostOfTheDocumentSignedWithTheSecret) {
    const Row sent = delivered("OFC-3");
    const auto calls = receiver.calls();
    ASSERT_EQ(calls.size(), 1u);
    const SlackCall& call = calls[0];
    EXPECT_EQ(call.path, "/hooks/tickets");
    EXPECT_EQ(call.raw_body, R"({"ticket":"OFC-3","state":"open"})");
    EXPECT_EQ(call.header("content-type"), "application/json");
    EXPECT_EQ(call.header("x-sitelead-delivery"), std::to_string(sent.id));
    EXPECT_EQ(call.header("x-sitelead-signature"),
              receiver_signature("hook-secret", call.raw_body));
    EXPECT_EQ(call.header("authorization"), "");  // the Slack token stays with Slack
    EXPECT_EQ(sent.attempts, 1);
    EXPECT_EQ(sent.slack_channel, "");
    EXPECT_EQ(sent.slack_ts, "");
}

TEST_F(WebhookDeliveryTest, AServerErrorIsRetriedUnderTheSameDeliveryId) {
    receiver.fail_next(2, SlackFailure::server_error(500));
    const Row sent = delivered("OFC-4");
    const auto calls = receiver.calls();
    ASSERT_EQ(calls.size(), 3u);
    for (const auto& call : calls) {
        EXPECT_EQ(call.header("x-sitelead-delivery"), std::to_string(sent.id));
        EXPECT_EQ(call.raw_body, calls[0].raw_body);
        EXPECT_EQ(call.header("x-sitelead-signature"),
                  receiver_signature("hook-secret", call.raw_body));
    }
    EXPECT_EQ(sent.attempts, 3);
    EXPECT_EQ(sent.last_error, "HTTP 500");
}

TEST_F(WebhookDeliveryTest, AClientErrorParksTheRowAsDeadAtOnce) {
    testing_support::QuietLog quiet;
    receiver.fail_next(1, SlackFailure::http_status(410));
    const Row dead = delivered("OFC-5", "dead");
    EXPECT_EQ(dead.attempts, 1);
    EXPECT_EQ(dead.last_error, "HTTP 410");
    EXPECT_EQ(receiver.call_count(), 1u);
}

TEST_F(WebhookDeliveryTest, GivesUpAfterTheSlackRowsMaximumOfAttempts) {
    testing_support::QuietLog quiet;
    cfg.slack.max_attempts = 2;
    receiver.fail_next(5, SlackFailure::server_error(503));
    const Row dead = delivered("OFC-6", "dead");
    EXPECT_EQ(dead.attempts, 2);
    EXPECT_EQ(dead.last_error, "gave up after 2 attempts; last error: HTTP 503");
}

TEST_F(WebhookDeliveryTest, GoesOutWithoutASlackTokenWhileSlackMessagesGoToTheLog) {
    cfg.slack.bot_token.clear();
    cfg.webhook_secret.clear();
    OutboxProcess process(cfg, tmp);
    const auto ids = process.enqueue({Message::dm("U1", "you filed OFC-7"), ticket("OFC-7")});
    ASSERT_TRUE(eventually(state_is(ids[0], "sent")));
    ASSERT_TRUE(eventually(state_is(ids[1], "sent")));

    EXPECT_EQ(row(ids[0]).slack_ts, "local." + std::to_string(ids[0]));
    const auto calls = receiver.calls();
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].path, "/hooks/tickets");
    EXPECT_EQ(calls[0].header("x-sitelead-delivery"), std::to_string(ids[1]));
    EXPECT_EQ(calls[0].header("x-sitelead-signature"), "");  // no secret: unsigned
}

TEST_F(WebhookDeliveryTest, RowsToOneUrlGoInIdOrderEvenWhenTheFirstIsRetried) {
    receiver.fail_next(1, SlackFailure::server_error(502));
    OutboxProcess process(cfg, tmp);
    const auto ids = process.enqueue({ticket("OFC-8"), ticket("OFC-9")});
    ASSERT_TRUE(eventually(state_is(ids[1], "sent")));

    std::vector<std::string> order;
    for (const auto& call : receiver.calls()) order.push_back(call.header("x-sitelead-delivery"));
    const std::string first = std::to_string(ids[0]), second = std::to_string(ids[1]);
    EXPECT_EQ(order, (std::vector<std::string>{first, first, second}));
}

TEST_F(WebhookDeliveryTest, ARateLimitedWebhookWaitsRetryAfterWithoutHoldingSlackBack) {
    receiver.fail_next(1, SlackFailure::rate_limited(1));
    OutboxProcess process(cfg, tmp);
    const auto hook = process.enqueue({ticket("OFC-10")});
    ASSERT_TRUE(receiver.wait_for_calls(1, 10s));
    const auto dm = process.enqueue({Message::dm("U1", "meanwhile")});
    ASSERT_TRUE(eventually(state_is(dm[0], "sent")));
    EXPECT_EQ(row(hook[0]).state, "pending");  // still waiting out its second
    ASSERT_TRUE(eventually(state_is(hook[0], "sent")));

    const auto calls = receiver.calls();
    ASSERT_EQ(calls.size(), 3u);
    EXPECT_GE(calls[2].at - calls[0].at, 900ms);
}

TEST_F(WebhookDeliveryTest, WarnsOnceAtStartUpOfAWebhookWithoutASecretAndNeverLogsOne) {
    cfg.office.webhook_url = receiver.hook_url("tickets");
    cfg.webhook_secret.clear();
    std::string unsigned_log, signed_log;
    {
        testing_support::CapturedLog log;
        delivered("OFC-11");
        unsigned_log = log.text();
    }
    cfg.webhook_secret = "hook-secret";
    {
        testing_support::CapturedLog log;
        receiver.fail_next(1, SlackFailure::server_error(500));
        delivered("OFC-12");
        signed_log = log.text();
    }
    const std::string warning = "SITELEAD_WEBHOOK_SECRET is not set";
    const auto first = unsigned_log.find(warning);
    ASSERT_NE(first, std::string::npos) << unsigned_log;
    EXPECT_EQ(unsigned_log.find(warning, first + 1), std::string::npos) << unsigned_log;
    EXPECT_EQ(signed_log.find(warning), std::string::npos) << signed_log;
    EXPECT_EQ(signed_log.find("hook-secret"), std::string::npos) << signed_log;
    EXPECT_EQ(signed_log.find("/hooks/"), std::string::npos)
        << signed_log;  // URL shown to its host
    EXPECT_NE(signed_log.find("attempt 1 failed (HTTP 500)"), std::string::npos) << signed_log;
}

}  // namespace
