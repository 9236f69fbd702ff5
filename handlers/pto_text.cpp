#include "handlers/pto_text.hpp"

#include <fmt/format.h>

#include "core/ids.hpp"
#include "core/text.hpp"

namespace handlers::pto {

using core::mention;
using storage::pto::Status;

core::DateSpan span_of(const storage::pto::Request& r) {
    return core::DateSpan{*core::parse_iso(r.start_date), *core::parse_iso(r.end_date),
                          core::parse_part(r.part)};
}

core::DateSpan requested_span(const core::Calendar& calendar, const core::ParsedWhen& when) {
    if (!when.week) return when.span;
    core::DateSpan span = when.span;
    while (span.start < span.end && !calendar.is_working_day(span.start))
        span.start += date::days{1};
    while (span.end > span.start && !calendar.is_working_day(span.end)) span.end -= date::days{1};
    return calendar.is_working_day(span.start) ? span : when.span;
}

std::string id_text(std::int64_t id) {
    return core::format_id(core::IdKind::pto, id);
}

std::string working_days_text(double days) {
    return core::days_number(days) +
           (days == 1.0 || days == 0.5 ? " working day" : " working days");
}

std::string summary(const Context& ctx, const storage::pto::Request& r, const std::string& id) {
    std::string s =
        fmt::format("*{} {}* ({})\n*When:* {} · {}", mention(r.requester), r.leave_type, id,
                    core::format_span(span_of(r), ctx.today), working_days_text(r.days));
    if (!r.reason.empty()) s += "\n*Reason:* " + r.reason;
    return s;
}

std::string request_line(const Context& ctx, const storage::pto::Request& r) {
    std::string line = fmt::format("`{}` {} · {} · {} · *{}*", id_text(r.id), r.leave_type,
                                   core::format_span(span_of(r), ctx.today),
                                   core::days_text(r.days), to_string(r.status));
    if (!r.decided_by.empty() && r.decided_by != r.requester && r.status != Status::cancelled)
        line += fmt::format(" by {}", mention(r.decided_by));
    if (r.status == Status::pending) line += fmt::format(" (waiting for {})", mention(r.approver));
    if (!r.decision_note.empty()) line += fmt::format(": _{}_", r.decision_note);
    return line;
}

std::string decision_text(const Context& ctx, const storage::pto::Request& r) {
    return fmt::format("`{}` {} {} · {} · {}", id_text(r.id), mention(r.requester), r.leave_type,
                       core::format_span(span_of(r), ctx.today), core::days_text(r.days));
}

std::string waiting_line(const Context& ctx, const storage::pto::Request& r) {
    return decision_text(ctx, r) + (r.reason.empty() ? "" : ": " + core::plain(r.reason));
}

}  // namespace handlers::pto
