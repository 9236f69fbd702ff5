// Expenses' part of a person's Home tab: their recent expenses and their
// states, and what waits for their approval (with the buttons).

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "handlers/expense.hpp"
#include "handlers/expense_parts.hpp"
#include "handlers/expense_text.hpp"
#include "handlers/home.hpp"

namespace handlers::expense {

std::vector<Decidable> awaiting(const Context& ctx, SQLite::Database& reads) {
    std::vector<Decidable> out;
    for (const auto& e : parts::store::waiting_for(reads, ctx.user_id))
        out.push_back({id_text(e.id), waiting_line(e), e.created_at});
    return out;
}

void home(const Context& ctx, SQLite::Database& reads, std::vector<blocks::Block>& out) {
    const config::Person& me = *ctx.caller;
    const auto mine = parts::store::of_submitter(
        reads, me.slack_id, core::unix_ms(ctx.now - date::days{parts::kRecentDays}));
    std::string text = "*Expenses*";
    for (std::size_t i = 0; i < mine.size() && i < kHomeItems; ++i)
        text += "\n" + expense_line(mine[i]);
    text += mine.empty() ? fmt::format("\nNone in the last {} days.", parts::kRecentDays)
                         : more_line(mine.size(), kHomeItems, "/expense list");
    out.push_back(blocks::section(text));

    decisions(out, "Expenses waiting for your approval", awaiting(ctx, reads), "/expense pending");
}

}  // namespace handlers::expense
