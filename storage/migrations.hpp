#pragma once
#include <string>
#include <vector>

namespace storage {
// The ordered schema steps; step i brings user_version from i to i+1.
// Never edit or renumber a shipped step: add a new one.
const std::vector<std::string>& migrations();
// Steps 11 on, which migrations() appends to the first ten.
const std::vector<std::string>& workflow_steps();
}  // namespace storage
