#include "config/config.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

#include <date/tz.h>
#include <nlohmann/json.hpp>

#include "core/dates.hpp"
#include "core/text.hpp"

namespace config {
namespace {

using json = nlohmann::json;

using core::lower;

// Reads typed values out of a JSON object and collects, instead of throwing,
// every problem with the dotted key it belongs to. It remembers the keys it
// was asked for, so that a key nobody reads (a misspelling, most likely) is
// reported too instead of silently keeping a default.
class Reader {
public:
    Reader(std::vector<std::string>& problems) : problems_(problems) {}

    template <typename T>
    void get(const json& obj, const std::string& path, const char* key, T& out) {
        expect(obj, path, key);
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return;
        // Checked first: nlohmann turns true into 1 and 2.5 into 2 without a word.
        if (fits<T>(*it)) {
            try {
                out = it->get<T>();
                return;
            } catch (const json::exception&) {
            }
        }
        problems_.push_back(join(path, key) + ": expected " + kind<T>() + ", got " +
                            (it->is_number() ? it->dump() : std::string(it->type_name())));
    }

    void seconds(const json& obj, const std::string& path, const char* key,
                 std::chrono::seconds& out) {
        long long v = out.count();
        get(obj, path, key, v);
        if (v <= 0) problems_.push_back(join(path, key) + ": must be a positive number of seconds");
        out = std::chrono::seconds(v);
    }

    const json* object(const json& obj, const std::string& path, const char* key) {
        expect(obj, path, key);
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return nullptr;
        if (!it->is_object()) {
            problems_.push_back(join(path, key) + ": expected an object, got " + it->type_name());
            return nullptr;
        }
        return &*it;
    }

    const json* array(const json& obj, const std::string& path, const char* key) {
        expect(obj, path, key);
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return nullptr;
        if (!it->is_array()) {
            problems_.push_back(join(path, key) + ": expected an array, got " + it->type_name());
            return nullptr;
        }
        return &*it;
    }

    void problem(std::string p) { problems_.push_back(std::move(p)); }

    // `key` is one `obj` (at `path`) may hold.
    void expect(const json& obj, const std::string& path, const char* key) {
        auto [at, added] = index_.emplace(&obj, expected_.size());
        if (added) expected_.push_back({&obj, path, {}});
        expected_[at->second].keys.insert(key);
    }

    // One problem for every key of a read object that nothing asked for.
    void report_unknown_keys() {
        for (const auto& [obj, path, keys] : expected_) {
            for (auto it = obj->begin(); it != obj->end(); ++it) {
                if (keys.count(it.key())) continue;
                std::string known;
                for (const auto& k : keys) known += (known.empty() ? "" : ", ") + k;
                problems_.push_back(join(path, it.key().c_str()) +
                                    ": unknown key; the keys here are " + known);
            }
        }
    }

    static std::string join(const std::string& path, const char* key) {
        return path.empty() ? std::string(key) : path + "." + key;
    }

private:
    struct Expected {
        const json* obj;
        std::string path;
        std::set<std::string> keys;
    };
    std::vector<Expected> expected_;  // in the order the objects were read
    std::map<const json*, std::size_t> index_;

    template <typename T>
    static const char* kind() {
        if constexpr (std::is_same_v<T, std::string>) return "a string";
        else if constexpr (std::is_same_v<T, bool>) return "true or false";
        else if constexpr (std::is_unsigned_v<T>) return "a whole number of at least 0";
        else if constexpr (std::is_integral_v<T>) return "a whole number";
        else if constexpr (std::is_arithmetic_v<T>) return "a number";
        else return "a list of strings";
    }

    template <typename T>
    static bool fits(const json& v) {
        if constexpr (std::is_same_v<T, bool>) return v.is_boolean();
        else if constexpr (std::is_unsigned_v<T>) return v.is_number_unsigned();
        else if constexpr (std::is_integral_v<T>) return v.is_number_integer();
        else if constexpr (std::is_arithmetic_v<T>) return v.is_number();
        else return true;  // strings and lists: get<T> checks them
    }

