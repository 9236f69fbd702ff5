// Every PTO flow and every refusal over HTTP: the real server on a loopback
// port, requests signed as Slack signs them, the outbox worker delivering to
// the fake Slack Web API. Each step checks the reply, the database and what
// reached Slack. The server's clock is fixed on Monday 2026-12-07 13:00 in
// Berlin and every request is signed at that instant.

#include <gtest/gtest.h>

#include <thread>

#include "tests/support/fake_slack.hpp"
#include "tests/support/test_server.hpp"

namespace {

using namespace testing_support;
using namespace std::chrono_literals;
using nlohmann::json;

#define EXPECT_CONTAINS(haystack, needle) \
    EXPECT_NE(std::string(haystack).find(needle), std::string::npos) << (haystack)

constexpr std::int64_t kMonday = 1796644800;  // 2026-12-07T12:00:00Z, 13:00 in Berlin

struct Counts {
    long long requests, audit, outbox;
    bool operator==(const Counts&) const = default;
};

struct PtoHttp : ::testing::Test {
    FakeSlack slack;
    TestServer server{TestServerOptions{
        .patch = {{"slack", {{"api_base_url", slack.base_url()}}}},
        .bot_token = "xoxb-e2e-token",
        .clock =
            [] { return std::chrono::system_clock::time_point(std::chrono::seconds(kMonday)); },
    }};

