// The command-line tools around the service: `say` against a running server
// and `check-config`, run as the real binary.

#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "config/config.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_server.hpp"

using namespace testing_support;

namespace {

// The test server's configuration as a file for the CLI, and its URL.
class Say : public ::testing::Test {
protected:
    void SetUp() override {
        config_ = server_.dir() / "say.json";
        std::ofstream(config_) << test_config_json(server_.dir() / "sitelead.db").dump(2);
    }

    ChildResult say(const std::string& who, const std::string& text, const std::string& url = {}) {
        return run_child(bot_binary(),
                         {{"say", "--config", config_.string(), "--url",
                           url.empty() ? "http://127.0.0.1:" + std::to_string(server_.port()) : url,
                           "--as", who, text},
                          {},
                          {}});
    }
    // `say --submit FORM field=value ...`
    ChildResult submit(const std::string& who, const std::string& form,
                       const std::vector<std::string>& fields) {
        std::vector<std::string> args{"say",
                                      "--config",
                                      config_.string(),
                                      "--url",
                                      "http://127.0.0.1:" + std::to_string(server_.port()),
                                      "--as",
                                      who,
                                      "--submit",
                                      form};
        args.insert(args.end(), fields.begin(), fields.end());
        return run_child(bot_binary(), {args, {}, {}});
    }

    TestServer server_;
    std::filesystem::path config_;
};

}  // namespace

TEST_F(Say, PrintsTheReplyToASlashCommand) {
    const auto direct = server_.post(signed_slash("/sitelead", "help", kAna)).json();
    const std::string first_line = direct.at("text").get<std::string>().substr(
        0, direct.at("text").get<std::string>().find('\n'));

    const auto result = say("Ana", "/sitelead help");
    EXPECT_EQ(result.status, 0) << result.output;
    EXPECT_NE(result.output.find(first_line), std::string::npos) << result.output;
}

TEST_F(Say, OpensAndSubmitsAForm) {
    const auto opened = say("Ana", "/pto");
    EXPECT_EQ(opened.status, 0) << opened.output;
    EXPECT_NE(opened.output.find("a form opens"), std::string::npos) << opened.output;

    const auto wrong =
        submit("Ana", "pto", {"start=2027-03-17", "end=2027-03-15", "type=vacation"});
    EXPECT_EQ(wrong.status, 0) << wrong.output;
    EXPECT_NE(wrong.output.find("end: The last day (2027-03-15) is before the first"),
              std::string::npos)
        << wrong.output;
    EXPECT_EQ(server_.count("pto_requests"), 0);

    const auto done = submit("Ana", "pto", {"start=2027-03-15", "end=2027-03-17", "type=vacation"});
    EXPECT_NE(done.output.find("(submitted)"), std::string::npos) << done.output;
    // What it caused, read back from the rows written since it was sent.
    EXPECT_NE(done.output.find("Messages the bot sends because of it:"), std::string::npos)
        << done.output;
    EXPECT_EQ(
        server_.count("pto_requests", "start_date = '2027-03-15' AND end_date = '2027-03-17'"), 1);
}

TEST_F(Say, SendsAnythingElseAsADirectMessageEvent) {
    const long long events = server_.count("processed_events");
    const auto result = say(kAna, "help");
    EXPECT_EQ(result.status, 0) << result.output;
    EXPECT_NE(result.output.find("(acknowledged)"), std::string::npos) << result.output;
    EXPECT_EQ(server_.count("processed_events"), events + 1);
}

TEST_F(Say, NamesPeopleItKnowsWhenTheSenderIsUnknown) {
    const auto result = say("Nobody Here", "help");
    EXPECT_EQ(result.status, 1);
    EXPECT_NE(result.output.find("Nobody Here"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("Ana Lima"), std::string::npos) << result.output;
}

TEST_F(Say, AsksWhetherTheServerIsRunningWhenNothingListens) {
    TestServer stopped;
    const std::string url = "http://127.0.0.1:" + std::to_string(stopped.port());
    stopped.app().stop();
    const auto result = say("Ana", "help", url);
    EXPECT_EQ(result.status, 1);
    EXPECT_NE(result.output.find("is `sitelead-bot serve` running"), std::string::npos)
        << result.output;
}

TEST(CheckConfig, AcceptsTheExampleConfiguration) {
    const auto example = source_dir() / "config" / "sitelead.example.json";
    const config::Config cfg = config::load_file(example.string());
    const auto result = run_child(bot_binary(), {{"check-config", example.string()}, {}, {}});
    EXPECT_EQ(result.status, 0) << result.output;
    std::string sites;
    for (const auto& site : cfg.sites)
        sites += (sites.empty() ? "" : ", ") + site.name + " (" + site.time_zone + ")";
    EXPECT_EQ(result.output, "ok: " + std::to_string(cfg.people.size()) + " people, " +
                                 (cfg.sites.size() == 1 ? "site " : "sites ") + sites + "\n");
}

TEST(CheckConfig, ListsEveryProblemAndFails) {
    const TempDir dir("sitelead-check");
    nlohmann::json doc = test_config_json(dir / "x.db");
    doc["site"]["time_zone"] = "Mars/Olympus";
    doc["people"][2]["manager"] = "U0NOBODY";
    const auto file = dir / "broken.json";
    std::ofstream(file) << doc.dump();

    const auto result = run_child(bot_binary(), {{"check-config", file.string()}, {}, {}});
    EXPECT_EQ(result.status, 1);
    EXPECT_NE(result.output.find("site.time_zone"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("people[2].manager"), std::string::npos) << result.output;
}
