// `sitelead-bot serve` as an operator runs it: the real binary on the example
// configuration, a port chosen by the kernel (read from its start-up line),
// real signals.

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "config/config.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"
#include "tests/support/slack_requests.hpp"
#include "tests/support/test_server.hpp"

using namespace testing_support;
using namespace std::chrono_literals;

namespace {

std::filesystem::path example_config() {
    return source_dir() / "config" / "sitelead.example.json";
}

// The example configuration with a port from the kernel and a database in a
// temp directory, through the environment as an operator would set them.
class ServeProcess : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(std::filesystem::exists(example_config())) << example_config();
        grace_ = config::load_file(example_config()).server.shutdown_grace;
    }
    ChildOptions serve_options(std::filesystem::path config = example_config()) const {
        return {{"serve", "--config", config.string()},
                {{"SITELEAD_PORT", "0"},
                 {"SITELEAD_DB", (dir_ / "serve.db").string()},
                 {"SLACK_SIGNING_SECRET", kSigningSecret},
                 {"SITELEAD_LOG_LEVEL", "info"}},
                {}};
    }

    // Starts serve and returns its port once it says it is listening.
    unsigned short start(ChildProcess& child) {
        EXPECT_TRUE(child.wait_for_output("listening on", 10s)) << child.output();
        auto port = listening_port(child.output());
        EXPECT_TRUE(port) << child.output();
        return port.value_or(0);
    }

    TempDir dir_{"sitelead-serve"};
    std::chrono::seconds grace_{};
};

}  // namespace

TEST_F(ServeProcess, StartsWithinASecondAndExitsZeroOnSigterm) {
    const auto spawned = std::chrono::steady_clock::now();
    ChildProcess child(bot_binary(), serve_options());
    ASSERT_TRUE(child.wait_for_output("listening on", 10s)) << child.output();
    EXPECT_LT(std::chrono::steady_clock::now() - spawned, 1s) << "slow start-up";
    const auto port = listening_port(child.output());
    ASSERT_TRUE(port) << child.output();

    EXPECT_EQ(http_request(*port, "GET", "/healthz").status, 200u);
    const auto signed_request =
        signed_event({{"type", "url_verification"}, {"challenge", "c-1"}, {"token", "t"}});
    EXPECT_EQ(post_slack(*port, signed_request).status, 200u);

    const auto signalled = std::chrono::steady_clock::now();
    child.send_signal(SIGTERM);
    const auto status = child.wait_exit(grace_ + 5s);
    ASSERT_TRUE(status) << "still running after SIGTERM:\n" << child.output();
    EXPECT_EQ(*status, 0) << child.output();
    EXPECT_LT(std::chrono::steady_clock::now() - signalled, grace_);

    // One line per request, and nothing secret in the log.
    EXPECT_NE(child.output().find("/healthz 200"), std::string::npos) << child.output();
    EXPECT_EQ(child.output().find(kSigningSecret), std::string::npos);
    const std::string signature = signed_request.headers.at(2).second;
    EXPECT_EQ(child.output().find(signature.substr(3)), std::string::npos);
}

TEST_F(ServeProcess, ExitsZeroOnSigint) {
    ChildProcess child(bot_binary(), serve_options());
    ASSERT_NE(start(child), 0);
    child.send_signal(SIGINT);
    const auto status = child.wait_exit(grace_ + 5s);
    ASSERT_TRUE(status) << child.output();
    EXPECT_EQ(*status, 0) << child.output();
}

TEST_F(ServeProcess, AnswersARequestUnderWayBeforeExitingOnSigterm) {
    ChildProcess child(bot_binary(), serve_options());
    const unsigned short port = start(child);
    ASSERT_NE(port, 0);

    const std::string body = R"({"type":"url_verification","challenge":"late"})";
    const auto req = sign("application/json", body);
    std::string head = "POST /slack/events HTTP/1.1\r\nHost: test\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\n";
    for (const auto& [name, value] : req.headers) head += name + ": " + value + "\r\n";
    HttpConnection conn(port);
    conn.send_raw(head + "\r\n" + body.substr(0, 5));
    // The half-sent request and the scrape itself.
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (http_request(port, "GET", "/metrics").body.find("sitelead_http_in_flight 2\n") ==
           std::string::npos) {
        ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the request never arrived";
        std::this_thread::sleep_for(10ms);
    }

    child.send_signal(SIGTERM);
    ASSERT_TRUE(child.wait_for_output("shutting down", 5s)) << child.output();
    conn.send_raw(body.substr(5));
    const auto res = conn.read_response();
    EXPECT_EQ(res.status, 200u);
    EXPECT_EQ(res.json().at("challenge"), "late");

    const auto status = child.wait_exit(grace_ + 5s);
    ASSERT_TRUE(status) << child.output();
    EXPECT_EQ(*status, 0) << child.output();
}

TEST_F(ServeProcess, RefusesToStartWithoutASigningSecret) {
    nlohmann::json doc;
    std::ifstream(example_config()) >> doc;
    doc["slack"].erase("signing_secret");
    // Files it names are beside it, not beside this copy.
    doc["faq"]["examples_file"] = (example_config().parent_path() / "faq_examples.json").string();
    const auto config = dir_ / "no-secret.json";
    std::ofstream(config) << doc.dump(2);

    auto options = serve_options(config);
    options.env.erase("SLACK_SIGNING_SECRET");
    const auto result = run_child(bot_binary(), options);
    EXPECT_EQ(result.status, 1) << result.output;
    EXPECT_NE(result.output.find("SLACK_SIGNING_SECRET"), std::string::npos) << result.output;
}

TEST_F(ServeProcess, SaysWhenItsPortIsTaken) {
    TestServer taken;
    auto options = serve_options();
    options.env["SITELEAD_PORT"] = std::to_string(taken.port());
    const auto result = run_child(bot_binary(), options);
    EXPECT_EQ(result.status, 1) << result.output;
    EXPECT_NE(result.output.find("cannot listen on"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find(std::to_string(taken.port())), std::string::npos);
}
