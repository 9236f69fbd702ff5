// The PTO form: `/pto` with nothing after it, or the Home tab's button,
// opens it; a submission is the request `/pto <when> <type> <reason>` would
// make.

#include <fmt/format.h>

#include "core/dates.hpp"
#include "core/text.hpp"
#include "handlers/blocks.hpp"
#include "handlers/pto.hpp"
#include "handlers/pto_text.hpp"
#include "storage/pto_store.hpp"

namespace handlers::pto {
namespace {

// What the dates entered so far come to: their working days at the site,
// and what they leave of the type's allowance. Empty until a first day is
// picked.
std::string preview(const Context& ctx, const Values& values, SQLite::Database& reads) {
    const auto start = core::parse_iso(value_of(values, "start"));
    if (!start) return {};
    const std::string end_text = value_of(values, "end");
    const auto end = end_text.empty() ? start : core::parse_iso(end_text);
    const std::string part_text = value_of(values, "part");
    const core::Part part = part_text == "am"   ? core::Part::am
                            : part_text == "pm" ? core::Part::pm
                                                : core::Part::full;
    if (!end || *end < *start) return "The last day is before the first.";
    if (part != core::Part::full && *end != *start)
        return "A half day is a single day: clear the last day, or choose full days.";
    const config::LeaveType* type = config::find_leave_type(ctx.cfg.pto, value_of(values, "type"));
    if (!type) type = config::find_leave_type(ctx.cfg.pto, ctx.cfg.pto.default_type);
    const auto charges = ctx.site.calendar().count_by_year(*start, *end, part);
    double days = 0;
    for (const auto& [year, n] : charges) days += n;
    const std::string when = core::format_span({*start, *end, part}, ctx.today);
    if (days <= 0)
        return fmt::format("*{}*: no working days at {} (weekend or holiday).", when,
                           ctx.site.name);
    std::string out = fmt::format("*{}*: {} at {}.", when, working_days_text(days), ctx.site.name);
    const double allowance = ctx.cfg.allowance(*ctx.caller, *type);
    if (allowance < 0 || !type) return out;
    for (const auto& [year, n] : charges) {
        const double left =
            allowance - storage::pto::usage(reads, ctx.caller->slack_id, type->name, year).taken();
        out += n > left ? fmt::format(" That is more than the {} of {} you have left in {}.",
                                      core::days_text(left), type->name, year)
                        : fmt::format(" It leaves you {} of {} in {} (of {}).",
                                      core::days_text(left - n), type->name, year,
                                      core::days_text(allowance));
    }
    return out;
}

// The form, with what the values entered so far come to under it.
std::string render(const Context& ctx, const Values& values, SQLite::Database& reads) {
    std::vector<blocks::Option> types;
    for (const auto& t : ctx.cfg.pto.types) types.push_back({t.name, t.name});
    std::string balance;
    for (const auto& t : ctx.cfg.pto.types) {
        if (!balance.empty()) balance += '\n';
        balance += balance_line(ctx, reads, *ctx.caller, t, core::year_of(ctx.today));
    }
    const std::string comes_to = preview(ctx, values, reads);
    // Changes of these are sent at once, so the form shows what they come to.
    constexpr bool kTellChanges = true;
    return blocks::modal(
        "pto", "Request time off", "Request", "",
        {blocks::input("start", "First day", blocks::date_picker("start", core::iso(ctx.today)),
                       false, {}, kTellChanges),
         blocks::input("end", "Last day", blocks::date_picker("end", ""), true,
                       "Leave it empty for a single day.", kTellChanges),
         blocks::input("part", "Half day",
                       blocks::select("part", "Full days",
                                      {{"full", "Full days"},
                                       {"am", "Morning only (one day)"},
                                       {"pm", "Afternoon only (one day)"}},
                                      "full"),
                       true, {}, kTellChanges),
         blocks::input("type", "Type",
                       blocks::select("type", "Choose a type", types, ctx.cfg.pto.default_type),
                       false, {}, kTellChanges),
         blocks::input("reason", "Reason",
                       blocks::text_input("reason", {true, "", "Family trip", 500}), true),
         blocks::context(comes_to.empty()
                             ? fmt::format("Pick the days: I count them on {}'s working days "
                                           "and holidays and show what they leave.",
                                           ctx.site.name)
                             : comes_to),
         blocks::context(
             fmt::format("Your balance for {}:\n{}", core::year_of(ctx.today), balance))});
}

std::string open(const Context& ctx, std::string_view, const Prefill&, SQLite::Database& reads) {
    return render(ctx, {{"start", core::iso(ctx.today)}}, reads);
}

std::string update(const Context& ctx, const Values& values, std::string_view,
                   SQLite::Database& reads) {
    return render(ctx, values, reads);
}

std::variant<std::string, FieldErrors> read(const Context& ctx, const Values& values,
                                            std::string_view) {
    FieldErrors errors;
    const auto start = core::parse_iso(value_of(values, "start"));
    if (!start) errors["start"] = "Pick the first day off.";
    const std::string end_text = value_of(values, "end");
    auto end = end_text.empty() ? start : core::parse_iso(end_text);
    if (!end_text.empty() && !end) errors["end"] = "Pick the last day off, or leave it empty.";
    if (start && end && *end < *start)
        errors["end"] = fmt::format("The last day ({}) is before the first ({}).", core::iso(*end),
                                    core::iso(*start));
    const std::string part = value_of(values, "part");
    if (part != "" && part != "full" && part != "am" && part != "pm")
        errors["part"] = "Choose full days, a morning or an afternoon.";
    else if ((part == "am" || part == "pm") && start && end && *end != *start)
        errors["part"] = "A half day is a single day: clear the last day, or choose full days.";
    const std::string type = value_of(values, "type");
    if (!config::find_leave_type(ctx.cfg.pto, type)) errors["type"] = "Choose a type of leave.";
    if (!errors.empty()) return errors;

    std::string line = core::iso(*start);
    if (*end != *start) line += " to " + core::iso(*end);
    if (part == "am" || part == "pm") line += " " + part;
    line += " " + type;
    if (const std::string reason = value_of(values, "reason"); !reason.empty())
        line += " " + reason;
    return line;
}

}  // namespace

const Form form{.open = open,
                .update = update,
                .read = read,
                .fields = {"start", "end", "part", "type", "reason"},
                .button = "Request time off"};

}  // namespace handlers::pto
