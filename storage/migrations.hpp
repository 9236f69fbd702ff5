#pragma once
#include <string>
#include <vector>

namespace storage {
// The ordered schema steps; step i brings user_version from i to i+1.
// Never edit or renumber a shipped step: add a new one.
const std::vector<std::string>& migrations();
}  // namespace storage
