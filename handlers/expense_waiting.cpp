// Expenses' side of the reminders: the expenses waiting for a decision (at
// either stage), one handed to a site lead as well, one that expired.

#include <fmt/format.h>

#include "core/text.hpp"
#include "handlers/expense.hpp"
#include "handlers/expense_parts.hpp"
#include "handlers/expense_text.hpp"
#include "storage/expense_store.hpp"

namespace handlers::expense {
namespace {

using namespace parts;
using store::Status;

std::string what_of(const store::Expense& e) {
    return fmt::format("{} {}, {}", amount_text(e), e.category, core::plain(e.description));
}

std::vector<Waiting> expense_waiting(const Context& ctx, SQLite::Database& db) {
    std::vector<Waiting> out;
    for (const auto& e : store::at_site(db, ctx.site.id, Status::pending))
        out.push_back({id_text(e.id), e.id, e.submitter, e.approver, e.created_at, what_of(e)});
    return out;
}

bool expense_hand_to(SQLite::Database& db, std::int64_t number, const std::string& approver) {
    const auto e = store::get(db, number);
    return e && e->status == Status::pending &&
           store::move(db, number,
                       {Status::pending, e->stage, Status::pending, e->stage, approver,
                        e->decided_by, e->decision_note},
                       e->updated_at);
}

std::vector<Message> expense_expire(const Context& ctx, SQLite::Database& db, const Waiting& w,
                                    int after_days) {
    const auto e = store::get(db, w.number);
    if (!e || e->status != Status::pending) return {};
    const std::string note =
        fmt::format("expired: nobody decided it within {} working days", after_days);
    const std::int64_t now = now_ms(ctx);
    if (!store::move(
            db, e->id,
            {Status::pending, e->stage, Status::cancelled, e->stage, e->approver, "", note}, now))
        return {};
    trail(db, e->id, "expired", to_string(Status::pending), Status::cancelled, "sitelead-bot", note,
          now);
    return approvals::expired(
        w, summary(ctx, *e, w.id), after_days,
        fmt::format("Your expense {} ({}) expired: nobody decided it within {} working days. "
                    "Submit it again with `/expense`, or talk to {}.",
                    w.id, w.what, after_days, core::mention(e->approver)));
}

}  // namespace

const Remindable remindable{expense_waiting, expense_hand_to, expense_expire};

}  // namespace handlers::expense
