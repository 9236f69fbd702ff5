#pragma once
// Reminders that escalate: a PTO request or expense waiting for a decision
// reminds its approver on the working days listed, is handed to a site lead
// the working day after the last, and expires when nobody decides it in time.

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace config {

struct Reminders {
    // Working days after the request on which its approver is reminded,
    // ascending.
    std::vector<int> days{1, 3, 5};
    // Working days after which a request nobody decided expires (cancelled,
    // its days released, the requester told); 0: never.
    int expire_after_days = 10;
};

class Reader;

void read_reminders(Reader& r, const nlohmann::json& j, Reminders& reminders);
void check_reminders(const Reminders& reminders, std::vector<std::string>& problems);

}  // namespace config
