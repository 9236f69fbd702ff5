#pragma once
// Leave: the types people may take, how much of each, and how long a request may be.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "config/directory.hpp"

namespace config {

// The cap on pto.max_request_days: a year, leap day included. Storage bounds
// its interval queries by it (a request touching day D starts on or after D
// minus this), so a longer request would go missing from them.
inline constexpr int kLongestRequestDays = 366;

struct LeaveType {
    std::string name;                 // "vacation", "sick", "personal"
    std::optional<double> allowance;  // days a year; none = unlimited
    bool needs_approval = true;       // false: recorded at once, the manager is told
    // The Slack status of someone away on it (pto.slack_status). The text
    // is what colleagues read: by default it does not say which leave.
    std::string status_emoji = ":palm_tree:";
    std::string status_text = "Out of office";
};

struct Pto {
    std::vector<LeaveType> types;
    std::string default_type = "vacation";
    int max_request_days = 30;  // longest request, in calendar days
    // On the first day of approved leave, set the person's Slack status
    // (their leave type's emoji and text) until it ends. Needs a user token
    // (SLACK_USER_TOKEN) with users.profile:write; without one it is skipped.
    bool slack_status = false;
};

// By name, in any case.
const LeaveType* find_leave_type(const Pto& pto, std::string_view name);
// Days a year `p` may take of `type`: their own allowance, else the type's; < 0: unlimited.
double allowance_of(const Person& p, const LeaveType& type);
// The names as written, for checking what refers to them.
std::set<std::string> leave_type_names(const Pto& pto);

class Reader;

void read_pto(Reader& r, const nlohmann::json& j, Pto& pto);
// Vacation, personal and sick when the file lists no type.
void fill_defaults(Pto& pto);
void check_pto(const Pto& pto, std::vector<std::string>& problems);

}  // namespace config