    std::vector<std::string>& problems_;
};

std::optional<date::weekday> parse_weekday(std::string_view s) {
    static constexpr const char* names[] = {"sunday",   "monday", "tuesday", "wednesday",
                                            "thursday", "friday", "saturday"};
    const std::string l = lower(s);
    for (unsigned i = 0; i < 7; ++i) {
        const std::string_view name = names[i];
        if (l == name || l == name.substr(0, 3)) return date::weekday{i};
    }
    return std::nullopt;
}

void read_server(Reader& r, const json& j, Server& s) {
    const std::string p = "server";
    r.get(j, p, "address", s.address);
    int port = s.port;
    r.get(j, p, "port", port);
    if (port < 0 || port > 65535) r.problem("server.port: must be between 0 and 65535");
    s.port = static_cast<std::uint16_t>(port);
    r.get(j, p, "threads", s.threads);
    r.get(j, p, "body_limit", s.body_limit);
    r.get(j, p, "header_limit", s.header_limit);
    r.seconds(j, p, "read_timeout_seconds", s.read_timeout);
    r.seconds(j, p, "write_timeout_seconds", s.write_timeout);
    r.seconds(j, p, "idle_timeout_seconds", s.idle_timeout);
    r.seconds(j, p, "shutdown_grace_seconds", s.shutdown_grace);
}

void read_site(Reader& r, const json& j, Site& s) {
    const std::string p = "site";
    r.get(j, p, "name", s.name);
    r.get(j, p, "time_zone", s.time_zone);
    r.get(j, p, "currency", s.currency);
    if (const json* days = r.array(j, p, "working_days")) {
        s.working_days.clear();
        for (std::size_t i = 0; i < days->size(); ++i) {
            const json& d = (*days)[i];
            auto wd = d.is_string() ? parse_weekday(d.get<std::string>()) : std::nullopt;
            if (!wd) {
                r.problem("site.working_days[" + std::to_string(i) +
                          "]: expected a day name such as \"mon\", got " + d.dump());
                continue;
            }
            s.working_days.push_back(*wd);
        }
    }
    if (const json* hols = r.array(j, p, "holidays")) {
        for (std::size_t i = 0; i < hols->size(); ++i) {
            const json& h = (*hols)[i];
            const std::string hp = "site.holidays[" + std::to_string(i) + "]";
            if (!h.is_object()) {
                r.problem(hp + ": expected an object {\"date\": \"YYYY-MM-DD\", \"name\": ...}");
                continue;
            }
            Holiday hol;
            std::string day;
            r.get(h, hp, "date", day);
            r.get(h, hp, "name", hol.name);
            r.get(h, hp, "half", hol.half);
            auto ymd = core::parse_iso_date(day);
            if (!ymd) {
                r.problem(hp + ".date: expected a date as YYYY-MM-DD, got \"" + day + "\"");
                continue;
            }
            hol.day = *ymd;
            s.holidays.push_back(std::move(hol));
        }
    }
}

void read_pto(Reader& r, const json& j, Pto& pto) {
    const std::string p = "pto";
    r.get(j, p, "default_type", pto.default_type);
    r.get(j, p, "max_request_days", pto.max_request_days);
    if (const json* types = r.array(j, p, "types")) {
        pto.types.clear();
        for (std::size_t i = 0; i < types->size(); ++i) {
            const json& t = (*types)[i];
            const std::string tp = "pto.types[" + std::to_string(i) + "]";
            if (!t.is_object()) {
                r.problem(tp + ": expected an object {\"name\": ..., \"allowance\": ...}");
                continue;
            }
            LeaveType lt;
            r.get(t, tp, "name", lt.name);
            double allowance = -1;
            r.get(t, tp, "allowance", allowance);
            if (allowance >= 0) lt.allowance = allowance;
            r.get(t, tp, "needs_approval", lt.needs_approval);
            pto.types.push_back(std::move(lt));
        }
    }
}

void read_people(Reader& r, const json& people, std::vector<Person>& out) {
    for (std::size_t i = 0; i < people.size(); ++i) {
        const json& pj = people[i];
        const std::string pp = "people[" + std::to_string(i) + "]";
        if (!pj.is_object()) {
            r.problem(pp + ": expected an object {\"slack_id\": ..., \"name\": ...}");
            continue;
        }
        Person person;
        r.get(pj, pp, "slack_id", person.slack_id);
        r.get(pj, pp, "name", person.name);
        r.get(pj, pp, "email", person.email);
        r.get(pj, pp, "manager", person.manager);
        r.get(pj, pp, "roles", person.roles);
        if (const json* a = r.object(pj, pp, "allowances")) {
            for (auto it = a->begin(); it != a->end(); ++it) {
                if (!it->is_number()) {
                    r.problem(pp + ".allowances." + it.key() + ": expected a number of days");
                    continue;
                }
                person.allowances[it.key()] = it->get<double>();
            }
        }
        out.push_back(std::move(person));
    }
}

void default_types(Pto& pto) {
    if (!pto.types.empty()) return;
    pto.types = {{"vacation", 20.0, true}, {"personal", 3.0, true}, {"sick", std::nullopt, false}};
}

}  // namespace

bool Person::has_role(std::string_view role) const {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

void Config::index_people() {
    person_at_.clear();
    reports_at_.clear();
    for (std::size_t i = 0; i < people.size(); ++i) {
        person_at_.emplace(people[i].slack_id, i);
        if (!people[i].manager.empty()) reports_at_[people[i].manager].push_back(i);
    }
}

const Person* Config::find_person(std::string_view slack_id) const {
    if (indexed()) {
        const auto it = person_at_.find(slack_id);
        return it == person_at_.end() ? nullptr : &people[it->second];
    }
    for (const auto& p : people)
        if (p.slack_id == slack_id) return &p;
    return nullptr;
}

const Person* Config::find_person_loose(std::string_view who) const {
    if (who.empty()) return nullptr;  // would match anyone without an email
    if (const Person* p = find_person(who)) return p;
    const std::string w = lower(who);
    for (const auto& p : people) {
        const std::string name = lower(p.name);
        if (name == w || lower(p.email) == w || name.substr(0, name.find(' ')) == w) return &p;
    }
    return nullptr;
}

std::vector<const Person*> Config::site_leads() const {
    std::vector<const Person*> out;
    for (const auto& p : people)
        if (p.has_role("site_lead")) out.push_back(&p);
    return out;
}

std::vector<const Person*> Config::reports_of(std::string_view manager_id) const {
    std::vector<const Person*> out;
    if (indexed()) {
        if (const auto it = reports_at_.find(manager_id); it != reports_at_.end())
            for (const std::size_t i : it->second) out.push_back(&people[i]);
        return out;
    }
    for (const auto& p : people)
        if (p.manager == manager_id) out.push_back(&p);
    return out;
}

const LeaveType* Config::leave_type(std::string_view name) const {
    const std::string l = lower(name);
    for (const auto& t : pto.types)
        if (t.name == l) return &t;
    return nullptr;
}

double Config::allowance(const Person& p, const LeaveType& type) const {
    if (auto it = p.allowances.find(type.name); it != p.allowances.end()) return it->second;
    return type.allowance ? *type.allowance : -1.0;
}

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
    if (const json* d = r.object(doc, "", "database")) {
        r.get(*d, "database", "path", cfg.database.path);
        r.get(*d, "database", "synchronous", cfg.database.synchronous);
        r.get(*d, "database", "busy_timeout_ms", cfg.database.busy_timeout_ms);
    }
    if (const json* s = r.object(doc, "", "slack")) {
        r.get(*s, "slack", "signing_secret", cfg.slack.signing_secret);
        r.get(*s, "slack", "api_base_url", cfg.slack.api_base_url);
        r.get(*s, "slack", "bizops_channel", cfg.slack.bizops_channel);
        r.get(*s, "slack", "max_attempts", cfg.slack.max_attempts);
        r.get(*s, "slack", "ca_file", cfg.slack.ca_file);
        r.expect(*s, "slack", "bot_token");
        if (s->contains("bot_token"))
            r.problem("slack.bot_token: the bot token is a secret; set SLACK_BOT_TOKEN instead");
    }
    if (const json* s = r.object(doc, "", "site")) read_site(r, *s, cfg.site);
    if (const json* p = r.object(doc, "", "pto")) read_pto(r, *p, cfg.pto);
    if (const json* people = r.array(doc, "", "people")) read_people(r, *people, cfg.people);
    r.report_unknown_keys();

    if (cfg.site.working_days.empty())
        cfg.site.working_days = {date::Monday, date::Tuesday, date::Wednesday, date::Thursday,
                                 date::Friday};
    default_types(cfg.pto);

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
            throw ConfigError({"SITELEAD_PORT: expected a port number 0-65535, got \"" + *v + "\""});
        cfg.server.port = static_cast<std::uint16_t>(port);
    }
}

