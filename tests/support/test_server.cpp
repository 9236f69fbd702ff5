#include "tests/support/test_server.hpp"

#include <SQLiteCpp/Database.h>

#include "storage/database.hpp"
#include "tests/support/paths.hpp"

namespace testing_support {

using json = nlohmann::json;

json test_config_json(const std::filesystem::path& database_path) {
    auto person = [](const char* id, const char* name, const char* manager, json roles) {
        json p = {{"slack_id", id}, {"name", name}, {"roles", std::move(roles)}};
        p["email"] = std::string(id) + "@example.com";
        if (*manager) p["manager"] = manager;
        return p;
    };
    return {
        {"log_level", "warn"},
        {"server", {{"address", "127.0.0.1"}, {"port", 0}, {"threads", 2}}},
        {"database", {{"path", database_path.string()}}},
        {"slack", {{"signing_secret", kSigningSecret}, {"bizops_channel", "C0BIZOPS"}}},
        {"site", {{"name", "Test Site"}, {"time_zone", "Europe/Berlin"}}},
        {"people", json::array({person(kLead, "Sam Lead", "", {"site_lead"}),
                                person(kManager, "Maria Manager", kLead, {"employee"}),
                                person(kAna, "Ana Lima", kManager, {"employee"}),
                                person(kBen, "Ben Ode", kManager, {"employee"}),
                                person(kBizops, "Bo Ops", kLead, {"bizops"})})},
    };
}

TestServer::TestServer() : TestServer(TestServerOptions{}) {}

TestServer::TestServer(TestServerOptions options) : dir_("sitelead-e2e") {
    json doc = test_config_json(dir_ / "sitelead.db");
    doc.merge_patch(options.patch);
    config::Config cfg = config::parse(doc);
    cfg.slack.bot_token = options.bot_token;
    cfg.slack.user_token = options.user_token;
    cfg.webhook_secret = options.webhook_secret;
    app_ = std::make_unique<bot::App>(std::move(cfg), std::move(options.clock));
    app_->start();
}

TestServer::~TestServer() {
    app_.reset();
}

unsigned short TestServer::port() const {
    return app_->port();
}
const config::Config& TestServer::config() const {
    return app_->config();
}
bot::App& TestServer::app() {
    return *app_;
}

long long TestServer::count(const std::string& table, const std::string& where) const {
    auto db = storage::open_readonly(app_->config().database);
    return db->execAndGet("SELECT count(*) FROM " + table + " WHERE " + where).getInt64();
}

HttpResult TestServer::post(const SlackRequest& req) const {
    return post_slack(port(), req);
}

HttpResult TestServer::get(const std::string& target) const {
    return http_request(port(), "GET", target);
}

}  // namespace testing_support
