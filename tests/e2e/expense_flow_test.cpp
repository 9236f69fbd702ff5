// Expenses end to end: the real server on a loopback port, signed requests
// over HTTP, the outbox worker delivering to a fake Slack Web API. The test
// site is in dollars: receipts above $25, a second approval above $1,000.

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

struct ExpenseFlow : SlackFlow {};

constexpr std::int64_t kDecember7 = 1796644800;  // 2026-12-07T12:00:00Z, a Monday

TEST_F(ExpenseFlow, OneApprovalByButtonReachesSlackAndReplacesTheButtons) {
    const auto reply = reply_text(server.post(
        signed_slash("/expense", "18.40 meals sandwiches https://files.example.com/s.pdf", kAna)));
    EXPECT_NE(reply.find("Submitted EXP-1: $18.40 meals (sandwiches)"), std::string::npos) << reply;
    ASSERT_TRUE(slack.wait_for_calls(1, 5s));
    const auto asks = calls_to("chat.postMessage", kManager);
    ASSERT_EQ(asks.size(), 1u);
    EXPECT_TRUE(has_buttons(asks[0]));
    EXPECT_EQ(asks[0].body["blocks"].back()["elements"][0]["value"], "approve EXP-1");

    EXPECT_EQ(
        server.post(signed_action(button_press(kManager, "exp.approve", "approve EXP-1"))).status,
        200u);
    ASSERT_TRUE(slack.wait_for_calls(4, 5s));
    const auto told = calls_to("chat.postMessage", kAna);
    ASSERT_EQ(told.size(), 1u);
    EXPECT_NE(told[0].body["text"].get<std::string>().find("Approved: your EXP-1"),
              std::string::npos);
    const auto updates = calls_to("chat.update", std::string("D") + kManager);
    ASSERT_EQ(updates.size(), 1u);
    EXPECT_FALSE(has_buttons(updates[0]));
    EXPECT_EQ(server.count("expenses", "status = 'approved'"), 1);
}

TEST_F(ExpenseFlow, TwoApprovalsByCommandThenButtonAndReimbursement) {
    reply_text(server.post(
        signed_slash("/expense", "1,500 equipment laptop https://files.example.com/l.pdf", kAna)));
    ASSERT_TRUE(slack.wait_for_calls(1, 5s));
    const auto first = reply_text(server.post(signed_slash("/approve", "EXP-1 ok", kManager)));
    EXPECT_NE(first.find("first of two approvals"), std::string::npos) << first;
    ASSERT_TRUE(slack.wait_for_calls(4, 5s));  // manager's update, lead's ask, Ana's news
    const auto lead_asks = calls_to("chat.postMessage", kLead);
    ASSERT_EQ(lead_asks.size(), 1u);
    EXPECT_TRUE(has_buttons(lead_asks[0]));
    EXPECT_FALSE(has_buttons(calls_to("chat.update", std::string("D") + kManager).at(0)));

    server.post(signed_action(button_press(kLead, "exp.approve", "approve EXP-1")));
    // The lead's answer, Ana's news, the update of the lead's message.
    ASSERT_TRUE(slack.wait_for_calls(7, 5s));
    const auto lead_updates = calls_to("chat.update", std::string("D") + kLead);
    ASSERT_EQ(lead_updates.size(), 1u);
    EXPECT_FALSE(has_buttons(lead_updates[0]));
    EXPECT_EQ(server.count("expenses", "status = 'approved' AND stage = 2"), 1);

    const auto paid =
        reply_text(server.post(signed_slash("/expense", "reimburse EXP-1 ACH-77", kBizops)));
    EXPECT_NE(paid.find("Reimbursed EXP-1"), std::string::npos) << paid;
    ASSERT_TRUE(slack.wait_for_calls(8, 5s));
    const auto news = calls_to("chat.postMessage", kAna);
    EXPECT_NE(news.back().body["text"].get<std::string>().find("reimbursed (ACH-77)"),
              std::string::npos);
}

TEST_F(ExpenseFlow, AReceiptSharedAsAFileReleasesTheApprovalAndRetriesAreIgnored) {
    const auto saved =
        reply_text(server.post(signed_slash("/expense", "300 travel train to Hamburg", kAna)));
    EXPECT_NE(saved.find("It needs a receipt (above $25.00)"), std::string::npos) << saved;
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(messages_sent(), 0u);

    json event = dm_event(kAna, "", "Ev0FILE1");
    event["event"]["subtype"] = "file_share";
    event["event"]["files"] = {
        {{"id", "F0TRAIN"},
         {"name", "ticket.pdf"},
         {"permalink", "https://t.slack.com/files/U0ANA/F0TRAIN/ticket.pdf"}}};
    EXPECT_EQ(server.post(signed_event(event)).status, 200u);
    ASSERT_TRUE(slack.wait_for_calls(2, 5s));  // Ana's answer in the DM, the manager's ask
    auto retry = signed_event(event);
    retry.headers.emplace_back("X-Slack-Retry-Num", "1");
    EXPECT_EQ(server.post(retry).status, 200u);
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(messages_sent(), 2u);
    const auto asks = calls_to("chat.postMessage", kManager);
    ASSERT_EQ(asks.size(), 1u);
    EXPECT_NE(asks[0].body["blocks"].dump().find("ticket.pdf"), std::string::npos);
    EXPECT_EQ(server.count("expenses", "status = 'pending' AND receipt_file = 'F0TRAIN'"), 1);
}

