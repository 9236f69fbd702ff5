#pragma once
// The site directory: who works here, their roles and who manages whom.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace config {

// What a person is in the directory, beyond working here. Written in the
// configuration as "employee", "site_lead", "bizops" and "admin".
enum class Role { employee, site_lead, bizops, admin };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view name);

struct Person {
    std::string slack_id;
    std::string name;
    std::string email;
    std::string manager;  // slack id, empty for none
    std::string site;     // site id; empty: the first (only) site
    std::vector<Role> roles;
    std::map<std::string, double> allowances;  // per leave type, overrides the type's default

    bool has_role(Role role) const;
    // Leads a site (any), or is an admin. Config::leads() says which.
    bool is_site_lead() const { return has_role(Role::site_lead) || has_role(Role::admin); }
};

// Positions in a list of people, by slack id and by manager. Every request
// looks people up by id, often several times, and a directory has thousands
// of them. The list stays the caller's to edit by hand, so every lookup is
// given it again, and scans it when the index no longer covers it.
class PeopleIndex {
public:
    void build(const std::vector<Person>& people);

    const Person* find(const std::vector<Person>& people, std::string_view slack_id) const;
    // By slack id, then case-insensitive name, first name or email.
    const Person* find_loose(const std::vector<Person>& people, std::string_view who) const;
    std::vector<const Person*> reports_of(const std::vector<Person>& people,
                                          std::string_view manager_id) const;

private:
    bool covers(const std::vector<Person>& people) const {
        return person_at_.size() == people.size() && !people.empty();
    }

    std::map<std::string, std::size_t, std::less<>> person_at_;
    std::map<std::string, std::vector<std::size_t>, std::less<>> reports_at_;
};

std::vector<const Person*> site_leads(const std::vector<Person>& people);

class Reader;

// `people` is the array at the top level's "people".
void read_people(Reader& r, const nlohmann::json& people, std::vector<Person>& out);
// `leave_types` are the names person allowances may use.
void check_people(const std::vector<Person>& people, const std::set<std::string>& leave_types,
                  std::vector<std::string>& problems);

}  // namespace config
