#pragma once
// The real service in-process for end-to-end tests: bot::App on 127.0.0.1
// port 0 (the bound port read back from it), a fresh SQLite file in a temp
// directory, the signing secret of Slack's example and a small directory.

#include <filesystem>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/app.hpp"
#include "config/config.hpp"
#include "core/clock.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/slack_requests.hpp"

namespace testing_support {

// The test directory: a site lead, a manager with two reports, and BizOps.
inline constexpr const char* kLead = "U0LEAD";
inline constexpr const char* kManager = "U0MGR";
inline constexpr const char* kAna = "U0ANA";  // reports to kManager
inline constexpr const char* kBen = "U0BEN";  // reports to kManager
inline constexpr const char* kBizops = "U0BIZ";

// The configuration TestServer runs, as the JSON file would hold it.
nlohmann::json test_config_json(const std::filesystem::path& database_path);

struct TestServerOptions {
    nlohmann::json patch = nlohmann::json::object();  // merged into test_config_json (RFC 7386)
    std::string bot_token;  // as SLACK_BOT_TOKEN; empty: messages go to the log
    core::Clock clock = core::system_clock();
    std::string webhook_secret;  // as SITELEAD_WEBHOOK_SECRET
    std::string user_token;      // as SLACK_USER_TOKEN
};

class TestServer {
public:
    TestServer();
    explicit TestServer(TestServerOptions options);
    ~TestServer();  // stops the service; the temp directory goes with dir_
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    unsigned short port() const;
    const config::Config& config() const;
    bot::App& app();
    const std::filesystem::path& dir() const { return dir_.path(); }

    // Rows in a table, read through a separate read-only connection.
    long long count(const std::string& table, const std::string& where = "1") const;

    HttpResult post(const SlackRequest& req) const;
    HttpResult get(const std::string& target) const;

private:
    TempDir dir_;
    std::unique_ptr<bot::App> app_;
};

}  // namespace testing_support
