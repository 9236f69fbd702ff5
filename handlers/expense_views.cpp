// The read-only expense views: /expense list, pending and show.

#include <map>

#include <date/tz.h>
#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/dates.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "handlers/expense.hpp"
#include "handlers/expense_parts.hpp"
#include "handlers/expense_text.hpp"
#include "storage/audit.hpp"
#include "storage/expense_store.hpp"

namespace handlers::expense::views {
namespace {

namespace store = storage::expense;
using core::mention;
using store::Status;

// "today 14:03", "Tue Dec 1 14:03" at the reader's site, as a ticket's
// history reads.
std::string when_text(const Context& ctx, std::int64_t at_ms) {
    return core::format_moment(ctx.site.tz(), at_ms, ctx.today);
}

// Who may read an expense and its history: its submitter, whoever decided or
// was asked to decide it, BizOps, site leads and admins.
bool may_see(const Context& ctx, const store::Expense& e,
             const std::vector<storage::audit::Entry>& history) {
    const config::Person& me = *ctx.caller;
    if (e.submitter == me.slack_id || e.approver == me.slack_id) return true;
    if (me.is_site_lead() || me.has_role(config::Role::bizops)) return true;
    for (const auto& h : history)
        if (h.actor == me.slack_id) return true;
    return false;
}

}  // namespace

Plan list(const Context& ctx, SQLite::Database& reads) {
    const auto rows = store::of_submitter(reads, ctx.user_id,
                                          core::unix_ms(ctx.now - date::days{parts::kRecentDays}));
    if (rows.empty())
        return Plan::answer(
            fmt::format("You have no expenses from the last {} days. Submit one with "
                        "`/expense 42.50 meals lunch with a client`.",
                        parts::kRecentDays));
    std::string text = fmt::format("Your expenses of the last {} days:\n", parts::kRecentDays);
    std::map<std::string, std::int64_t> totals;  // by currency, of what is still owed or paid
    for (const auto& e : rows) {
        text += "• " + expense_line(e) + "\n";
        if (e.status != Status::cancelled && e.status != Status::denied)
            totals[e.currency] += e.amount_minor;
    }
    std::string sums;
    for (const auto& [code, minor] : totals)
        sums +=
            (sums.empty() ? "" : " · ") + core::format_money({minor, core::find_currency(code)});
    if (!sums.empty()) text += "*Total* (not counting denied or cancelled): " + sums;
    return Plan::answer(std::move(text));
}

Plan pending(const Context& ctx, SQLite::Database& reads) {
    const auto items = awaiting(ctx, reads);
    if (items.empty()) return Plan::answer("No expenses are waiting for your approval.");
    return Plan::answer(approvals::waiting_text(items, "expense"));
}

Plan show(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const auto [word, rest] = core::split_first_word(args);
    const auto id = core::parse_id(word);
    if (!id || id->kind != core::IdKind::expense)
        throw Refusal("Which expense? Usage: `/expense show EXP-7`");
    const auto e = store::get(reads, id->number);
    const auto history = storage::audit::history(reads, core::IdKind::expense, id->number);
    if (!e || !may_see(ctx, *e, history))
        throw Refusal(fmt::format("There is no expense {} you can see.", id->text()));
    std::string text = summary(ctx, *e, id_text(e->id)) + "\n*Now:* " + state_text(*e) + "\n";
    for (const auto& h : history)
        text += fmt::format("• {} {} by {}{}\n", when_text(ctx, h.at_ms), h.action,
                            mention(h.actor), h.note.empty() ? "" : ": " + h.note);
    return Plan::answer(std::move(text));
}

}  // namespace handlers::expense::views
