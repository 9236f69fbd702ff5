#pragma once
// The admin's `/sitelead` commands: `whois` (a person of the directory, and
// who decides their requests today) and `config` (the configuration in use,
// in short). Admins only; both read and change nothing.

#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "handlers/context.hpp"
#include "handlers/help.hpp"

namespace handlers::sitelead {

Plan whois(const Context& ctx, std::string_view args, SQLite::Database& reads);
Plan configuration(const Context& ctx, std::string_view args, SQLite::Database& reads);
std::vector<HelpLine> admin_help_lines();

}  // namespace handlers::sitelead
