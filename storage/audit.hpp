#pragma once
// The one audit trail every workflow writes: each change of an item (a PTO
// request, an expense, a ticket) is a row saying who did what, when, from
// which state to which, and why. It is written in the transaction of the
// change itself, so the trail and the state never disagree.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "core/ids.hpp"

namespace storage::audit {

struct Change {
    core::IdKind kind;
    std::int64_t item = 0;
    std::string_view action;  // "created", "approved", "delegated", ...
    std::string_view from;    // the state before; empty for a new item
    std::string_view to;      // the state after
    std::string_view actor;   // a slack id
    std::int64_t at_ms = 0;
    std::string_view note;
};

void record(SQLite::Database& db, const Change& change);

struct Entry {
    std::string action, from, to, actor, note;
    std::int64_t at_ms = 0;
};

// The item's changes, oldest first.
std::vector<Entry> history(SQLite::Database& db, core::IdKind kind, std::int64_t item);

}  // namespace storage::audit
