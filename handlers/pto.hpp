#pragma once
// PTO: request, cancel, balances, lists and who is out (product.md, PTO), and
// the PTO side of /approve and /deny.

#include <chrono>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "handlers/context.hpp"
#include "handlers/help.hpp"
#include "core/message.hpp"

namespace handlers::pto {

// `/pto ...` and `pto ...` in a DM.
Result handle(const Context& ctx, std::string_view args, SQLite::Database& db);

// `/approve PTO-12 [note]` and `/deny PTO-12 <reason>` once the id is known
// to be a PTO id; `note` is trimmed.
Result decide(const Context& ctx, std::int64_t id, bool approve, std::string_view note,
              SQLite::Database& db);

HelpSection help_section();

// The morning reminder: one DM per approver whose requests have waited more
// than a day at `now`, listing them oldest first.
std::vector<Message> reminders(const config::Config& cfg, SQLite::Database& db,
                               std::chrono::system_clock::time_point now);

}  // namespace handlers::pto
