// PTO's side of the reminders: the requests waiting for a decision, one
// handed to a site lead as well, one that expired.

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "handlers/pto.hpp"
#include "handlers/pto_text.hpp"
#include "storage/audit.hpp"
#include "storage/pto_store.hpp"

namespace handlers::pto {
namespace {

namespace store = storage::pto;
using store::Status;

std::string what_of(const Context& ctx, const store::Request& r) {
    return fmt::format("{}, {}, {}", r.leave_type, core::format_span(span_of(r), ctx.today),
                       core::days_text(r.days));
}

std::vector<Waiting> pto_waiting(const Context& ctx, SQLite::Database& db) {
    std::vector<Waiting> out;
    for (const auto& r : store::pending_at(db, ctx.site.id))
        out.push_back(
            {id_text(r.id), r.id, r.requester, r.approver, r.created_at, what_of(ctx, r)});
    return out;
}

bool pto_hand_to(SQLite::Database& db, std::int64_t number, const std::string& approver) {
    return store::set_approver(db, number, approver);
}

std::vector<Message> pto_expire(const Context& ctx, SQLite::Database& db, const Waiting& w,
                                int after_days) {
    const auto r = store::get(db, w.number);
    if (!r || r->status != Status::pending) return {};
    const std::string note =
        fmt::format("expired: nobody decided it within {} working days", after_days);
    const std::int64_t now = core::unix_ms(ctx.now);
    if (!store::set_status(db, r->id, Status::pending, Status::cancelled, "", note, now)) return {};
    storage::audit::record(db, {core::IdKind::pto, r->id, "expired", to_string(Status::pending),
                                to_string(Status::cancelled), "sitelead-bot", now, note});
    return approvals::expired(
        w, summary(ctx, *r, w.id), after_days,
        fmt::format("Your request {} ({}) expired: nobody decided it within {} working days, so "
                    "its {} back in your balance. Ask again with `/pto`, or talk to {}.",
                    w.id, w.what, after_days,
                    r->days == 1 ? std::string("day is") : core::days_text(r->days) + " are",
                    core::mention(r->approver)));
}

}  // namespace

const Remindable remindable{pto_waiting, pto_hand_to, pto_expire};

}  // namespace handlers::pto
