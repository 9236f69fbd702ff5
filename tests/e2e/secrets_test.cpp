// Secrets stay secret: the real binary at log level trace takes a flow of
// every workflow (PTO, expenses, an office ticket with its webhook, the FAQ
// and a form) by slash command, DM, button and modal, delivers its messages
// to the fake Slack and its webhooks, and is asked for /metrics. Neither the
// log nor /metrics may hold the signing secret, the bot token, the webhook
// secret, any request's signature or any request's whole body.

#include <gtest/gtest.h>

#include <signal.h>

#include <fstream>
#include <string>
#include <vector>

#include "bot/slack/form.hpp"
#include "tests/support/bot_process.hpp"
#include "tests/support/fake_slack.hpp"
#include "tests/support/site.hpp"
#include "tests/support/slack_requests.hpp"

namespace {

using namespace testing_support;
using namespace std::chrono_literals;
using nlohmann::json;

constexpr const char* kLogSigningSecret = "sign-s3cr3t-5a9f0e7d1c";
constexpr const char* kLogBotToken = "xoxb-t0ken-7182818284";
constexpr const char* kLogWebhookSecret = "whsec-h00k-3141592653";
constexpr const char* kLogUserToken = "xoxp-us3r-1618033988";

class SecretsFlow {
public:
    explicit SecretsFlow(unsigned short port) : port_(port) {}

    HttpResult slash(const std::string& user, const std::string& command, const std::string& text) {
        return post("application/x-www-form-urlencoded",
                    "team_id=T1&team_domain=test&channel_id=C1&user_id=" + user +
                        "&command=" + bot::slack::form_encode(command) +
                        "&text=" + bot::slack::form_encode(text) + "&trigger_id=1.2.3");
    }
    HttpResult action(const json& payload) {
        return post("application/x-www-form-urlencoded",
                    "payload=" + bot::slack::form_encode(payload.dump()));
    }
    HttpResult event(const json& envelope) { return post("application/json", envelope.dump()); }

    const std::vector<std::string>& signatures() const { return signatures_; }
    const std::vector<std::string>& bodies() const { return bodies_; }

private:
    HttpResult post(const std::string& type, const std::string& body) {
        const SlackRequest req = sign(type, body, unix_now(), kLogSigningSecret);
        for (const auto& [name, value] : req.headers)
            if (name == "X-Slack-Signature") signatures_.push_back(value);
        bodies_.push_back(body);
        const HttpResult r = post_slack(port_, req);
        EXPECT_EQ(r.status, 200u) << body << "\n" << r.body;
        return r;
    }
    unsigned short port_;
    std::vector<std::string> signatures_, bodies_;
};

TEST(Secrets, NoSecretSignatureOrWholeBodyReachesTheLogOrMetricsAtTraceLevel) {
    FakeSlack slack;
    const TempDir dir("sitelead-secrets");
    auto cfg = site_json();
    cfg["log_level"] = "trace";
    cfg["database"] = {{"path", (dir / "secrets.db").string()}};
    cfg["slack"].erase("signing_secret");  // from the environment, as in production
    cfg["office"]["webhook_url"] = slack.hook_url("office");
    cfg["pto"]["slack_status"] = true;
    const auto config_path = dir / "site.json";
    std::ofstream(config_path) << cfg.dump(2);
    Bot bot(config_path, {{"SLACK_SIGNING_SECRET", kLogSigningSecret},
                          {"SLACK_BOT_TOKEN", kLogBotToken},
                          {"SLACK_USER_TOKEN", kLogUserToken},
                          {"SITELEAD_WEBHOOK_SECRET", kLogWebhookSecret},
                          {"SLACK_API_BASE_URL", slack.base_url()}});
    ASSERT_NE(bot.port(), 0) << bot.child().output();

    SecretsFlow flow(bot.port());
    // PTO: a request and its Approve button.
    flow.slash("UANNA", "/pto", working_day_ahead(3) + " vacation family trip");
    flow.action(button_press("UMGR1", "pto.approve", "approve PTO-1"));
    // Expenses: by DM, approved by command.
    flow.event(dm_event("UBEN", "expense 18.40 meals sandwiches with a client", "EvSecret1"));
    flow.slash("UMGR1", "/approve", "EXP-1");
    // Office: a ticket (to BizOps and the webhook), acknowledged.
    flow.slash("UCARL", "/office", "the printer on floor 2 is jammed");
    flow.slash("UBIZ", "/office", "ack OFC-1");
    // FAQ: a question nobody answered yet, answered and added.
    flow.slash("UANNA", "/faq", "what is the capital of peru");
    flow.slash("ULEAD", "/faq", "answer Q-1 Lima --add");
    // A form: the office modal, submitted.
    flow.action({{"type", "view_submission"},
                 {"team", {{"id", "T1"}, {"domain", "test"}}},
                 {"user", {{"id", "UANNA"}}},
                 {"view",
                  {{"id", "V1"},
                   {"callback_id", "office"},
                   {"hash", "1.a"},
                   {"private_metadata", ""},
                   {"state",
                    {{"values",
                      {{"description",
                        {{"description",
                          {{"type", "plain_text_input"},
                           {"value", "the kitchen tap is leaking"}}}}}}}}}}}});

    // Messages and webhooks delivered, with the token and the webhook secret.
    ASSERT_TRUE(slack.wait_for_calls(12, 10s)) << slack.calls().size();
    bool token_used = false, webhook_signed = false;
    for (const auto& call : slack.calls()) {
        token_used |= call.header("authorization") == std::string("Bearer ") + kLogBotToken;
        webhook_signed |=
            call.path.starts_with("/hooks/") && !call.header("x-sitelead-signature").empty();
    }
    EXPECT_TRUE(token_used);
    EXPECT_TRUE(webhook_signed);

    const HttpResult metrics = http_request(bot.port(), "GET", "/metrics");
    ASSERT_EQ(metrics.status, 200u);
    bot.child().send_signal(SIGTERM);
    ASSERT_EQ(bot.child().wait_exit(10s), 0);
    const std::string& log = bot.child().output();
    // The log is at its most verbose (nothing logs below debug) and saw every request.
    EXPECT_NE(log.find("[debug] outbox #"), std::string::npos) << log;
    std::size_t answered = 0;
    for (auto at = log.find("POST /slack/events 200"); at != std::string::npos;
         at = log.find("POST /slack/events 200", at + 1))
        ++answered;
    EXPECT_EQ(answered, flow.bodies().size()) << log;

    std::vector<std::string> secrets = {kLogSigningSecret, kLogBotToken, kLogWebhookSecret,
                                        kLogUserToken};
    for (const auto& s : flow.signatures()) secrets.push_back(s.substr(3));  // without "v0="
    for (const auto& b : flow.bodies()) secrets.push_back(b);
    for (const auto& s : secrets) {
        EXPECT_EQ(log.find(s), std::string::npos) << "in the log: " << s;
        EXPECT_EQ(metrics.body.find(s), std::string::npos) << "in /metrics: " << s;
    }
    std::printf(
        "secrets: %zu requests, %zu log bytes and %zu bytes of /metrics searched for %zu "
        "secrets, signatures and bodies\n",
        flow.bodies().size(), log.size(), metrics.body.size(), secrets.size());
}

}  // namespace
