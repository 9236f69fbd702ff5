#pragma once
// `/approve <ID> [note]` and `/deny <ID> <reason>`: reads the id and hands the
// decision to the handler that owns that kind of request.

#include <string_view>

#include <SQLiteCpp/Database.h>

#include "handlers/context.hpp"
#include "handlers/help.hpp"
#include "core/message.hpp"

namespace handlers {

Result approve(const Context& ctx, std::string_view args, SQLite::Database& db);
Result deny(const Context& ctx, std::string_view args, SQLite::Database& db);

HelpSection approvals_help_section();

}  // namespace handlers
