#pragma once
// The sections that say how the service runs rather than what the site is:
// the HTTP listener, the SQLite file and the connection to Slack.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace config {

struct Server {
    std::string address = "127.0.0.1";
    std::uint16_t port = 3000;
    int threads = 2;
    std::size_t body_limit = 64 * 1024;
    std::size_t header_limit = 8 * 1024;
    std::chrono::seconds read_timeout{10};
    std::chrono::seconds write_timeout{10};
    std::chrono::seconds idle_timeout{60};
    std::chrono::seconds shutdown_grace{10};
    // Slack gives up on an answer after 3 s: a slash command not committed by
    // then is answered "working on it" and its outcome sent by DM.
    std::chrono::milliseconds ack_deadline{2500};
    // Where people's calendar apps reach this service ("https://sitelead.example.com"),
    // for the feed links `/pto calendar` gives; empty: http://address:port.
    std::string public_url;
};

struct Database {
    std::string path = "sitelead.db";
    std::string synchronous = "FULL";  // OFF, NORMAL, FULL or EXTRA
    int busy_timeout_ms = 5000;
    // The most the database may grow to, in megabytes; 0 for no limit but
    // the disk's. Past it changes are refused with a clear reply.
    int max_size_mb = 0;
};

struct Slack {
    std::string signing_secret;  // from SLACK_SIGNING_SECRET; a file may hold a demo secret
    std::string bot_token;       // from SLACK_BOT_TOKEN only; empty = deliver to the log
    // From SLACK_USER_TOKEN only: a user token with users.profile:write, for
    // setting people's status while they are away (pto.slack_status);
    // empty: no status is set.
    std::string user_token;
    std::string api_base_url = "https://slack.com/api";
    std::string bizops_channel;  // channel id or name for office tickets
    int max_attempts = 8;        // delivery attempts before a message is parked as dead
    std::string ca_file;         // extra trusted CA bundle (tests, private CAs); empty = system
};

class Reader;

// Each reads its section's object; a problem goes to the reader, named by its key.
void read_server(Reader& r, const nlohmann::json& j, Server& s);
void read_database(Reader& r, const nlohmann::json& j, Database& d);
void read_slack(Reader& r, const nlohmann::json& j, Slack& s);

// Each adds a problem, named by its key, for every value the service cannot run with.
void check_server(const Server& s, std::vector<std::string>& problems);
void check_database(const Database& d, std::vector<std::string>& problems);
void check_slack(const Slack& s, std::vector<std::string>& problems);

}  // namespace config
