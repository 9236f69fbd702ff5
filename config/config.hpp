#pragma once
// The service's configuration: one JSON file (documented in config/README.md),
// overridden by environment variables, validated once at start-up.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>
#include <nlohmann/json_fwd.hpp>

#include "core/calendar.hpp"

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
};

struct Database {
    std::string path = "sitelead.db";
    std::string synchronous = "FULL";  // OFF, NORMAL, FULL or EXTRA
    int busy_timeout_ms = 5000;
};

struct Slack {
    std::string signing_secret;  // from SLACK_SIGNING_SECRET; a file may hold a demo secret
    std::string bot_token;       // from SLACK_BOT_TOKEN only; empty = deliver to the log
    std::string api_base_url = "https://slack.com/api";
    std::string bizops_channel;  // channel id or name for office tickets
    int max_attempts = 8;        // delivery attempts before a message is parked as dead
    std::string ca_file;         // extra trusted CA bundle (tests, private CAs); empty = system
};

using Holiday = core::Holiday;

struct Site {
    std::string name = "Office";
    std::string time_zone = "UTC";
    std::vector<date::weekday> working_days;  // default Monday to Friday
    std::vector<Holiday> holidays;
    std::string currency = "USD";

    core::Calendar calendar() const { return core::Calendar(working_days, holidays); }
};

struct LeaveType {
    std::string name;                 // "vacation", "sick", "personal"
    std::optional<double> allowance;  // days a year; none = unlimited
    bool needs_approval = true;       // false: recorded at once, the manager is told
};

struct Pto {
    std::vector<LeaveType> types;
    std::string default_type = "vacation";
    int max_request_days = 30;  // longest request, in calendar days
};

struct Person {
    std::string slack_id;
    std::string name;
    std::string email;
    std::string manager;  // slack id, empty for none
    std::vector<std::string> roles;
    std::map<std::string, double> allowances;  // per leave type, overrides the type's default

    bool has_role(std::string_view role) const;
    bool is_site_lead() const { return has_role("site_lead") || has_role("admin"); }
};

struct Config {
    Server server;
    Database database;
    Slack slack;
    Site site;
    Pto pto;
    std::vector<Person> people;
    std::string log_level = "info";

    // By slack id; through the index parse() builds (call index_people()
    // after editing `people` by hand), or a scan when there is none.
    const Person* find_person(std::string_view slack_id) const;
    // By slack id, then case-insensitive name, first name or email.
    const Person* find_person_loose(std::string_view who) const;
    std::vector<const Person*> site_leads() const;
    std::vector<const Person*> reports_of(std::string_view manager_id) const;
    const LeaveType* leave_type(std::string_view name) const;
    double allowance(const Person& p, const LeaveType& type) const;  // < 0: unlimited

    void index_people();

private:
    // Positions in `people`. Every request looks people up by id, often
    // several times, and a directory has thousands of them.
    std::map<std::string, std::size_t, std::less<>> person_at_;
    std::map<std::string, std::vector<std::size_t>, std::less<>> reports_at_;
    bool indexed() const { return person_at_.size() == people.size() && !people.empty(); }
};

// A configuration that cannot be used. what() lists every problem, one per
// line, each naming its key ("people[3].manager: ...").
class ConfigError : public std::runtime_error {
public:
    explicit ConfigError(std::vector<std::string> problems);
    const std::vector<std::string>& problems() const { return problems_; }

private:
    std::vector<std::string> problems_;
};

// Parses and validates; throws ConfigError.
Config parse(const nlohmann::json& doc);
Config load_file(const std::string& path);

using Getenv = std::function<std::optional<std::string>(const char*)>;
std::optional<std::string> process_env(const char* name);
// SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_API_BASE_URL, SITELEAD_PORT,
// SITELEAD_ADDRESS, SITELEAD_DB, SITELEAD_LOG_LEVEL. SITELEAD_CONFIG is read by the caller.
void apply_env(Config& cfg, const Getenv& getenv = process_env);

// Every problem found, each naming its key; empty when the config is usable.
std::vector<std::string> validate(const Config& cfg);

}  // namespace config
