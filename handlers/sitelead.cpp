#include "handlers/sitelead.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
#include "handlers/announce.hpp"
#include "handlers/digest.hpp"
#include "handlers/sitelead_admin.hpp"

namespace handlers::sitelead {

Plan handle(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const auto [word, rest] = core::split_first_word(args);
    if (word == "digest") return digest::handle(ctx, rest, reads);
    if (word == "announce") return announce::announce(ctx, rest, reads);
    if (word == "announcements") return announce::announcements(ctx, rest, reads);
    if (word == "whois") return whois(ctx, rest, reads);
    if (word == "config") return configuration(ctx, rest, reads);
    throw Refusal(fmt::format(
        "I don't know `/sitelead {}`.\nUsage: `/sitelead digest`, `/sitelead announce <text>`, "
        "`/sitelead announcements` or `/sitelead help` (admins: `/sitelead whois @someone`, "
        "`/sitelead config`)",
        core::plain(core::trim(args))));
}

HelpSection help_section() {
    HelpSection section{
        "Site lead",
        {{"/sitelead help", "list what you may do (this message)"}, digest::help_line()}};
    for (auto& line : announce::help_lines()) section.lines.push_back(line);
    for (auto& line : admin_help_lines()) section.lines.push_back(line);
    return section;
}

void home(const Context& ctx, SQLite::Database& reads, std::vector<blocks::Block>& out) {
    digest::home(ctx, reads, out);
    announce::home(ctx, reads, out);
}

}  // namespace handlers::sitelead
