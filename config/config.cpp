#include "config/config.hpp"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "config/reader.hpp"

namespace config {

using json = nlohmann::json;

static std::string join_lines(const std::vector<std::string>& problems) {
    std::string out = "invalid configuration:";
    for (const auto& p : problems) out += "\n  " + p;
    return out;
}

ConfigError::ConfigError(std::vector<std::string> problems)
    : std::runtime_error(join_lines(problems)), problems_(std::move(problems)) {}

Config parse(const json& doc) {
    std::vector<std::string> problems;
    if (!doc.is_object()) throw ConfigError({"(top level): expected a JSON object"});
    Reader r(problems);
    Config cfg;
    r.get(doc, "", "log_level", cfg.log_level);
    if (const json* s = r.object(doc, "", "server")) read_server(r, *s, cfg.server);
    if (const json* d = r.object(doc, "", "database")) read_database(r, *d, cfg.database);
    if (const json* s = r.object(doc, "", "slack")) read_slack(r, *s, cfg.slack);
    if (const json* s = r.object(doc, "", "site")) read_site(r, *s, cfg.site);
    if (const json* p = r.object(doc, "", "pto")) read_pto(r, *p, cfg.pto);
    if (const json* people = r.array(doc, "", "people")) read_people(r, *people, cfg.people);
    r.report_unknown_keys();

    fill_defaults(cfg.site);
    fill_defaults(cfg.pto);

    for (auto& p : validate(cfg)) problems.push_back(std::move(p));
    if (!problems.empty()) throw ConfigError(std::move(problems));
    cfg.index_people();
    return cfg;
}

Config load_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw ConfigError({path + ": cannot open the configuration file"});
    json doc;
    try {
        doc = json::parse(in, nullptr, true, /*ignore_comments=*/true);
    } catch (const json::parse_error& e) {
        throw ConfigError({path + ": not valid JSON (" + std::string(e.what()) + ")"});
    }
    return parse(doc);
}

std::optional<std::string> process_env(const char* name) {
    if (const char* v = std::getenv(name); v && *v) return std::string(v);
    return std::nullopt;
}

void apply_env(Config& cfg, const Getenv& getenv) {
    if (auto v = getenv("SLACK_SIGNING_SECRET")) cfg.slack.signing_secret = *v;
    if (auto v = getenv("SLACK_BOT_TOKEN")) cfg.slack.bot_token = *v;
    if (auto v = getenv("SLACK_API_BASE_URL")) cfg.slack.api_base_url = *v;
    if (auto v = getenv("SITELEAD_DB")) cfg.database.path = *v;
    if (auto v = getenv("SITELEAD_LOG_LEVEL")) cfg.log_level = *v;
    if (auto v = getenv("SITELEAD_ADDRESS")) cfg.server.address = *v;
    if (auto v = getenv("SITELEAD_PORT")) {
        char* end = nullptr;
        const long port = std::strtol(v->c_str(), &end, 10);
        if (v->empty() || *end != '\0' || port < 0 || port > 65535)
            throw ConfigError(
                {"SITELEAD_PORT: expected a port number 0-65535, got \"" + *v + "\""});
        cfg.server.port = static_cast<std::uint16_t>(port);
    }
}

std::vector<std::string> validate(const Config& cfg) {
    std::vector<std::string> problems;
    check_server(cfg.server, problems);
    check_database(cfg.database, problems);
    check_slack(cfg.slack, problems);
    static const std::set<std::string> levels = {"trace", "debug",    "info", "warn",
                                                 "error", "critical", "off"};
    if (!levels.count(cfg.log_level))
        problems.push_back(
            "log_level: must be one of trace, debug, info, warn, error, critical, off");
    check_site(cfg.site, problems);
    check_pto(cfg.pto, problems);
    check_people(cfg.people, leave_type_names(cfg.pto), problems);
    return problems;
}

}  // namespace config
