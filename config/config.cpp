#include "config/config.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
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

namespace {

// Who leads which site, one way whatever the file said: a person with the
// `site_lead` role leads their own site, and everyone a site lists among its
// `site_leads` has the role.
void gather_site_leads(Config& cfg) {
    for (const auto& p : cfg.people) {
        if (!p.has_role(Role::site_lead)) continue;
        for (auto& site : cfg.sites) {
            const bool own = p.site.empty() ? &site == &cfg.sites.front() : site.id == p.site;
            if (own && !site.leads(p.slack_id)) site.site_leads.push_back(p.slack_id);
        }
    }
    for (auto& p : cfg.people) {
        const bool listed = std::any_of(cfg.sites.begin(), cfg.sites.end(),
                                        [&](const Site& s) { return s.leads(p.slack_id); });
        if (listed && !p.has_role(Role::site_lead)) p.roles.push_back(Role::site_lead);
    }
}

}  // namespace

Config parse(const json& doc) {
    std::vector<std::string> problems;
    if (!doc.is_object()) throw ConfigError({"(top level): expected a JSON object"});
    Reader r(problems);
    Config cfg;
    r.get(doc, "", "log_level", cfg.log_level);
    if (const json* s = r.object(doc, "", "server")) read_server(r, *s, cfg.server);
    if (const json* d = r.object(doc, "", "database")) read_database(r, *d, cfg.database);
    if (const json* s = r.object(doc, "", "slack")) read_slack(r, *s, cfg.slack);
    const json* one = r.object(doc, "", "site");
    const json* many = r.array(doc, "", "sites");
    if (one && many) problems.push_back("site: give either `site` or `sites`, not both");
    if (many) {
        cfg.sites_listed = true;
        cfg.sites.clear();
        for (std::size_t i = 0; i < many->size(); ++i) {
            const std::string key = "sites[" + std::to_string(i) + "]";
            if (!(*many)[i].is_object()) {
                problems.push_back(key + ": expected an object {\"id\": ..., \"name\": ...}");
                continue;
            }
            read_site(r, (*many)[i], key, cfg.sites.emplace_back());
        }
        if (many->empty()) problems.push_back("sites: list at least one site");
    } else if (one) {
        read_site(r, *one, "site", cfg.sites.front());
    }
    if (const json* p = r.object(doc, "", "pto")) read_pto(r, *p, cfg.pto);
    if (const json* e = r.object(doc, "", "expenses")) read_expenses(r, *e, cfg.expenses);
    if (const json* o = r.object(doc, "", "office")) read_office(r, *o, cfg.office);
    if (const json* f = r.object(doc, "", "faq")) read_faq(r, *f, cfg.faq);
    if (const json* d = r.object(doc, "", "digest")) read_digest(r, *d, cfg.digest);
    if (const json* m = r.object(doc, "", "reminders")) read_reminders(r, *m, cfg.reminders);
    if (const json* a = r.object(doc, "", "announcements"))
        read_announcements(r, *a, cfg.announcements);
    if (const json* people = r.array(doc, "", "people")) read_people(r, *people, cfg.people);
    r.report_unknown_keys();

    for (auto& site : cfg.sites) {
        fill_defaults(site);
        if (site.bizops_channel.empty()) site.bizops_channel = cfg.slack.bizops_channel;
        if (site.announcements_channel.empty())
            site.announcements_channel = cfg.announcements.channel;
    }
    fill_defaults(cfg.pto);
    fill_defaults(cfg.expenses);
    fill_defaults(cfg.office);
    fill_defaults(cfg.faq);

    cfg.index_people();  // validation reads who leads which site
    for (auto& p : validate(cfg)) problems.push_back(std::move(p));
    if (!problems.empty()) throw ConfigError(std::move(problems));
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
    Config cfg = parse(doc);
    // Files the configuration names are beside it.
    if (!cfg.faq.seed_file.empty() && std::filesystem::path(cfg.faq.seed_file).is_relative())
        cfg.faq.seed_file =
            (std::filesystem::path(path).parent_path() / cfg.faq.seed_file).string();
    if (!cfg.faq.examples_file.empty() &&
        std::filesystem::path(cfg.faq.examples_file).is_relative())
        cfg.faq.examples_file =
            (std::filesystem::path(path).parent_path() / cfg.faq.examples_file).string();
    std::vector<std::string> problems;
    read_examples(cfg.faq, problems);
    if (!problems.empty()) throw ConfigError(std::move(problems));
    return cfg;
}

