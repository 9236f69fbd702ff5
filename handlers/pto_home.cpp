// PTO's part of a person's Home tab: their balance, their requests coming
// up, what waits for their approval (with the buttons), and for a site lead
// who is out today.

#include <fmt/format.h>

#include "core/dates.hpp"
#include "core/text.hpp"
#include "handlers/home.hpp"
#include "handlers/pto.hpp"
#include "handlers/pto_text.hpp"
#include "storage/pto_store.hpp"

namespace handlers::pto {

std::vector<Decidable> awaiting(const Context& ctx, SQLite::Database& reads) {
    std::vector<Decidable> out;
    for (const auto& r : storage::pto::pending_for(reads, ctx.user_id))
        out.push_back({id_text(r.id), waiting_line(ctx, r), r.created_at});
    return out;
}

void home(const Context& ctx, SQLite::Database& reads, std::vector<blocks::Block>& out) {
    namespace store = storage::pto;
    const config::Person& me = *ctx.caller;
    const int year = static_cast<int>(date::year_month_day{ctx.today}.year());
    std::string text = fmt::format("*Time off* · your balance for {}", year);
    for (const auto& type : ctx.cfg.pto.types)
        text += "\n" + balance_line(ctx, reads, me, type, year);
    out.push_back(blocks::section(text));

    std::string coming;
    std::size_t shown = 0, total = 0;
    for (const auto& r : store::of_requester(reads, me.slack_id, core::iso(ctx.today))) {
        if (r.status != store::Status::pending && r.status != store::Status::approved) continue;
        if (++total > kHomeItems) continue;
        coming += "\n" + request_line(ctx, r);
        ++shown;
    }
    if (total > 0)
        out.push_back(blocks::section("*Your time off coming up*" + coming +
                                      more_line(total, shown, "/pto list")));

    decisions(out, "Waiting for your approval", awaiting(ctx, reads), "/pto pending");

    // Who is out is in a site lead's digest further down their tab; an
    // admin who leads no site sees it here.
    if (!ctx.cfg.leads(me, ctx.site) || ctx.site.leads(me.slack_id)) return;
    const auto away =
        store::out_between(reads, core::iso(ctx.today), core::iso(ctx.today), ctx.site.id);
    std::string who;
    for (std::size_t i = 0; i < away.size() && i < kHomeItems; ++i) {
        const core::DateSpan s = span_of(away[i]);
        who += fmt::format("\n• {} {} · until {}{}", core::mention(away[i].requester),
                           away[i].leave_type, core::format_span({s.end, s.end}, ctx.today),
                           s.part == core::Part::full ? "" : " (half day)");
    }
    out.push_back(blocks::section(
        away.empty() ? fmt::format("*Out today at {}:* nobody", ctx.site.name)
                     : fmt::format("*Out today at {}* ({}){}{}", ctx.site.name, away.size(), who,
                                   more_line(away.size(), kHomeItems, "/pto out"))));
}

}  // namespace handlers::pto
