// Office issues' part of a person's Home tab: their open tickets, and for a
// site lead the site's open queue.

#include <fmt/format.h>

#include "handlers/home.hpp"
#include "handlers/office.hpp"
#include "handlers/office_parts.hpp"

namespace handlers::office {

void home(const Context& ctx, SQLite::Database& reads, std::vector<blocks::Block>& out) {
    using parts::store::Status;
    const config::Person& me = *ctx.caller;
    std::string text = "*Your office tickets*";
    std::size_t total = 0, shown = 0;
    for (const auto& t : parts::store::of_person(reads, me.slack_id)) {
        if (t.status == Status::closed) continue;
        if (++total > kHomeItems) continue;
        text += "\n" + parts::ticket_line(ctx, t);
        ++shown;
    }
    text += total == 0 ? "\nNone open." : more_line(total, shown, "/office list");
    out.push_back(blocks::section(text));

    if (!ctx.cfg.leads(me, ctx.site)) return;
    const auto queue = parts::store::queue(reads, ctx.site.id);
    std::string q = fmt::format("*Open tickets at {}* ({})", ctx.site.name, queue.size());
    for (std::size_t i = 0; i < queue.size() && i < kHomeItems; ++i)
        q += "\n" + parts::ticket_line(ctx, queue[i]);
    q +=
        queue.empty() ? "\nNone: all clear." : more_line(queue.size(), kHomeItems, "/office queue");
    out.push_back(blocks::section(q));
}

}  // namespace handlers::office