std::optional<std::string> process_env(const char* name) {
    if (const char* v = std::getenv(name); v && *v) return std::string(v);
    return std::nullopt;
}

void apply_env(Config& cfg, const Getenv& getenv) {
    if (auto v = getenv("SLACK_SIGNING_SECRET")) cfg.slack.signing_secret = *v;
    if (auto v = getenv("SLACK_BOT_TOKEN")) cfg.slack.bot_token = *v;
    if (auto v = getenv("SLACK_USER_TOKEN")) cfg.slack.user_token = *v;
    if (auto v = getenv("SLACK_API_BASE_URL")) cfg.slack.api_base_url = *v;
    if (auto v = getenv("SITELEAD_WEBHOOK_SECRET")) cfg.webhook_secret = *v;
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

void Config::index_people() {
    gather_site_leads(*this);
    people_index_.build(people);
}

const Site& Config::site_of(const Person& p) const {
    if (!p.site.empty())
        if (const Site* s = find_site(p.site)) return *s;
    return sites.front();
}

const Site& Config::site_of(std::string_view slack_id) const {
    const Person* p = find_person(slack_id);
    return p ? site_of(*p) : sites.front();
}

const Site* Config::find_site(std::string_view id) const {
    for (const auto& s : sites)
        if (s.id == id) return &s;
    return nullptr;
}

std::vector<const Person*> Config::site_leads_of(const Site& site) const {
    std::vector<const Person*> out;
    for (const auto& id : site.site_leads)
        if (const Person* p = find_person(id)) out.push_back(p);
    return out;
}

bool Config::leads(const Person& p, const Site& site) const {
    return site.leads(p.slack_id) || p.has_role(Role::admin);
}

namespace {

std::string site_ids(const Config& cfg) {
    std::string out;
    for (const auto& s : cfg.sites) out += (out.empty() ? "" : ", ") + s.id;
    return out;
}

// Every person at a known site; every site led by people in the directory.
void check_people_at_sites(const Config& cfg, std::vector<std::string>& problems) {
    for (std::size_t i = 0; i < cfg.people.size(); ++i) {
        const Person& p = cfg.people[i];
        const std::string key = "people[" + std::to_string(i) + "].site";
        if (p.site.empty()) {
            if (cfg.sites.size() > 1)
                problems.push_back(key + ": required when there are several sites (one of " +
                                   site_ids(cfg) + ")");
        } else if (!cfg.find_site(p.site)) {
            problems.push_back(key + ": unknown site \"" + p.site + "\" (the sites are " +
                               site_ids(cfg) + ")");
        }
    }
    std::set<std::string> known;
    for (const auto& p : cfg.people) known.insert(p.slack_id);
    for (std::size_t i = 0; i < cfg.sites.size(); ++i) {
        const Site& s = cfg.sites[i];
        const std::string key =
            cfg.sites_listed ? "sites[" + std::to_string(i) + "].site_leads" : "site.site_leads";
        for (std::size_t j = 0; j < s.site_leads.size(); ++j)
            if (!known.count(s.site_leads[j]))
                problems.push_back(key + "[" + std::to_string(j) + "]: \"" + s.site_leads[j] +
                                   "\" is not a slack_id in people");
        if (cfg.people.empty() || !s.site_leads.empty()) continue;
        if (cfg.sites_listed)
            problems.push_back(key + ": the site \"" + s.id +
                               "\" has no site lead; list the slack id of at least one person");
        else
            problems.push_back("people: at least one person needs the \"site_lead\" role");
    }
}

}  // namespace

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
    check_sites(cfg.sites, cfg.sites_listed, problems);
    check_pto(cfg.pto, problems);
    check_expenses(cfg.expenses, cfg.sites, cfg.sites_listed, problems);
    check_office(cfg.office, problems);
    check_digest(cfg.digest, problems);
    check_reminders(cfg.reminders, problems);
    check_announcements(cfg.announcements, problems);
    check_faq(cfg.faq, problems);
    check_people(cfg.people, leave_type_names(cfg.pto), problems);
    if (!cfg.sites.empty()) check_people_at_sites(cfg, problems);
    return problems;
}

}  // namespace config
