#pragma once
// How PTO requests read in replies and messages: shared by the PTO commands,
// its views and its reminders.

#include <string>
#include <string_view>

#include "core/dates.hpp"
#include "handlers/context.hpp"
#include "storage/pto_store.hpp"

namespace handlers::pto {

inline constexpr std::string_view kRequestUsage =
    "Usage: `/pto <when> [type] [reason]`, e.g. `/pto dec 21-23 vacation family trip`";

core::DateSpan span_of(const storage::pto::Request& r);
// The days a request for `when` asks for: as written, but of a week ("next
// week") its working days at the site, Mon Dec 7 – Fri Dec 11 rather than to
// Sunday (the whole week when it has none, for the refusal to name).
core::DateSpan requested_span(const core::Calendar& calendar, const core::ParsedWhen& when);
std::string id_text(std::int64_t id);  // "PTO-12"
// "3 working days", "0.5 working day"
std::string working_days_text(double days);
// The approver's view of a request: who, what, when, how long, why. `id` is
// its id text (or a slot for it).
std::string summary(const Context& ctx, const storage::pto::Request& r, const std::string& id);
// One line of /pto list: the requester's view, with its state.
std::string request_line(const Context& ctx, const storage::pto::Request& r);
// A request as a decision waiting on someone (the digest's lines): who,
// what, when, how long.
std::string decision_text(const Context& ctx, const storage::pto::Request& r);
// One line of what waits for the reader's decision (/pto pending, the Home
// tab): the decision, and why.
std::string waiting_line(const Context& ctx, const storage::pto::Request& r);

}  // namespace handlers::pto
