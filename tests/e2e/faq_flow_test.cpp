// The FAQ end to end: the real server, its FAQ seeded from config/faq.json at
// start-up, signed requests over HTTP, the outbox delivering to a fake Slack.
// The test site is neither Lisbon nor London, so it sees the company-wide
// entries only.

#include <unistd.h>

#include <filesystem>
#include <fstream>

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
        core::system_clock(),
        ""}};

    std::vector<SlackCall> posts_to(const std::string& channel) {
        std::vector<SlackCall> out;
        for (const auto& c : slack.calls())
            if (c.method == "chat.postMessage" && c.body.value("channel", "") == channel)
                out.push_back(c);
        return out;
    }
};

TEST_F(FaqFlow, SiteLeadsCurateOverHttpAndEveryoneElseIsRefusedWithNothingChanged) {
    const auto text = [&](const std::string& who, const std::string& line) {
        return server.post(signed_slash("/faq", line, who)).json().value("text", "");
    };
    const auto audited = server.count("audit_trail");
    for (const char* line :
         {"add Where is the sewing kit? | Top drawer at reception. #sewing", "edit FAQ-1 Nope",
          "remove FAQ-1", "list", "unanswered", "stats", "history FAQ-1"})
        EXPECT_NE(text(kAna, line).find("Only site leads and admins curate"), std::string::npos)
            << line;
    EXPECT_EQ(server.count("audit_trail"), audited);
    EXPECT_EQ(server.count("faq_entries"), 65);

    EXPECT_NE(text(kLead, "add Where is the sewing kit? | Top drawer at reception. #sewing")
                  .find("Added FAQ-66"),
              std::string::npos);
    EXPECT_NE(text(kBen, "where's the sewing kit").find("Top drawer at reception"),
              std::string::npos);
    EXPECT_NE(text(kLead, "edit FAQ-66 Second drawer at reception.").find("now answers"),
              std::string::npos);
    EXPECT_NE(text(kLead, "history FAQ-66").find("was: Top drawer at reception."),
              std::string::npos);
    EXPECT_NE(text(kLead, "remove FAQ-66").find("Removed FAQ-66"), std::string::npos);
    EXPECT_EQ(text(kBen, "where's the sewing kit").find("drawer at reception"), std::string::npos);
}

TEST_F(FaqFlow, AskedByCommandDmAndMentionAndAnUnknownOneAnsweredByTheSiteLead) {
    const auto by_command =
        server.post(signed_slash("/faq", "how do i get on the vpn from home", kAna));
    ASSERT_EQ(by_command.status, 200u);
    EXPECT_NE(by_command.json().value("text", "").find("*How do I connect to the VPN from home?*"),
              std::string::npos)
        << by_command.body;
    // Other candidates come along as related entries, by id and question.
    const auto related = server.post(signed_slash("/faq", "wifi for visitors", kAna));
    EXPECT_NE(related.json().value("text", "").find("Related: FAQ-"), std::string::npos)
        << related.body;

    ASSERT_EQ(
        server
            .post(signed_event(dm_event(kAna, "where can i charge my electric car?", "Ev0FAQDM1")))
            .status,
        200u);
    const json mention = mention_event(kBen, "<@U0BOT> how do i print or scan something?",
                                       "Ev0FAQMENTION1", "1700000600.000300");
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

constexpr std::int64_t kTuesday = 1796126400;  // 2026-12-01 12:00 UTC

// A site's own FAQ file, with an entry whose contact is in the directory;
// the clock is a Tuesday noon, so "today" is a working day.
struct FaqFeedbackFlow : ::testing::Test {
    FakeSlack slack;
    std::filesystem::path seed = [] {
        auto path = std::filesystem::temp_directory_path() /
                    ("sitelead-faq-" + std::to_string(::getpid()) + ".json");
        std::ofstream(path) << R"({"entries": [
          {"key": "badge", "question": "Who handles badge access?",
           "answer": "BizOps issues and replaces badges.", "tags": ["badge"], "contact": "U0BIZ"},
          {"key": "wifi", "question": "What is the wifi password?",
           "answer": "Join Office-Staff with your company login.", "tags": ["wifi"]}]})";
        return path;
    }();
    TestServer server{TestServerOptions{
        {{"slack", {{"api_base_url", slack.base_url()}}}, {"faq", {{"seed_file", seed.string()}}}},
        "xoxb-e2e-token",
        [] { return std::chrono::system_clock::time_point(std::chrono::seconds(kTuesday)); },
        ""}};
    ~FaqFeedbackFlow() override { std::filesystem::remove(seed); }

    std::vector<std::string> posts_to_lead() {
        std::vector<std::string> out;
        for (const auto& c : slack.calls())
            if (c.method == "chat.postMessage" && c.body.value("channel", "") == kLead)
                out.push_back(c.body.value("text", ""));
        return out;
    }

    std::string ask(const std::string& who, const std::string& question) {
        return server.post(signed_slash("/faq", question, who, kTuesday)).json().value("text", "");
    }
};

TEST_F(FaqFeedbackFlow, FeedbackShowsInStatsAndAnAbsentContactIsCoveredByTheirStandIn) {
    EXPECT_NE(ask(kAna, "who handles badges").find("Who handles it: <@U0BIZ>."), std::string::npos);
    ASSERT_EQ(server.post(signed_slash("/pto", "today vacation", kBizops, kTuesday)).status, 200u);
    ASSERT_EQ(server.post(signed_slash("/approve", "PTO-1", kLead, kTuesday)).status, 200u);
    EXPECT_NE(ask(kBen, "who handles badges")
                  .find("Who handles it: <@U0BIZ>, who is out today; <@U0LEAD> stands in."),
              std::string::npos);

    ask(kAna, "wifi password pls");
    // The questions are recorded after their answers, without holding them.
    ASSERT_TRUE(eventually([&] { return server.count("faq_asks") == 3; }));
    ASSERT_EQ(
        server.post(signed_action(button_press(kAna, "faq.helpful", "faq helpful FAQ-2"), kTuesday))
            .status,
        200u);
    ASSERT_EQ(server
                  .post(signed_action(button_press(kBen, "faq.unhelpful", "faq unhelpful FAQ-1"),
                                      kTuesday))
                  .status,
              200u);
    // Not helpful: the question goes to the site lead (the PTO request came first).
    ASSERT_TRUE(eventually([&] {
        for (const auto& text : posts_to_lead())
            if (text.find("<@U0BEN> asked \"who handles badges\"") != std::string::npos)
                return true;
        return false;
    }));

    const std::string stats = ask(kLead, "stats");
    EXPECT_NE(stats.find("3 questions: 3 answered (100%), 0 sent to a site lead. Feedback: 1 "
                         "helpful, 1 not helpful."),
              std::string::npos)
        << stats;
    EXPECT_NE(stats.find("• FAQ-1 Who handles badge access?: 2 times (0 helpful, 1 not)"),
              std::string::npos);
    EXPECT_NE(stats.find("*Least helpful*\n• FAQ-1 Who handles badge access?: 1 of 1"),
              std::string::npos);
    EXPECT_NE(stats.find("• 1× \"who handles badges\" (Q-1)"), std::string::npos);
}

}  // namespace
