#include "config/directory.hpp"

#include <algorithm>

#include "config/reader.hpp"
#include "core/names.hpp"
#include "core/text.hpp"

namespace config {
namespace {

using json = nlohmann::json;

using core::lower;

// Ids, names and allowances; the second pass, over managers, needs
// every id known first.
void check_person(const Person& p, std::size_t i, const std::set<std::string>& leave_types,
                  std::map<std::string, std::size_t>& index, std::vector<std::string>& problems) {
    auto add = [&](std::string problem) { problems.push_back(std::move(problem)); };
    const std::string pp = "people[" + std::to_string(i) + "]";
    if (p.slack_id.empty()) {
        add(pp + ".slack_id: required (the Slack user id, such as \"U024BE7LH\")");
        return;
    }
    if (p.name.empty()) add(pp + ".name: required");
    if (auto [it, fresh] = index.emplace(p.slack_id, i); !fresh)
        add(pp + ".slack_id: duplicate user \"" + p.slack_id + "\" (also people[" +
            std::to_string(it->second) + "])");
    for (const auto& [type, days] : p.allowances) {
        if (!leave_types.count(type)) add(pp + ".allowances." + type + ": not one of pto.types");
        if (days < 0) add(pp + ".allowances." + type + ": must not be negative");
    }
}

void check_manager(const std::vector<Person>& people, std::size_t i,
                   const std::map<std::string, std::size_t>& index,
                   std::vector<std::string>& problems) {
    const auto& p = people[i];
    if (p.manager.empty()) return;
    const std::string key = "people[" + std::to_string(i) + "].manager";
    if (p.manager == p.slack_id) {
        problems.push_back(key + ": a person cannot be their own manager");
        return;
    }
    if (!index.count(p.manager)) {
        problems.push_back(key + ": \"" + p.manager + "\" is not a slack_id in people");
        return;
    }
    // Walk up the chain; coming back to the start is a cycle.
    std::string at = p.manager;
    for (std::size_t steps = 0; steps <= people.size() && !at.empty(); ++steps) {
        if (at == p.slack_id) {
            problems.push_back(key + ": the management chain of \"" + p.slack_id + "\" is a cycle");
            break;
        }
        auto it = index.find(at);
        at = it == index.end() ? std::string() : people[it->second].manager;
    }
}

}  // namespace

constexpr core::Names<Role, 4> kRoleNames{{"employee", "site_lead", "bizops", "admin"}};

std::string_view to_string(Role role) {
    return kRoleNames.of(role);
}

std::optional<Role> parse_role(std::string_view name) {
    return kRoleNames.find(name);
}

bool Person::has_role(Role role) const {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

void PeopleIndex::build(const std::vector<Person>& people) {
    person_at_.clear();
    reports_at_.clear();
    for (std::size_t i = 0; i < people.size(); ++i) {
        person_at_.emplace(people[i].slack_id, i);
        if (!people[i].manager.empty()) reports_at_[people[i].manager].push_back(i);
    }
}

const Person* PeopleIndex::find(const std::vector<Person>& people,
                                std::string_view slack_id) const {
    if (covers(people)) {
        const auto it = person_at_.find(slack_id);
        return it == person_at_.end() ? nullptr : &people[it->second];
    }
    for (const auto& p : people)
        if (p.slack_id == slack_id) return &p;
    return nullptr;
}

const Person* PeopleIndex::find_loose(const std::vector<Person>& people,
                                      std::string_view who) const {
    if (who.empty()) return nullptr;  // would match anyone without an email
    if (const Person* p = find(people, who)) return p;
    const std::string w = lower(who);
    for (const auto& p : people) {
        const std::string name = lower(p.name);
        if (name == w || lower(p.email) == w || name.substr(0, name.find(' ')) == w) return &p;
    }
    return nullptr;
}

std::vector<const Person*> PeopleIndex::reports_of(const std::vector<Person>& people,
                                                   std::string_view manager_id) const {
    std::vector<const Person*> out;
    if (covers(people)) {
        if (const auto it = reports_at_.find(manager_id); it != reports_at_.end())
            for (const std::size_t i : it->second) out.push_back(&people[i]);
        return out;
    }
    for (const auto& p : people)
        if (p.manager == manager_id) out.push_back(&p);
    return out;
}

std::vector<const Person*> site_leads(const std::vector<Person>& people) {
    std::vector<const Person*> out;
    for (const auto& p : people)
        if (p.has_role(Role::site_lead)) out.push_back(&p);
    return out;
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
        r.get(pj, pp, "site", person.site);
        std::vector<std::string> roles;
        r.get(pj, pp, "roles", roles);
        for (const auto& name : roles) {
            if (auto role = parse_role(name))
                person.roles.push_back(*role);
            else
                r.problem(pp + ".roles: unknown role \"" + name +
                          "\" (use employee, site_lead, bizops or admin)");
        }
        // Keyed by leave type, not by this schema: check_people checks the keys.
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

void check_people(const std::vector<Person>& people, const std::set<std::string>& leave_types,
                  std::vector<std::string>& problems) {
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < people.size(); ++i)
        check_person(people[i], i, leave_types, index, problems);
    for (std::size_t i = 0; i < people.size(); ++i) check_manager(people, i, index, problems);
}

}  // namespace config
