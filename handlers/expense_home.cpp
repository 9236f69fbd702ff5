// Expenses' part of a person's Home tab: their recent expenses and their
// states, and what waits for their approval (with the buttons).

#include <fmt/format.h>

#include "core/text.hpp"
#include "handlers/expense.hpp"
#include "handlers/expense_parts.hpp"
#include "handlers/expense_text.hpp"
#include "handlers/home.hpp"

namespace handlers::expense {

void home(const Context& ctx, SQLite::Database& reads, std::vector<blocks::Block>& out) {
    const config::Person& me = *ctx.caller;
    constexpr std::int64_t kRecentMs = 60LL * 24 * 3600 * 1000;
    const auto mine =
        parts::store::of_submitter(reads, me.slack_id, parts::now_ms(ctx) - kRecentMs);
    std::string text = "*Expenses*";
    for (std::size_t i = 0; i < mine.size() && i < kHomeItems; ++i)
        text += "\n" + expense_line(mine[i]);
    text += mine.empty() ? "\nNone in the last 60 days."
                         : more_line(mine.size(), kHomeItems, "/expense list");
    out.push_back(blocks::section(text));

    const auto waiting = parts::store::waiting_for(reads, me.slack_id);
    if (!waiting.empty())
        out.push_back(blocks::section(
            fmt::format("*Expenses waiting for your approval* ({})", waiting.size())));
    for (std::size_t i = 0; i < waiting.size() && i < kHomeItems; ++i) {
        const auto& e = waiting[i];
        const std::string id = id_text(e.id);
        out.push_back(blocks::section(
            fmt::format("{} from {}", expense_line(e), core::mention(e.submitter))));
        out.push_back(blocks::actions(
            "home-" + id,
            {blocks::button("Approve", "home.approve." + id, "approve " + id,
                            blocks::Style::primary),
             blocks::button("Deny", "home.deny." + id, "deny " + id, blocks::Style::danger)}));
    }
    if (waiting.size() > kHomeItems)
        out.push_back(blocks::context(more_line(waiting.size(), kHomeItems, "/expense pending")));
}

}  // namespace handlers::expense
