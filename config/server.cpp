#include "config/server.hpp"

#include <set>

#include "config/reader.hpp"

namespace config {

using json = nlohmann::json;

void read_server(Reader& r, const json& j, Server& s) {
    const std::string p = "server";
    r.get(j, p, "address", s.address);
    // Read wider than the field, or 70000 would wrap to a valid port.
    int port = s.port;
    r.get(j, p, "port", port);
    if (port < 0 || port > 65535) r.problem("server.port: must be between 0 and 65535");
    s.port = static_cast<std::uint16_t>(port);
    r.get(j, p, "threads", s.threads);
    r.get(j, p, "body_limit", s.body_limit);
    r.get(j, p, "header_limit", s.header_limit);
    r.get(j, p, "public_url", s.public_url);
    r.seconds(j, p, "read_timeout_seconds", s.read_timeout);
    r.seconds(j, p, "write_timeout_seconds", s.write_timeout);
    r.seconds(j, p, "idle_timeout_seconds", s.idle_timeout);
    r.seconds(j, p, "shutdown_grace_seconds", s.shutdown_grace);
    long long ack_ms = s.ack_deadline.count();
    r.get(j, p, "ack_deadline_ms", ack_ms);
    if (ack_ms <= 0 || ack_ms >= 3000)
        r.problem("server.ack_deadline_ms: must be between 1 and 2999 (Slack waits 3 seconds)");
    s.ack_deadline = std::chrono::milliseconds(ack_ms);
}

void read_database(Reader& r, const json& j, Database& d) {
    const std::string p = "database";
    r.get(j, p, "path", d.path);
    r.get(j, p, "synchronous", d.synchronous);
    r.get(j, p, "busy_timeout_ms", d.busy_timeout_ms);
    r.get(j, p, "max_size_mb", d.max_size_mb);
}

void read_slack(Reader& r, const json& j, Slack& s) {
    const std::string p = "slack";
    r.get(j, p, "signing_secret", s.signing_secret);
    r.get(j, p, "api_base_url", s.api_base_url);
    r.get(j, p, "bizops_channel", s.bizops_channel);
    r.get(j, p, "max_attempts", s.max_attempts);
    r.get(j, p, "ca_file", s.ca_file);
    // Known, so that it is not called a misspelling; refused, and never echoed,
    // because a token in a file ends up in backups and version control.
    r.expect(j, p, "bot_token");
    if (j.contains("bot_token"))
        r.problem("slack.bot_token: the bot token is a secret; set SLACK_BOT_TOKEN instead");
    r.expect(j, p, "user_token");
    if (j.contains("user_token"))
        r.problem("slack.user_token: the user token is a secret; set SLACK_USER_TOKEN instead");
}

void check_server(const Server& s, std::vector<std::string>& problems) {
    if (s.threads < 1 || s.threads > 256)
        problems.push_back("server.threads: must be between 1 and 256");
    if (s.body_limit < 1024) problems.push_back("server.body_limit: must be at least 1024 bytes");
    if (!s.public_url.empty() && !s.public_url.starts_with("https://") &&
        !s.public_url.starts_with("http://"))
        problems.push_back(
            "server.public_url: expected an http:// or https:// address, such as "
            "\"https://sitelead.example.com\", got \"" +
            s.public_url + "\"");
}

void check_database(const Database& d, std::vector<std::string>& problems) {
    static const std::set<std::string> syncs = {"OFF", "NORMAL", "FULL", "EXTRA"};
    if (!syncs.count(d.synchronous))
        problems.push_back("database.synchronous: must be one of OFF, NORMAL, FULL, EXTRA, got \"" +
                           d.synchronous + "\"");
    if (d.path.empty()) problems.push_back("database.path: must not be empty");
    if (d.max_size_mb < 0)
        problems.push_back("database.max_size_mb: must be 0 (no limit) or a number of megabytes");
}

void check_slack(const Slack& s, std::vector<std::string>& problems) {
    if (s.max_attempts < 1) problems.push_back("slack.max_attempts: must be at least 1");
    if (s.api_base_url.rfind("https://", 0) != 0 && s.api_base_url.rfind("http://", 0) != 0)
        problems.push_back(
            "slack.api_base_url: must start with https:// (or http:// for local testing)");
}

}  // namespace config