std::vector<std::string> validate(const Config& cfg) {
    std::vector<std::string> problems;
    auto add = [&](std::string p) { problems.push_back(std::move(p)); };

    if (cfg.server.threads < 1 || cfg.server.threads > 256)
        add("server.threads: must be between 1 and 256");
    if (cfg.server.body_limit < 1024) add("server.body_limit: must be at least 1024 bytes");
    static const std::set<std::string> syncs = {"OFF", "NORMAL", "FULL", "EXTRA"};
    if (!syncs.count(cfg.database.synchronous))
        add("database.synchronous: must be one of OFF, NORMAL, FULL, EXTRA, got \"" +
            cfg.database.synchronous + "\"");
    if (cfg.database.path.empty()) add("database.path: must not be empty");
    if (cfg.slack.max_attempts < 1) add("slack.max_attempts: must be at least 1");
    if (cfg.slack.api_base_url.rfind("https://", 0) != 0 &&
        cfg.slack.api_base_url.rfind("http://", 0) != 0)
        add("slack.api_base_url: must start with https:// (or http:// for local testing)");
    static const std::set<std::string> levels = {"trace", "debug", "info", "warn",
                                                 "error", "critical", "off"};
    if (!levels.count(cfg.log_level))
        add("log_level: must be one of trace, debug, info, warn, error, critical, off");

    try {
        (void)date::locate_zone(cfg.site.time_zone);
    } catch (const std::exception&) {
        add("site.time_zone: \"" + cfg.site.time_zone +
            "\" is not a known time zone (use an IANA name such as \"Europe/Berlin\")");
    }

    std::set<std::string> type_names;
    for (std::size_t i = 0; i < cfg.pto.types.size(); ++i) {
        const auto& t = cfg.pto.types[i];
        const std::string tp = "pto.types[" + std::to_string(i) + "]";
        if (t.name.empty()) add(tp + ".name: must not be empty");
        if (t.name != lower(t.name)) add(tp + ".name: must be lower case");
        if (!type_names.insert(t.name).second) add(tp + ".name: duplicate leave type \"" + t.name + "\"");
    }
    if (!type_names.count(cfg.pto.default_type))
        add("pto.default_type: \"" + cfg.pto.default_type + "\" is not one of pto.types");
    if (cfg.pto.max_request_days < 1 || cfg.pto.max_request_days > 366)
        add("pto.max_request_days: must be between 1 and 366");

    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < cfg.people.size(); ++i) {
        const auto& p = cfg.people[i];
        const std::string pp = "people[" + std::to_string(i) + "]";
        if (p.slack_id.empty()) {
            add(pp + ".slack_id: required (the Slack user id, such as \"U024BE7LH\")");
            continue;
        }
        if (p.name.empty()) add(pp + ".name: required");
        if (auto [it, fresh] = index.emplace(p.slack_id, i); !fresh)
            add(pp + ".slack_id: duplicate user \"" + p.slack_id + "\" (also people[" +
                std::to_string(it->second) + "])");
        static const std::set<std::string> roles = {"employee", "site_lead", "bizops", "admin"};
        for (const auto& role : p.roles)
            if (!roles.count(role))
                add(pp + ".roles: unknown role \"" + role +
                    "\" (use employee, site_lead, bizops or admin)");
        for (const auto& [type, days] : p.allowances) {
            if (!type_names.count(type))
                add(pp + ".allowances." + type + ": not one of pto.types");
            if (days < 0) add(pp + ".allowances." + type + ": must not be negative");
        }
    }
    for (std::size_t i = 0; i < cfg.people.size(); ++i) {
        const auto& p = cfg.people[i];
        if (p.manager.empty()) continue;
        const std::string key = "people[" + std::to_string(i) + "].manager";
        if (p.manager == p.slack_id) {
            add(key + ": a person cannot be their own manager");
            continue;
        }
        if (!index.count(p.manager)) {
            add(key + ": \"" + p.manager + "\" is not a slack_id in people");
            continue;
        }
        // Walk up the chain; coming back to the start is a cycle.
        std::string at = p.manager;
        for (std::size_t steps = 0; steps <= cfg.people.size() && !at.empty(); ++steps) {
            if (at == p.slack_id) {
                add(key + ": the management chain of \"" + p.slack_id + "\" is a cycle");
                break;
            }
            auto it = index.find(at);
            at = it == index.end() ? std::string() : cfg.people[it->second].manager;
        }
    }
    if (!cfg.people.empty() && cfg.site_leads().empty())
        add("people: at least one person needs the \"site_lead\" role");
    return problems;
}

}  // namespace config
