#pragma once
// The service's configuration: one JSON file (documented in config/README.md),
// overridden by environment variables, validated once at start-up. Each
// section has its own header, with its reader and its checks; this one puts
// them together.

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "config/announcements.hpp"
#include "config/digest.hpp"
#include "config/directory.hpp"
#include "config/expenses.hpp"
#include "config/faq.hpp"
#include "config/office.hpp"
#include "config/pto.hpp"
#include "config/reminders.hpp"
#include "config/server.hpp"
#include "config/site.hpp"

namespace config {

struct Config {
    Server server;
    Database database;
    Slack slack;
    // From SITELEAD_WEBHOOK_SECRET only: the key that signs what the bot
    // POSTs to webhooks (office.webhook_url). Empty: they go unsigned.
    std::string webhook_secret;
    // At least one once parsed; the first is where people without a site
    // work (and the only one of an older file with a single `site`).
    std::vector<Site> sites{Site{}};
    bool sites_listed = false;  // a `sites` list rather than the single `site`
    Pto pto;
    Expenses expenses;
    Office office;
    Faq faq;
    Digest digest;
    Reminders reminders;
    Announcements announcements;
    std::vector<Person> people;
    std::string log_level = "info";

    // By slack id; through the index parse() builds (call index_people()
    // after editing `people` by hand), or a scan when there is none.
    const Person* find_person(std::string_view slack_id) const {
        return people_index_.find(people, slack_id);
    }
    // By slack id, then case-insensitive name, first name or email.
    const Person* find_person_loose(std::string_view who) const {
        return people_index_.find_loose(people, who);
    }
    // The person's site; the first for someone without one.
    const Site& site_of(const Person& p) const;
    // The site of whoever has this slack id; the first for someone not in
    // the directory.
    const Site& site_of(std::string_view slack_id) const;
    const Site* find_site(std::string_view id) const;
    // Every site's leads, each once, in the order of the directory.
    std::vector<const Person*> site_leads() const { return config::site_leads(people); }
    std::vector<const Person*> site_leads_of(const Site& site) const;
    // May `p` act as site lead for `site`: one of its leads, or an admin.
    bool leads(const Person& p, const Site& site) const;
    std::vector<const Person*> reports_of(std::string_view manager_id) const {
        return people_index_.reports_of(people, manager_id);
    }
    const LeaveType* leave_type(std::string_view name) const { return find_leave_type(pto, name); }
    // < 0: unlimited.
    double allowance(const Person& p, const LeaveType& type) const { return allowance_of(p, type); }

    // Also makes the site leads one list each way (see config.cpp).
    void index_people();

private:
    PeopleIndex people_index_;
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
// SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_API_BASE_URL, SITELEAD_WEBHOOK_SECRET,
// SITELEAD_PORT, SITELEAD_ADDRESS, SITELEAD_DB, SITELEAD_LOG_LEVEL. SITELEAD_CONFIG is read by
// the caller.
void apply_env(Config& cfg, const Getenv& getenv = process_env);

// Every problem found, each naming its key; empty when the config is usable.
std::vector<std::string> validate(const Config& cfg);

}  // namespace config