    std::string slash(const std::string& user, const std::string& command,
                      const std::string& text) {
        const auto r = server.post(signed_slash(command, text, user, kMonday));
        EXPECT_EQ(r.status, 200u) << r.body;
        return r.json().value("text", "");
    }
    Counts counts() const {
        return {server.count("pto_requests"), server.count("audit_trail"), server.count("outbox")};
    }
    // The messages Slack received after the first `from`, once `n` arrived.
    std::vector<SlackCall> new_calls(std::size_t from, std::size_t n) {
        EXPECT_TRUE(slack.wait_for_calls(from + n, 5s)) << "only " << slack.call_count();
        const auto all = slack.calls();
        return {all.begin() + static_cast<long>(std::min(from, all.size())), all.end()};
    }
    static const SlackCall* to(const std::vector<SlackCall>& calls, const std::string& method,
                               const std::string& channel) {
        for (const auto& c : calls)
            if (c.method == method && c.body.value("channel", "") == channel) return &c;
        return nullptr;
    }
    // Waits until every message has reached Slack (none fails here). Home
    // tabs wait for more changes on the clock, which stands still here.
    void settle() {
        const auto rows =
            static_cast<std::size_t>(server.count("outbox", "method != 'views.publish'"));
        EXPECT_TRUE(slack.wait_for_calls(rows, 5s)) << slack.call_count() << " of " << rows;
    }
    struct Refusal {
        std::string user, command, text, why;
    };
    // A refusal: the reply says why, and no table changes and nothing is sent.
    void expect_refused(const Refusal& r) {
        SCOPED_TRACE(r.command + " " + r.text + " by " + r.user);
        settle();
        const Counts before = counts();
        const std::size_t sent = slack.call_count();
        EXPECT_CONTAINS(slash(r.user, r.command, r.text), r.why);
        EXPECT_EQ(counts(), before);
        std::this_thread::sleep_for(150ms);
        EXPECT_EQ(slack.call_count(), sent);
    }
};

TEST_F(PtoHttp, EveryBadRequestIsRefusedAndChangesNothing) {
    const Refusal refusals[] = {
        {kAna, "/pto", "2026-12-23 to 2026-12-21", "before it starts"},
        {kAna, "/pto", "2026-12-04", "in the past"},
        {kAna, "/pto", "2026-12-08 to 2027-01-20", "at most 30"},
        {kAna, "/pto", "someday soon", "Usage: `/pto <when>"},
        {kAna, "/pto", "dec 26-27", "no working days"},
        {kAna, "/pto", "2027-01-04 to 2027-02-01 personal", "Not enough personal left"},
        {"U0NOBODY", "/pto", "dec 21", "not in the Test Site site directory"},
    };
    for (const auto& r : refusals) expect_refused(r);

    EXPECT_CONTAINS(slash(kAna, "/pto", "dec 21-23"), "Requested PTO-1");
    expect_refused({kAna, "/pto", "dec 23-24", "overlaps your pending request PTO-1"});
}

TEST_F(PtoHttp, DecisionsAreRefusedToAnyoneButTheManagerOrASiteLead) {
    EXPECT_CONTAINS(slash(kAna, "/pto", "dec 21-23"), "Requested PTO-1");
    new_calls(0, 1);
    const Refusal refusals[] = {
        {kBen, "/approve", "PTO-1", "Only <@U0ANA>'s manager (<@U0MGR>) or a site lead"},
        {kBizops, "/deny", "PTO-1 no", "Only <@U0ANA>'s manager"},
        {kAna, "/approve", "PTO-1", "You can't decide your own request"},
        {kManager, "/deny", "PTO-1", "A reason is required to deny: `/deny PTO-1 <reason>`"},
        // Without an id: what waits, and how to decide it.
        {kManager, "/deny", "", "Decide with `/approve PTO-1 [note]` or `/deny PTO-1 <reason>`"},
        {kManager, "/approve", "", "1 request waiting for your approval"},
        {kManager, "/approve", "PTO-x", "isn't a request id"},
        {kManager, "/approve", "PTO-99", "There is no request PTO-99"},
        {kManager, "/approve", "OFC-3", "I can decide PTO, EXP requests"},
    };
    for (const auto& r : refusals) expect_refused(r);
    // A button does what the command does, with the same checks.
    const Counts before = counts();
    const auto pressed =
        server.post(signed_action(button_press(kBen, "pto.approve", "approve PTO-1"), kMonday));
    EXPECT_EQ(pressed.status, 200u);
    const auto calls = new_calls(1, 1);
    ASSERT_NE(to(calls, "chat.postMessage", kBen), nullptr);
    EXPECT_CONTAINS(to(calls, "chat.postMessage", kBen)->body["text"].get<std::string>(),
                    "Only <@U0ANA>'s manager");
    EXPECT_EQ(server.count("audit_trail"), before.audit);
}

TEST_F(PtoHttp, DenyTellsTheRequesterWhyAndReplacesTheButtons) {
    EXPECT_CONTAINS(slash(kAna, "/pto", "dec 21-23 vacation ski trip"), "Requested PTO-1");
    const auto ask = new_calls(0, 1);
    const SlackCall* dm = to(ask, "chat.postMessage", kManager);
    ASSERT_NE(dm, nullptr);
    const std::string details = dm->body["blocks"][0]["text"]["text"];
    EXPECT_CONTAINS(details, "3 working days");
    EXPECT_CONTAINS(details, "*Balance after:* 17 days of 20 days left in 2026");
    EXPECT_CONTAINS(details, "*Also out:* nobody else on the team");

    EXPECT_CONTAINS(slash(kManager, "/deny", "PTO-1 release week"), "Denied PTO-1");
    const auto after = new_calls(1, 2);
    const SlackCall* told = to(after, "chat.postMessage", kAna);
    ASSERT_NE(told, nullptr);
    EXPECT_CONTAINS(told->body["text"].get<std::string>(), "release week");
    const SlackCall* update = to(after, "chat.update", "D" + std::string(kManager));
    ASSERT_NE(update, nullptr);
    EXPECT_EQ(update->body["blocks"].dump().find("\"actions\""), std::string::npos);
    EXPECT_EQ(server.count("audit_trail"), 2);  // created, denied
    expect_refused({kLead, "/approve", "PTO-1", "PTO-1 was already denied by <@U0MGR>"});
    EXPECT_CONTAINS(slash(kAna, "/pto", "balance"), "20 days of 20 days left");
}

TEST_F(PtoHttp, SickLeaveIsRecordedAtOnceAndTheManagerToldWithoutButtons) {
    EXPECT_CONTAINS(slash(kAna, "/pto", "today sick fever"), "Recorded PTO-1");
    const auto calls = new_calls(0, 1);
    const SlackCall* fyi = to(calls, "chat.postMessage", kManager);
    ASSERT_NE(fyi, nullptr);
    EXPECT_CONTAINS(fyi->body["text"].get<std::string>(), "<@U0ANA> is out (sick)");
    EXPECT_EQ(fyi->body["blocks"].dump().find("\"actions\""), std::string::npos);
    EXPECT_EQ(server.count("audit_trail"), 1);
}

TEST_F(PtoHttp, AManagerOutTodayIsReplacedByTheSiteLeadAndBothAreToldWhy) {
    EXPECT_CONTAINS(slash(kManager, "/pto", "today"), "I've asked <@U0LEAD>");
    EXPECT_CONTAINS(slash(kLead, "/approve", "PTO-1 enjoy"), "Approved PTO-1");
    const std::size_t sent = new_calls(0, 3).size();  // the ask, the news, the update

    const std::string reply = slash(kAna, "/pto", "dec 21");
    EXPECT_CONTAINS(reply, "I've asked <@U0LEAD>");
    EXPECT_CONTAINS(reply, "<@U0MGR> is out today");
    const auto calls = new_calls(sent, 1);
    const SlackCall* ask = to(calls, "chat.postMessage", kLead);
    ASSERT_NE(ask, nullptr);
    EXPECT_CONTAINS(ask->body["blocks"].dump(), "You're asked because <@U0MGR> is out today");
    EXPECT_EQ(server.count("audit_trail"), 4);  // created, approved, created, delegated
    EXPECT_CONTAINS(slash(kAna, "/pto", "list"), "PTO-2");
    EXPECT_CONTAINS(slash(kLead, "/pto", "pending"), "PTO-2");
    EXPECT_CONTAINS(slash(kAna, "/pto", "out today"), "<@U0MGR>");
}

TEST_F(PtoHttp, CancelRefundsTellsTheApproverAndIsRefusedOnceStarted) {
    EXPECT_CONTAINS(slash(kAna, "/pto", "dec 21-23"), "Requested PTO-1");
    EXPECT_CONTAINS(slash(kManager, "/approve", "PTO-1"), "Approved PTO-1");
    const std::size_t sent = new_calls(0, 3).size();
    EXPECT_CONTAINS(slash(kAna, "/pto", "balance"), "17 days of 20 days left");

    EXPECT_CONTAINS(slash(kAna, "/pto", "cancel PTO-1"),
                    "Cancelled PTO-1; 3 days back in your balance");
    const auto calls = new_calls(sent, 1);
    const SlackCall* told = to(calls, "chat.postMessage", kManager);
    ASSERT_NE(told, nullptr);
    EXPECT_CONTAINS(told->body["text"].get<std::string>(), "cancelled PTO-1");
    EXPECT_CONTAINS(slash(kAna, "/pto", "balance"), "20 days of 20 days left");
    expect_refused({kAna, "/pto", "cancel PTO-1", "already cancelled"});
    expect_refused({kBen, "/pto", "cancel PTO-1", "You have no request PTO-1"});
    expect_refused({kAna, "/pto", "cancel", "Usage: `/pto cancel PTO-12`"});

    EXPECT_CONTAINS(slash(kAna, "/pto", "today"), "Requested PTO-2");
    EXPECT_CONTAINS(slash(kManager, "/approve", "PTO-2"), "Approved PTO-2");
    expect_refused({kAna, "/pto", "cancel PTO-2", "has already started"});
}

}  // namespace
