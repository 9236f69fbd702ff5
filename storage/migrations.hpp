#pragma once
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace storage {
// The ordered schema steps; step i brings user_version from i to i+1.
// Never edit or renumber a shipped step: add a new one.
const std::vector<std::string>& migrations();
// Steps 11 on, which migrations() appends to the first ten.
const std::vector<std::string>& workflow_steps();

// The SQL that rebuilds the outbox with the same columns, rows and indexes,
// so that its method CHECK allows `methods`: SQLite cannot widen a CHECK in
// place. Spelled as ORs: an IN list would build a temporary table on every
// insert. From step 20 on, a person's pending Home tab publish has its own
// small index (`home_index`).
std::string outbox_rebuilt(std::initializer_list<std::string_view> methods, bool home_index);
}  // namespace storage
