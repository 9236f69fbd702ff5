#pragma once
// `/sitelead`: the site lead's own commands. `digest` (handlers/digest.hpp),
// `announce` and `announcements` (handlers/announce.hpp); `/sitelead help`
// is the router's.

#include <string_view>

#include <SQLiteCpp/Database.h>

#include "handlers/context.hpp"
#include "handlers/help.hpp"

namespace handlers::sitelead {

Plan handle(const Context& ctx, std::string_view args, SQLite::Database& reads);
HelpSection help_section();

}  // namespace handlers::sitelead
