// The PTO views: pure reads on the io thread's read-only connection, and the
// morning reminder job.

#include <set>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/dates.hpp"
#include "core/text.hpp"
#include "handlers/pto.hpp"
#include "handlers/pto_text.hpp"
#include "storage/pto_store.hpp"

namespace handlers::pto {
namespace {

namespace store = storage::pto;
using core::days_text;
using core::format_span;
using core::iso;
using core::mention;

std::string type_list(const config::Config& cfg) {
    std::string out;
    for (const auto& t : cfg.pto.types) out += (out.empty() ? "" : "|") + t.name;
    return out;
}

}  // namespace

std::string balance_line(const Context& ctx, SQLite::Database& reads, const config::Person& person,
                         const config::LeaveType& type, int year) {
    const auto [approved, pending] = store::usage(reads, person.slack_id, type.name, year);
    const double allowance = ctx.cfg.allowance(person, type);
    if (allowance < 0)
        return fmt::format("*{}*: {} taken{}", type.name, days_text(approved),
                           pending > 0 ? fmt::format(", {} pending", days_text(pending)) : "");
    return fmt::format("*{}*: {} of {} left ({} approved, {} pending)", type.name,
                       days_text(allowance - approved - pending), days_text(allowance),
                       days_text(approved), days_text(pending));
}

namespace views {

Plan balance(const Context& ctx, SQLite::Database& reads) {
    const config::Person& me = *ctx.caller;
    std::set<int> years = {core::year_of(ctx.today)};
    for (int y : store::charged_years(reads, me.slack_id))
        if (y > core::year_of(ctx.today)) years.insert(y);
    std::string text;
    for (int year : years) {
        text += fmt::format("{}*{}*\n", text.empty() ? "" : "\n", year);
        for (const auto& type : ctx.cfg.pto.types)
            text += balance_line(ctx, reads, me, type, year) + "\n";
    }
    return Plan::answer(fmt::format("Your PTO balance:\n{}", text));
}

Plan list(const Context& ctx, SQLite::Database& reads) {
    const auto rows = store::of_requester(reads, ctx.user_id, iso(ctx.today - date::days{90}));
    if (rows.empty())
        return Plan::answer(
            "You have no PTO requests coming up or in the last 90 days. Ask for time off with "
            "`/pto dec 21-23 vacation`.");
    // Upcoming is what will take place: a request denied or cancelled
    // before its dates is listed apart.
    std::string upcoming, called_off, recent;
    for (const auto& row : rows) {
        const bool ahead = *core::parse_iso(row.end_date) >= ctx.today;
        const bool active =
            row.status == store::Status::pending || row.status == store::Status::approved;
        std::string& into = !ahead ? recent : active ? upcoming : called_off;
        into += request_line(ctx, row) + "\n";
    }
    std::string text = "Your PTO requests:\n";
    if (!upcoming.empty()) text += "*Upcoming*\n" + upcoming;
    if (!called_off.empty()) text += "*Denied or cancelled*\n" + called_off;
    if (!recent.empty()) text += "*Last 90 days*\n" + recent;
    return Plan::answer(std::move(text));
}

Plan pending(const Context& ctx, SQLite::Database& reads) {
    const auto items = awaiting(ctx, reads);
    if (items.empty()) return Plan::answer("Nothing is waiting for your approval.");
    return Plan::answer(approvals::waiting_text(items, "request"));
}

Plan out(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    constexpr std::string_view kUsage =
        "Usage: `/pto out [when] [--site <id> | --site all]`, e.g. `/pto out friday`";
    // The caller's site unless `--site` names another, or all of them.
    const config::Site* site = &ctx.site;
    std::string when_text;
    for (std::string_view rest = args; !core::trim(rest).empty();) {
        auto [word, after] = core::split_first_word(rest);
        rest = after;
        if (word != "--site") {
            when_text += (when_text.empty() ? "" : " ") + std::string(word);
            continue;
        }
        auto [id, tail] = core::split_first_word(rest);
        rest = tail;
        if (id == "all") {
            site = nullptr;
        } else if (!(site = ctx.cfg.find_site(id))) {
            std::string ids;
            for (const auto& s : ctx.cfg.sites) ids += (ids.empty() ? "`" : ", `") + s.id + "`";
            throw Refusal(fmt::format("There is no site `{}`: the sites are {}, or `all`.\n{}", id,
                                      ids, kUsage));
        }
    }
    core::DateSpan span{ctx.today, ctx.today};
    if (!when_text.empty()) {
        auto parsed = core::parse_when(when_text, ctx.today);
        if (auto* error = std::get_if<std::string>(&parsed))
            throw Refusal(fmt::format("{}\n{}", *error, kUsage));
        span = std::get<core::ParsedWhen>(parsed).span;
    }
    const auto rows =
        store::out_between(reads, iso(span.start), iso(span.end), site ? site->id : "");
    const std::string when = format_span(core::DateSpan{span.start, span.end}, ctx.today);
    const std::string where = ctx.cfg.sites.size() == 1 ? ""
                              : site                    ? " at " + site->name
                                                        : " at any site";
    if (rows.empty()) return Plan::answer(fmt::format("Nobody is out {}{}.", when, where));
    std::string text = fmt::format("Out {}{}:\n", when, where);
    for (const auto& row : rows) {
        const core::DateSpan s = span_of(row);
        const char* half = s.part == core::Part::am   ? " (morning)"
                           : s.part == core::Part::pm ? " (afternoon)"
                                                      : "";
        text += fmt::format("• {} {} · {}{}\n", mention(row.requester), row.leave_type,
                            format_span(core::DateSpan{s.start, s.end}, ctx.today), half);
    }
    return Plan::answer(std::move(text));
}

Plan usage(const Context& ctx) {
    return Plan::answer(fmt::format(
        "{}\nTypes: {}. Dates like `dec 21`, `dec 21-23`, `2026-12-21 to 2026-12-23`, `12/21`, "
        "`tomorrow`, `friday`, `next monday`; a single day may add `half`, `am` or `pm`.\n{}",
        kRequestUsage, type_list(ctx.cfg), also(ctx, help_section())));
}

}  // namespace views

}  // namespace handlers::pto
