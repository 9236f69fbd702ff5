#include "handlers/office_parts.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/dates.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "handlers/blocks.hpp"
#include "storage/audit.hpp"

namespace handlers::office::parts {

using core::mention;
using store::Status;

std::string id_text(std::int64_t id) {
    return core::format_id(core::IdKind::office, id);
}

std::int64_t now_ms(const Context& ctx) {
    return core::unix_ms(ctx.now);
}

const config::Site& site_of(const Context& ctx, const store::Ticket& t) {
    const config::Site* site = ctx.cfg.find_site(t.site);
    return site ? *site : ctx.cfg.site_of(t.requester);
}

bool is_follower(const std::vector<std::string>& followers, const std::string& who) {
    return std::find(followers.begin(), followers.end(), who) != followers.end();
}

bool may_work(const config::Config&, const config::Person& p, const config::Site& site) {
    return p.has_role(config::Role::bizops) || p.has_role(config::Role::admin) ||
           site.leads(p.slack_id);
}

store::Ticket find(SQLite::Database& reads, std::string_view word, std::string_view usage) {
    const auto id = core::parse_id(word);
    if (!id || id->kind != core::IdKind::office)
        throw Refusal(fmt::format("Which ticket? Ids look like `OFC-5`.\n{}", usage));
    auto t = store::get(reads, id->number);
    if (!t) throw Refusal(fmt::format("There is no ticket {}.", id->text()));
    return *t;
}

Refusal changed_meanwhile(std::int64_t id) {
    return Refusal(fmt::format("{} changed while you asked; see `/office show {}`.", id_text(id),
                               id_text(id)));
}

void trail(SQLite::Database& db, std::int64_t id, std::string_view action, std::string_view from,
           Status to, const std::string& actor, const std::string& note, std::int64_t now) {
    storage::audit::record(
        db, {core::IdKind::office, id, action, from, store::to_string(to), actor, now, note});
}

std::string due_text(const Context& ctx, const config::Site& site, std::int64_t at_ms) {
    return core::format_moment(site.tz(), at_ms, site.today(ctx.now));
}

std::string priority_text(std::string_view priority) {
    if (priority == "urgent") return "🔴 urgent";
    if (priority == "high") return "🟠 high";
    return std::string(priority);
}

std::string state_text(const Context& ctx, const store::Ticket& t) {
    switch (t.status) {
        case Status::open: {
            const bool late = t.due_at <= now_ms(ctx);
            return fmt::format("open, {} {}{}", late ? "was due" : "due",
                               due_text(ctx, site_of(ctx, t), t.due_at),
                               t.assignee.empty() ? "" : ", with " + mention(t.assignee));
        }
        case Status::acknowledged:
            return "acknowledged by " + mention(t.assignee);
        case Status::resolved:
            return t.assignee.empty() ? "resolved" : "resolved by " + mention(t.assignee);
        case Status::closed:
            return "closed";
    }
    return std::string(store::to_string(t.status));
}

std::string ticket_line(const Context& ctx, const store::Ticket& t) {
    return fmt::format("{} · {} · {} · {} · {}", id_text(t.id), priority_text(t.priority),
                       ctx.cfg.office.label_of(t.category), state_text(ctx, t),
                       core::plain(t.description));
}

namespace {

// The triage post's body: the ticket, then its state and what may be done.
std::string post_blocks(const Context& ctx, const store::Ticket& t, const std::string& id) {
    std::string what = fmt::format("*{}* · {} · {}\n>{}\nFiled by {}", id,
                                   priority_text(t.priority), ctx.cfg.office.label_of(t.category),
                                   core::plain(t.description), mention(t.requester));
    if (!t.photo.empty()) what += fmt::format(" · <{}|photo>", t.photo);
    if (t.similar_to > 0) what += " · resembles " + id_text(t.similar_to);
    std::vector<blocks::Block> body{blocks::section(what)};
    std::string state;
    switch (t.status) {
        case Status::open:
            state = fmt::format("⏳ Waiting for BizOps: respond by {}",
                                due_text(ctx, site_of(ctx, t), t.due_at));
            break;
        case Status::acknowledged:
            state = "👀 Acknowledged by " + mention(t.assignee);
            break;
        case Status::resolved:
            state = "✅ Resolved" + (t.assignee.empty() ? "" : " by " + mention(t.assignee)) +
                    ": waiting for the requester to confirm";
            break;
        case Status::closed:
            state = "☑️ Closed: fixed";
            break;
    }
    body.push_back(blocks::context(state));
    std::vector<blocks::Element> buttons;
    if (t.status == Status::open)
        buttons.push_back(
            blocks::button("Acknowledge", "ofc.ack", "office ack " + id, blocks::Style::primary));
    if (t.status == Status::open || t.status == Status::acknowledged)
        buttons.push_back(blocks::button(
            "Resolve", "ofc.resolve", "office resolve " + id,
            t.status == Status::acknowledged ? blocks::Style::primary : blocks::Style::plain));
    if (t.status == Status::resolved || t.status == Status::closed)
        buttons.push_back(blocks::button("Reopen", "ofc.reopen", "office reopen " + id));
    body.push_back(blocks::actions("ofc-triage", buttons));
    return blocks::render(body);
}

std::string post_text(const Context& ctx, const store::Ticket& t, const std::string& id) {
    return fmt::format("{} ({}, {}) from {}: {}", id, t.priority,
                       ctx.cfg.office.label_of(t.category), mention(t.requester),
                       core::plain(t.description));
}

}  // namespace

Message triage_post(const Context& ctx, const store::Ticket& t, const std::string& id) {
    const config::Site& site = site_of(ctx, t);
    Message m = Message::dm(site.bizops_channel, post_text(ctx, t, id), post_blocks(ctx, t, id));
    m.subject = id;
    return m;
}

std::vector<Message> triage_change(const Context& ctx, const store::Ticket& now,
                                   const std::string& line) {
    const config::Site& site = site_of(ctx, now);
    if (site.bizops_channel.empty()) return {};
    const std::string id = id_text(now.id);
    return {
        Message::edit(site.bizops_channel, id, post_text(ctx, now, id), post_blocks(ctx, now, id)),
        Message::reply(site.bizops_channel, id, line)};
}

std::vector<Message> tell(const store::Ticket& t, const std::vector<std::string>& followers,
                          const std::string& actor, const std::string& text) {
    std::vector<Message> out;
    if (t.requester != actor) out.push_back(Message::dm(t.requester, text));
    for (const auto& f : followers)
        if (f != actor && f != t.requester) out.push_back(Message::dm(f, text));
    return out;
}

}  // namespace handlers::office::parts