TEST_F(ExpenseFlow, ADenialTellsTheSubmitterWhy) {
    reply_text(server.post(signed_slash("/expense", "18.40 meals snacks", kAna)));
    ASSERT_TRUE(slack.wait_for_calls(1, 5s));
    const auto denied =
        reply_text(server.post(signed_slash("/deny", "EXP-1 personal snacks", kManager)));
    EXPECT_NE(denied.find("Denied EXP-1"), std::string::npos) << denied;
    ASSERT_TRUE(slack.wait_for_calls(3, 5s));
    const auto told = calls_to("chat.postMessage", kAna);
    ASSERT_EQ(told.size(), 1u);
    EXPECT_NE(told[0].body["text"].get<std::string>().find("personal snacks"), std::string::npos);
}

// Flags reach the approver in Slack; a file in the submitting DM is the
// receipt; cancelling takes the buttons away there too.
TEST_F(ExpenseFlow, FlagsAFileReceiptAndACancellationReachSlack) {
    reply_text(server.post(
        signed_slash("/expense", "72 meals team lunch https://files.example.com/1.pdf", kAna)));
    json event = dm_event(kAna, "expense 72 meals team lunch", "Ev0FILE2");
    event["event"]["subtype"] = "file_share";
    event["event"]["files"] = {
        {{"id", "F0LUNCH"},
         {"name", "lunch.jpg"},
         {"permalink", "https://t.slack.com/files/U0ANA/F0LUNCH/lunch.jpg"}}};
    EXPECT_EQ(server.post(signed_event(event)).status, 200u);
    // Two asks to the manager, and Ana's answer in the DM.
    ASSERT_TRUE(slack.wait_for_calls(3, 5s));
    const auto asks = calls_to("chat.postMessage", kManager);
    ASSERT_EQ(asks.size(), 2u);
    const std::string second = asks[1].body["blocks"].dump();
    EXPECT_NE(second.find("Over the meals limit of $60.00 by $12.00"), std::string::npos) << second;
    EXPECT_NE(second.find("Possibly a duplicate of EXP-1"), std::string::npos) << second;
    EXPECT_NE(second.find("lunch.jpg"), std::string::npos) << second;
    EXPECT_EQ(server.count("expenses", "id = 2 AND receipt_file = 'F0LUNCH'"), 1);

    const auto cancelled = reply_text(server.post(signed_slash("/expense", "cancel EXP-2", kAna)));
    EXPECT_NE(cancelled.find("Cancelled EXP-2"), std::string::npos) << cancelled;
    ASSERT_TRUE(slack.wait_for_calls(5, 5s));  // the update of the ask, the FYI
    const auto updates = calls_to("chat.update", std::string("D") + kManager);
    ASSERT_EQ(updates.size(), 1u);
    EXPECT_FALSE(has_buttons(updates[0]));
    EXPECT_NE(updates[0].body["blocks"].dump().find("Cancelled by the submitter"),
              std::string::npos);
    EXPECT_EQ(server.count("expenses", "id = 2 AND status = 'cancelled'"), 1);
}

