#pragma once
// `/sitelead`: the site lead's own commands. `digest` (handlers/digest.hpp),
// `announce` and `announcements` (handlers/announce.hpp), and the admin's
// `whois` and `config` (handlers/sitelead_admin.hpp); `/sitelead help` is
// the router's.

#include <string_view>

#include <SQLiteCpp/Database.h>

#include "handlers/blocks.hpp"
#include "handlers/context.hpp"
#include "handlers/help.hpp"

namespace handlers::sitelead {

Plan handle(const Context& ctx, std::string_view args, SQLite::Database& reads);
HelpSection help_section();
// A site lead's part of the Home tab: their digest, then the announcements
// they have scheduled.
void home(const Context& ctx, SQLite::Database& reads, std::vector<blocks::Block>& out);

}  // namespace handlers::sitelead
