// The PTO form: `/pto` with nothing after it, or the Home tab's button,
// opens it; a submission is the request `/pto <when> <type> <reason>` would
// make.

#include <fmt/format.h>

#include "core/dates.hpp"
#include "handlers/blocks.hpp"
#include "handlers/pto.hpp"

namespace handlers::pto {
namespace {

int year_of(date::local_days d) {
    return static_cast<int>(date::year_month_day{d}.year());
}

std::string open(const Context& ctx, std::string_view, const Prefill&, SQLite::Database& reads) {
    std::vector<blocks::Option> types;
    for (const auto& t : ctx.cfg.pto.types) types.push_back({t.name, t.name});
    std::string balance;
    for (const auto& t : ctx.cfg.pto.types)
        balance += (balance.empty() ? "" : "\n") +
                   balance_line(ctx, reads, *ctx.caller, t, year_of(ctx.today));
    return blocks::modal(
        "pto", "Request time off", "Request", "",
        {blocks::input("start", "First day", blocks::date_picker("start", core::iso(ctx.today))),
         blocks::input("end", "Last day", blocks::date_picker("end", ""), true,
                       "Leave it empty for a single day."),
         blocks::input("part", "Half day",
                       blocks::select("part", "Full days",
                                      {{"full", "Full days"},
                                       {"am", "Morning only (one day)"},
                                       {"pm", "Afternoon only (one day)"}},
                                      "full"),
                       true),
         blocks::input("type", "Type",
                       blocks::select("type", "Choose a type", types, ctx.cfg.pto.default_type)),
         blocks::input("reason", "Reason",
                       blocks::text_input("reason", {true, "", "Family trip", 500}), true),
         blocks::context(fmt::format("Your balance for {} at {}:\n{}\nWorking days are counted "
                                     "on {}'s calendar; the request tells you what it leaves.",
                                     year_of(ctx.today), ctx.site.name, balance, ctx.site.name))});
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

const Form form{
    nullptr, open, read, {"start", "end", "part", "type", "reason"}, "Request time off"};

}  // namespace handlers::pto
