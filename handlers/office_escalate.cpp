// The escalation job: once past its deadline a ticket nobody acknowledged is
// posted again in its site's BizOps channel; once past twice its response
// time, the site's leads are told. tickets.escalated remembers how far each
// ticket went, in the job's own transaction.

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "handlers/office.hpp"
#include "handlers/office_parts.hpp"

namespace handlers::office {

std::vector<Message> escalate(const config::Config& cfg, const config::Site& site,
                              SQLite::Database& db, std::chrono::system_clock::time_point now) {
    using namespace parts;
    const std::int64_t now_ms = core::unix_ms(now);
    // For the texts: the job's moment as a context with no caller.
    const Context ctx = Context::job(cfg, site, now);
    std::vector<Message> out;
    for (const store::Ticket& t : store::overdue(db, site.id, now_ms)) {
        const std::string id = id_text(t.id);
        const std::string what = fmt::format(
            "{} ({}, {}) from {}: \"{}\"", id, t.priority, cfg.office.label_of(t.category),
            core::mention(t.requester), core::plain(t.description));
        int level = t.escalated;
        if (level < 1) {
            if (!site.bizops_channel.empty())
                out.push_back(Message::dm(
                    site.bizops_channel,
                    fmt::format("⏰ Not acknowledged yet: {}. It was due {}. Take it with "
                                "`/office ack {}`.",
                                what, due_text(ctx, site, t.due_at), id)));
            trail(db, t.id, "escalated", "open", store::Status::open, "", "posted again in BizOps",
                  now_ms);
            level = 1;
        }
        if (t.escalate_at <= now_ms) {
            for (const config::Person* lead : cfg.site_leads_of(site))
                out.push_back(Message::dm(
                    lead->slack_id,
                    fmt::format("⏰ BizOps hasn't acknowledged {} in twice its response time "
                                "(due {}). `/office show {}` · `/office assign {} @someone`",
                                what, due_text(ctx, site, t.due_at), id, id)));
            trail(db, t.id, "escalated", "open", store::Status::open, "", "site lead told", now_ms);
            level = 2;
        }
        store::mark_escalated(db, t.id, level);
    }
    return out;
}

}  // namespace handlers::office