// `/expense export` answers with the month's totals and shares its CSV in
// the DM of who asked, in Slack's three upload steps; the bytes failing to
// arrive once, the share starts again from the first step.
TEST(ExpenseExportInSlack, TheMonthsCsvArrivesInTheSiteLeadsDm) {
    FakeSlack slack;
    TestServer server{TestServerOptions{
        .patch = {{"slack", {{"api_base_url", slack.base_url()}}}},
        .bot_token = "xoxb-e2e-token",
        // Monday 7 December from the start, running: a retry's wait passes.
        .clock =
            [start = std::chrono::steady_clock::now()] {
                return std::chrono::system_clock::time_point(std::chrono::seconds(kDecember7)) +
                       std::chrono::duration_cast<std::chrono::system_clock::duration>(
                           std::chrono::steady_clock::now() - start);
            },
    }};
    const auto submitted = server.post(signed_slash(
        "/expense", "18.40 meals sandwiches https://files.example.com/s.pdf", kAna, kDecember7));
    ASSERT_EQ(submitted.status, 200u) << submitted.body;
    ASSERT_TRUE(slack.wait_for_calls(1, 5s));

    slack.fail_next(1, SlackFailure::server_error(503).at("/upload/"));
    const auto refused = server.post(signed_slash("/expense", "export 2026-12", kAna, kDecember7));
    EXPECT_NE(refused.json().value("text", "").find("Only site leads and BizOps"),
              std::string::npos)
        << refused.body;
    const auto exported =
        server.post(signed_slash("/expense", "export 2026-12", kLead, kDecember7));
    ASSERT_EQ(exported.status, 200u) << exported.body;
    const std::string reply = exported.json().value("text", "");
    EXPECT_NE(reply.find("Expenses spent in 2026-12: 1"), std::string::npos) << reply;
    EXPECT_NE(reply.find("on its way to your DM: expenses-2026-12.csv"), std::string::npos)
        << reply;

    std::vector<SlackCall> shares;
    for (int i = 0; i < 500 && shares.empty(); ++i) {
        std::this_thread::sleep_for(20ms);
        for (const auto& c : slack.calls())
            if (c.method == "files.completeUploadExternal") shares.push_back(c);
    }
    ASSERT_EQ(shares.size(), 1u) << "no files.completeUploadExternal among " << slack.calls().size()
                                 << " calls";
    std::vector<SlackCall> asks, uploads;
    for (const auto& c : slack.calls()) {
        if (c.method == "files.getUploadURLExternal") asks.push_back(c);
        if (c.path.rfind("/upload/", 0) == 0) uploads.push_back(c);
    }
    ASSERT_EQ(asks.size(), 2u);  // the first attempt, and the retry from step one
    ASSERT_EQ(uploads.size(), 2u);
    EXPECT_EQ(uploads[0].status, 503u);
    EXPECT_EQ(uploads[1].status, 200u);
    const std::string& csv = uploads[1].raw_body;
    EXPECT_TRUE(csv.starts_with("id,spent_on,submitter,")) << csv;
    EXPECT_NE(csv.find("EXP-1,2026-12-07,U0ANA,"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",18.40,USD,pending,"), std::string::npos) << csv;
    EXPECT_EQ(asks[1].header("content-type"), "application/x-www-form-urlencoded");
    EXPECT_EQ(asks[1].raw_body,
              "filename=expenses-2026-12.csv&length=" + std::to_string(csv.size()));
    EXPECT_EQ(asks[1].header("authorization"), "Bearer xoxb-e2e-token");
    EXPECT_EQ(uploads[1].header("authorization"), "");  // the URL is its own grant
    EXPECT_EQ(uploads[1].path, "/upload/F101");         // the second upload URL
    EXPECT_EQ(shares[0].body["channels"], kLead);
    EXPECT_EQ(shares[0].body["files"],
              json::parse(R"([{"id":"F101","title":"expenses-2026-12.csv"}])"));
    EXPECT_NE(shares[0].body.value("initial_comment", "").find("Expenses spent in 2026-12"),
              std::string::npos)
        << shares[0].body;
    // Recorded once Slack's answer to the last step is back and committed.
    EXPECT_TRUE(eventually([&] {
        return server.count("outbox",
                            "method = 'files.completeUploadExternal' AND state = 'sent' "
                            "AND attempts = 2 AND recipient = 'U0LEAD'") == 1;
    }));
}

// Money spent said in a DM is offered as its expense; said in a channel's
// mention it is not (the button would be anyone's).
TEST_F(ExpenseFlow, MoneySpentSaidInADmIsOfferedAndInAMentionIsNot) {
    EXPECT_EQ(server
                  .post(signed_event(
                      dm_event(kAna, "I spent 18.40 on a taxi to the airport", "Ev0E2ESPENT1")))
                  .status,
              200u);
    EXPECT_CONTAINS(first_message_to(std::string("D0") + kAna), "Shall I submit $18.40 travel");
    const auto offer = calls_to("chat.postMessage", std::string("D0") + kAna).at(0);
    EXPECT_EQ(offer.body["blocks"].back()["elements"][0]["text"]["text"], "Submit it");

    const json mention = mention_event(kAna, "<@U0BOT> I spent 18.40 on a taxi to the airport",
                                       "Ev0E2ESPENT2", "1700000800.000100");
    EXPECT_EQ(server.post(signed_event(mention)).status, 200u);
    const std::string in_channel = first_message_to("C0GENERAL");
    ASSERT_FALSE(in_channel.empty());
    EXPECT_FALSE(contains(in_channel, "Shall I")) << in_channel;
    EXPECT_EQ(server.count("expenses"), 0);
}

}  // namespace
