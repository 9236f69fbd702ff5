#pragma once
// The morning digest: when each site lead hears about their site, and who
// else gets one. The time is wall-clock time in each site's zone, on its
// working days.

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace config {

struct Digest {
    std::chrono::minutes time{8 * 60 + 30};  // "08:30"
    // Managers get their own team's digest on the mornings something waits
    // for their decision.
    bool managers = true;
    // An approved expense not reimbursed after this many working days is listed.
    int unreimbursed_after_days = 10;
};

class Reader;

void read_digest(Reader& r, const nlohmann::json& j, Digest& digest);
void check_digest(const Digest& digest, std::vector<std::string>& problems);

}  // namespace config
