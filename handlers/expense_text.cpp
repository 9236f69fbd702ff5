#include "handlers/expense_text.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/dates.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"

namespace handlers::expense {

using core::mention;
using storage::expense::Status;

std::string id_text(std::int64_t id) {
    return core::format_id(core::IdKind::expense, id);
}

core::Money money_of(const storage::expense::Expense& e) {
    return core::Money{e.amount_minor, core::find_currency(e.currency)};
}

std::string amount_text(const storage::expense::Expense& e) {
    return core::format_money(money_of(e));
}

std::string state_text(const storage::expense::Expense& e) {
    switch (e.status) {
        case Status::needs_receipt:
            return "needs a receipt";
        case Status::pending:
            return e.stage == 2
                       ? fmt::format("waiting for {} (second approval)", mention(e.approver))
                       : fmt::format("waiting for {}", mention(e.approver));
        case Status::approved:
            return "approved, to be reimbursed";
        case Status::denied:
            return "denied";
        case Status::cancelled:
            return "cancelled";
        case Status::reimbursed:
            return e.reference.empty() ? std::string("reimbursed")
                                       : fmt::format("reimbursed ({})", e.reference);
    }
    return std::string(to_string(e.status));
}

std::string summary(const Context& ctx, const storage::expense::Expense& e, const std::string& id) {
    std::string s = fmt::format("*{} {}* ({})\n*{}:* {}", mention(e.submitter), amount_text(e), id,
                                e.category, e.description);
    if (auto day = core::parse_iso(e.spent_on))
        s += fmt::format("\n*Spent:* {}", core::format_span({*day, *day}, ctx.today));
    if (!e.receipt_url.empty())
        s += fmt::format("\n*Receipt:* <{}|link>", e.receipt_url);
    else if (!e.receipt_file.empty())
        s += fmt::format("\n*Receipt:* {} (shared file)", e.receipt_name);
    else
        s += "\n*Receipt:* none";
    if (ctx.cfg.sites.size() > 1)
        if (const config::Site* site = ctx.cfg.find_site(e.site))
            s += fmt::format("\n*Site:* {}", site->name);
    // Flags are kept a line each.
    for (std::size_t start = 0; start < e.flags.size();) {
        const std::size_t end = std::min(e.flags.find('\n', start), e.flags.size());
        s += "\n⚠️ " + e.flags.substr(start, end - start);
        start = end + 1;
    }
    return s;
}

std::string expense_line(const storage::expense::Expense& e) {
    return fmt::format("`{}` {} · {} · {} · *{}*", id_text(e.id), amount_text(e), e.category,
                       core::plain(e.description), state_text(e));
}

std::string decision_text(const storage::expense::Expense& e) {
    return fmt::format("`{}` {} {} · {} · {}", id_text(e.id), mention(e.submitter), amount_text(e),
                       e.category, core::plain(e.description));
}

std::string waiting_line(const storage::expense::Expense& e) {
    return decision_text(e) + (e.stage == 2 ? " · *second approval*" : "");
}

}  // namespace handlers::expense
