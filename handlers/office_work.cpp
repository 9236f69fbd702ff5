// Working a ticket: ack, assign, resolve, reopen, comment, and the
// requester's Fixed / Still broken. Each change edits the triage post, adds
// a line to its thread, tells the requester and followers, and goes to the
// webhook; the write is one conditional move from the state read.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "handlers/blocks.hpp"
#include "handlers/office.hpp"
#include "handlers/office_deadline.hpp"
#include "handlers/office_parts.hpp"

namespace handlers::office::work {
namespace {

using namespace parts;
using core::mention;
using store::Status;

bool live(Status s) {
    return s == Status::open || s == Status::acknowledged;
}

// One change of state, as the people involved will read it.
struct Change {
    std::string_view action;  // the audit trail's word: "acknowledged"
    Status to;
    std::string assignee;
    std::string note;            // as typed
    std::string line;            // the triage thread's line, mrkdwn
    std::string dm;              // the requester's and followers' DM
    std::string reply;           // the caller's answer
    bool restart_clock = false;  // reopened: the response deadline starts again
};

Plan change(const Context& ctx, const store::Ticket& t, const std::vector<std::string>& followers,
            Change c) {
    store::Ticket after = t;
    after.status = c.to;
    after.assignee = c.assignee;
    const config::Site& site = site_of(ctx, t);
    if (c.restart_clock) {
        const auto priority = config::parse_priority(t.priority).value_or(config::Priority::normal);
        after.due_at = core::unix_ms(due_at(ctx.cfg.office, site, priority, ctx.now));
        after.escalate_at = core::unix_ms(due_at(ctx.cfg.office, site, priority, ctx.now, 2));
        after.escalated = 0;
    }
    Plan plan;
    plan.result.reply.text = std::move(c.reply);
    plan.result.messages = triage_change(ctx, after, c.line);
    for (auto& m : tell(after, followers, ctx.user_id, c.dm))
        plan.result.messages.push_back(std::move(m));
    const std::string event = "ticket." + std::string(c.action);
    for (auto& m : webhook(ctx, event, after, id_text(t.id), c.note))
        plan.result.messages.push_back(std::move(m));
    plan.apply = [now = now_ms(ctx), t, after, action = std::string(c.action), actor = ctx.user_id,
                  note = c.note](SQLite::Database& db) {
        if (!store::move(db, t.id, t.status, after.status, after.assignee, now))
            throw changed_meanwhile(t.id);
        if (after.due_at != t.due_at)
            store::restart_clock(db, t.id, after.due_at, after.escalate_at);
        trail(db, t.id, action, store::to_string(t.status), after.status, actor, note, now);
        return Slots{};
    };
    return plan;
}

std::string with_note(const std::string& note) {
    return note.empty() ? "" : ": " + core::plain(note);
}

// A BizOps command given no id ("/office ack"): the tickets of the caller's
// site it applies to (`open_only`: not yet acknowledged), each with it.
std::optional<Refusal> which_ticket(const Context& ctx, std::string_view word,
                                    std::string_view command, bool open_only,
                                    SQLite::Database& reads) {
    if (core::parse_id(word) || !may_work(ctx.cfg, *ctx.caller, ctx.site)) return std::nullopt;
    std::string text;
    for (const auto& t : store::queue(reads, ctx.site.id))
        if (!open_only || t.status == Status::open)
            text +=
                fmt::format("\n• {}: `/office {} {}`", ticket_line(ctx, t), command, id_text(t.id));
    if (text.empty())
        return Refusal(fmt::format("Which ticket? None at {} is {}.", ctx.site.name,
                                   open_only ? "waiting to be acknowledged" : "open"));
    return Refusal("Which ticket?" + text);
}

// The ticket a BizOps command names, refused to anyone who may not work it.
store::Ticket for_bizops(const Context& ctx, std::string_view word, std::string_view usage,
                         SQLite::Database& reads) {
    store::Ticket t = find(reads, word, usage);
    if (!may_work(ctx.cfg, *ctx.caller, site_of(ctx, t)))
        throw Refusal(fmt::format(
            "Only BizOps, admins and {}'s site leads work tickets. You can `/office comment {} "
            "<text>` on a ticket you filed or follow.",
            site_of(ctx, t).name, id_text(t.id)));
    return t;
}

Refusal not_live(const store::Ticket& t) {
    return Refusal(fmt::format("{} is {} already; `/office reopen {}` first if it is not fixed.",
                               id_text(t.id), store::to_string(t.status), id_text(t.id)));
}

// The requester's question once it is resolved, with their two answers.
Message ask_requester(const store::Ticket& t, const std::string& by, const std::string& note) {
    const std::string id = id_text(t.id);
    const std::string text = fmt::format("{} resolved {} (\"{}\"){}. Is it fixed?", mention(by), id,
                                         core::plain(t.description), with_note(note));
    Message m = Message::dm(
        t.requester, text,
        blocks::render(
            {blocks::section(text),
             blocks::actions("ofc-confirm",
                             {blocks::button("Fixed", "ofc.fixed", "office fixed " + id,
                                             blocks::Style::primary),
                              blocks::button("Still broken", "ofc.broken", "office broken " + id,
                                             blocks::Style::danger)})}));
    m.subject = id;
    m.has_buttons = true;
    return m;
}

}  // namespace

// ---- /office ack OFC-5 [note] ------------------------------------------------

Plan ack(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const auto [word, rest] = core::split_first_word(args);
    if (auto which = which_ticket(ctx, word, "ack", true, reads)) throw *which;
    const store::Ticket t = for_bizops(ctx, word, "Usage: `/office ack OFC-5 [note]`", reads);
    const std::string id = id_text(t.id);
    if (t.status == Status::acknowledged) {
        if (t.assignee == ctx.user_id) return Plan::answer(fmt::format("{} is yours already.", id));
        throw Refusal(fmt::format(
            "{} was acknowledged by {} already. To take it over: `/office assign {} {}`.", id,
            mention(t.assignee), id, mention(ctx.user_id)));
    }
    if (!live(t.status)) throw not_live(t);
    const std::string who = mention(ctx.user_id);
    const std::string note(core::trim(rest));
    // "on it" (or "I'm on it!") says what the messages say already: kept in
    // the history, not repeated after "is on it".
    auto words = core::lower_words(note);
    if (!words.empty() && (words.front() == "i'm" || words.front() == "im"))
        words.erase(words.begin());
    const std::string shown = words == std::vector<std::string>{"on", "it"} ? "" : note;
    return change(ctx, t, store::followers(reads, t.id),
                  {"acknowledged", Status::acknowledged, ctx.user_id, note,
                   fmt::format("👀 {} is on it{}.", who, with_note(shown)),
                   fmt::format("{} of BizOps is on {} (\"{}\"){}.", who, id,
                               core::plain(t.description), with_note(shown)),
                   fmt::format("{} is yours; I've told {}.", id, mention(t.requester))});
}

// ---- /office assign OFC-5 @someone -------------------------------------------

Plan assign(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    constexpr std::string_view usage = "Usage: `/office assign OFC-5 @someone`";
    const auto [word, rest] = core::split_first_word(args);
    const store::Ticket t = for_bizops(ctx, word, usage, reads);
    const std::string id = id_text(t.id);
    const auto [who_word, after] = core::next_word(rest);
    const std::string who = core::mentioned_user(who_word);
    if (who.empty()) throw Refusal(fmt::format("Whom to? Mention them.\n{}", usage));
    const config::Person* person = ctx.cfg.find_person(who);
    if (!person || !may_work(ctx.cfg, *person, site_of(ctx, t)))
        throw Refusal(
            fmt::format("{} is not in BizOps (nor a site lead of {}): tickets go to "
                        "those who work them.",
                        mention(who), site_of(ctx, t).name));
    if (!live(t.status)) throw not_live(t);
    if (t.status == Status::acknowledged && t.assignee == who)
        return Plan::answer(fmt::format("{} is with {} already.", id, mention(who)));
    Plan plan = change(ctx, t, store::followers(reads, t.id),
                       {"assigned", Status::acknowledged, who, "",
                        fmt::format("➡️ {} gave it to {}.", mention(ctx.user_id), mention(who)),
                        fmt::format("{} of BizOps is on {} (\"{}\").", mention(who), id,
                                    core::plain(t.description)),
                        fmt::format("{} is with {} now.", id, mention(who))});
    if (who != ctx.user_id)
        plan.result.messages.push_back(Message::dm(
            who, fmt::format("{} gave you {} ({}, {}): {}. `/office show {}`", mention(ctx.user_id),
                             id, t.priority, ctx.cfg.office.label_of(t.category),
                             core::plain(t.description), id)));
    return plan;
}

// ---- /office resolve OFC-5 [note] --------------------------------------------

Plan resolve(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const auto [word, rest] = core::split_first_word(args);
    if (auto which = which_ticket(ctx, word, "resolve", false, reads)) throw *which;
    const store::Ticket t = for_bizops(ctx, word, "Usage: `/office resolve OFC-5 [note]`", reads);
    if (!live(t.status)) throw not_live(t);
    const std::string id = id_text(t.id);
    const std::string note(core::trim(rest));
    Plan plan = change(ctx, t, store::followers(reads, t.id),
                       {"resolved", Status::resolved, ctx.user_id, note,
                        fmt::format("✅ Resolved by {}{}", mention(ctx.user_id), with_note(note)),
                        fmt::format("{} resolved {} (\"{}\"){}.", mention(ctx.user_id), id,
                                    core::plain(t.description), with_note(note)),
                        fmt::format("Resolved {}; I've asked {} to confirm it's fixed.", id,
                                    mention(t.requester))});
    // The requester's DM asks, with buttons, instead of only telling.
    auto& ms = plan.result.messages;
    ms.erase(std::remove_if(ms.begin(), ms.end(),
                            [&](const Message& m) {
                                return m.kind == Message::Kind::post && m.channel == t.requester;
                            }),
             ms.end());
    if (t.requester != ctx.user_id) ms.push_back(ask_requester(t, ctx.user_id, note));
    return plan;
}

// ---- /office reopen OFC-5 [reason] -------------------------------------------

Plan reopen(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const auto [word, rest] = core::split_first_word(args);
    const store::Ticket t = find(reads, word, "Usage: `/office reopen OFC-5 [reason]`");
    const std::string id = id_text(t.id);
    if (t.requester != ctx.user_id && !may_work(ctx.cfg, *ctx.caller, site_of(ctx, t)))
        throw Refusal(fmt::format(
            "Only whoever filed {} and BizOps reopen it. If you have the same problem, file it: "
            "`/office <what is wrong>`.",
            id));
    if (live(t.status)) throw Refusal(fmt::format("{} is still {}.", id, state_text(ctx, t)));
    const std::string reason(core::trim(rest));
    Plan plan =
        change(ctx, t, store::followers(reads, t.id),
               {"reopened", Status::open, t.assignee, reason,
                fmt::format("↩️ Reopened by {}{}", mention(ctx.user_id), with_note(reason)),
                fmt::format("{} reopened {} (\"{}\"){}.", mention(ctx.user_id), id,
                            core::plain(t.description), with_note(reason)),
                fmt::format("Reopened {}; BizOps has been told.", id), true});
    if (t.status == Status::resolved)
        plan.result.messages.push_back(Message::update_buttons(
            id, fmt::format("{} was reopened by {}.", id, mention(ctx.user_id))));
    return plan;
}

// ---- /office comment OFC-5 <text> --------------------------------------------

Plan comment(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    constexpr std::string_view usage = "Usage: `/office comment OFC-5 <text>`";
    const auto [word, rest] = core::split_first_word(args);
    const store::Ticket t = find(reads, word, usage);
    const std::string id = id_text(t.id);
    const auto followers = store::followers(reads, t.id);
    if (t.requester != ctx.user_id && !is_follower(followers, ctx.user_id) &&
        !may_work(ctx.cfg, *ctx.caller, site_of(ctx, t)))
        throw Refusal(fmt::format(
            "Only whoever filed {}, its followers and BizOps comment on it. Follow it first: "
            "`/office follow {}`.",
            id, id));
    const std::string text(core::trim(rest));
    if (text.empty()) throw Refusal(fmt::format("Say what to add.\n{}", usage));
    Plan plan;
    plan.result.reply.text = fmt::format("Added to {}.", id);
    const std::string said = fmt::format("💬 {}: {}", mention(ctx.user_id), core::plain(text));
    plan.result.messages = triage_change(ctx, t, said);
    for (auto& m : tell(t, followers, ctx.user_id, fmt::format("{} on {}", said, id)))
        plan.result.messages.push_back(std::move(m));
    if (!t.assignee.empty() && t.assignee != ctx.user_id && live(t.status))
        plan.result.messages.push_back(Message::dm(t.assignee, fmt::format("{} on {}", said, id)));
    plan.apply = [now = now_ms(ctx), t, actor = ctx.user_id, text](SQLite::Database& db) {
        trail(db, t.id, "commented", store::to_string(t.status), t.status, actor, text, now);
        return Slots{};
    };
    return plan;
}

// ---- Fixed / Still broken ----------------------------------------------------

namespace {

store::Ticket for_requester(const Context& ctx, std::string_view args, std::string_view usage,
                            SQLite::Database& reads) {
    const auto [word, rest] = core::split_first_word(args);
    store::Ticket t = find(reads, word, usage);
    if (t.requester != ctx.user_id)
        throw Refusal(fmt::format("Only whoever filed {} confirms it.", id_text(t.id)));
    if (t.status != Status::resolved)
        throw Refusal(fmt::format("{} is {}, not waiting for your answer.", id_text(t.id),
                                  state_text(ctx, t)));
    return t;
}

}  // namespace

Plan fixed(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const store::Ticket t = for_requester(ctx, args, "Usage: `/office fixed OFC-5`", reads);
    const std::string id = id_text(t.id);
    Plan plan =
        change(ctx, t, store::followers(reads, t.id),
               {"closed", Status::closed, t.assignee, "fixed",
                fmt::format("☑️ {} confirmed it's fixed.", mention(ctx.user_id)),
                fmt::format("{} is closed: {} confirmed it's fixed.", id, mention(ctx.user_id)),
                fmt::format("Thanks! {} is closed.", id)});
    plan.result.messages.push_back(
        Message::update_buttons(id, fmt::format("{}: you confirmed it's fixed. Closed.", id)));
    if (!t.assignee.empty() && t.assignee != ctx.user_id)
        plan.result.messages.push_back(Message::dm(
            t.assignee,
            fmt::format("{} confirmed {} is fixed. Thanks!", mention(t.requester), id)));
    return plan;
}

Plan broken(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const store::Ticket t = for_requester(ctx, args, "Usage: `/office broken OFC-5`", reads);
    const std::string id = id_text(t.id);
    Plan plan =
        change(ctx, t, store::followers(reads, t.id),
               {"reopened", Status::open, t.assignee, "still broken",
                fmt::format("↩️ {} says it's still broken: reopened, {} priority kept.",
                            mention(ctx.user_id), t.priority),
                fmt::format("{} is reopened: {} says it's still broken.", id, mention(ctx.user_id)),
                fmt::format("Sorry about that. {} is open again ({}), and BizOps has been "
                            "told.",
                            id, t.priority),
                true});
    plan.result.messages.push_back(
        Message::update_buttons(id, fmt::format("{}: you said it's still broken. Reopened.", id)));
    if (!t.assignee.empty())
        plan.result.messages.push_back(Message::dm(
            t.assignee,
            fmt::format("{} says {} is still broken; it's open again.", mention(t.requester), id)));
    return plan;
}

}  // namespace handlers::office::work
