#pragma once
// The configuration documents the config tests start from, and the problems
// a document is refused with.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.hpp"

namespace config_tests {

using json = nlohmann::json;

// A small valid site: a lead, a manager reporting to the lead, one report.
inline json valid_doc() {
    return json::parse(R"({
      "site": {"name": "Test office", "time_zone": "Europe/Berlin"},
      "people": [
        {"slack_id": "U0LEAD", "name": "Lena Lead", "roles": ["site_lead"]},
        {"slack_id": "U0MGR", "name": "Max Manager", "manager": "U0LEAD", "roles": ["employee"]},
        {"slack_id": "U0EMP", "name": "Erin Employee", "email": "erin@example.com",
         "manager": "U0MGR", "roles": ["employee"]}
      ]
    })");
}

// The problems a document is refused with; empty when it parses.
inline std::vector<std::string> problems_of(const json& doc) {
    try {
        config::parse(doc);
    } catch (const config::ConfigError& e) {
        return e.problems();
    }
    return {};
}

}  // namespace config_tests
