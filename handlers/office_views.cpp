// The read-only office views: /office list, queue and show.

#include <algorithm>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "handlers/office.hpp"
#include "handlers/office_parts.hpp"
#include "storage/audit.hpp"

namespace handlers::office::views {
namespace {

using namespace parts;
using core::mention;
using store::Status;

// "in 25 min", "2 h 10 min overdue"
std::string time_left(std::int64_t now_ms, std::int64_t due_ms) {
    const std::int64_t minutes = (due_ms > now_ms ? due_ms - now_ms : now_ms - due_ms) / 60'000;
    const std::string span = minutes >= 60 ? fmt::format("{} h {} min", minutes / 60, minutes % 60)
                                           : fmt::format("{} min", minutes);
    return due_ms > now_ms ? "due in " + span : span + " overdue";
}

// Words after the id ("/office OFC-3 is still broken") are not added to the
// ticket on a guess: the reply names the command that adds them, as the
// ticket stands and for who asks.
std::string to_add(const Context& ctx, const store::Ticket& t, std::string_view words) {
    const std::string id = id_text(t.id);
    const std::string said(core::trim(words));
    const std::string comment = fmt::format("`/office comment {} {}`", id, said);
    const bool live = t.status == Status::open || t.status == Status::acknowledged;
    // BizOps saying what they did ("OFC-3 fixed, new toner"): the command
    // that does it, with the rest as its note.
    if (live && may_work(ctx.cfg, *ctx.caller, site_of(ctx, t))) {
        const auto bare = [](std::string_view w) {
            return core::lower(w.substr(0, w.find_last_not_of(".,;:!-") + 1));
        };
        const auto [first, rest] = core::split_first_word(said);
        const std::string verb = bare(first);
        std::string_view after = core::trim(rest);
        // "fixed it, new toner": the note is what follows the verb's object.
        if (const auto [object, more] = core::split_first_word(after);
            bare(object) == "it" || bare(object) == "this" || bare(object) == "that")
            after = core::trim(more);
        const std::string note(
            after.substr(std::min(after.find_first_not_of(",.;:- "), after.size())));
        const auto command = [&](std::string_view name, std::string_view what) {
            return fmt::format(
                "Nothing was added to {}. To {} it with what you wrote: `/office {} "
                "{}{}{}`",
                id, what, name, id, note.empty() ? "" : " ", note);
        };
        if (verb == "resolved" || verb == "resolve" || verb == "fixed" || verb == "done" ||
            verb == "closed" || verb == "sorted")
            return command("resolve", "resolve");
        if (t.status == Status::open &&
            (verb == "ack" || verb == "acked" || verb == "acknowledged"))
            return command("ack", "acknowledge");
    }
    if (live) return fmt::format("Nothing was added to {}. To add what you wrote: {}", id, comment);
    if (t.status == Status::resolved && t.requester == ctx.user_id)
        return fmt::format(
            "Nothing was added to {}. If it is still broken: `/office broken {} {}`; to add a "
            "note: {}",
            id, id, said, comment);
    return fmt::format(
        "Nothing was added to {}. To reopen it with what you wrote: `/office "
        "reopen {} {}`",
        id, id, said);
}

}  // namespace

Plan list(const Context& ctx, SQLite::Database& reads) {
    const auto tickets = store::of_person(reads, ctx.user_id);
    if (tickets.empty())
        return Plan::answer(
            "You have filed or followed no tickets. Report an office issue with `/office the 3F "
            "printer is jammed`.");
    std::string text = "Your tickets (filed or followed), open first:\n";
    for (const auto& t : tickets)
        text += fmt::format("• {}{}\n", ticket_line(ctx, t),
                            t.requester == ctx.user_id ? "" : " _(following)_");
    return Plan::answer(std::move(text));
}

Plan queue(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const std::string_view wanted = core::trim(args);
    const config::Site* site = wanted.empty() ? &ctx.site : ctx.cfg.find_site(wanted);
    if (!site) throw Refusal(fmt::format("There is no site `{}`.", wanted));
    if (!may_work(ctx.cfg, *ctx.caller, *site))
        throw Refusal(fmt::format(
            "The queue of {} is for BizOps and its site leads. Your own tickets: `/office list`.",
            site->name));
    const auto tickets = store::queue(reads, site->id);
    if (tickets.empty()) return Plan::answer(fmt::format("No open tickets at {}. 🎉", site->name));
    const std::int64_t now = now_ms(ctx);
    std::string text = fmt::format("Open tickets at {}, by priority then age:\n", site->name);
    for (const auto& t : tickets)
        text += fmt::format(
            "• {} · {} · {} · {} · {} · {}\n", id_text(t.id), priority_text(t.priority),
            ctx.cfg.office.label_of(t.category),
            t.assignee.empty() ? std::string("unassigned") : "held by " + mention(t.assignee),
            t.status == Status::open ? time_left(now, t.due_at) : std::string("acknowledged"),
            core::plain(t.description));
    // The example is the first ticket nobody holds, so that it can be copied.
    const auto free = std::find_if(tickets.begin(), tickets.end(),
                                   [](const auto& t) { return t.assignee.empty(); });
    const std::string id = id_text((free == tickets.end() ? tickets.front() : *free).id);
    text += fmt::format(
        "Take one with `/office ack {0}`, or give it: `/office assign {0} @someone`.", id);
    return Plan::answer(std::move(text));
}

Plan show(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const auto [word, rest] = core::split_first_word(args);
    const store::Ticket t = find(reads, word, "Usage: `/office show OFC-5`");
    const auto followers = store::followers(reads, t.id);
    const bool may_see = t.requester == ctx.user_id || t.assignee == ctx.user_id ||
                         is_follower(followers, ctx.user_id) ||
                         may_work(ctx.cfg, *ctx.caller, site_of(ctx, t)) ||
                         ctx.caller->is_site_lead();
    if (!may_see)
        throw Refusal(fmt::format(
            "{} is someone else's ticket. If you have the same problem: `/office follow {}`.",
            id_text(t.id), id_text(t.id)));
    std::string text =
        fmt::format("*{}* · {} · {} · filed by {}\n>{}\n*Now:* {}\n", id_text(t.id),
                    priority_text(t.priority), ctx.cfg.office.label_of(t.category),
                    mention(t.requester), core::plain(t.description), state_text(ctx, t));
    if (!t.photo.empty()) text += fmt::format("Photo: <{}|open>\n", t.photo);
    if (t.similar_to > 0) text += fmt::format("Resembles {}\n", id_text(t.similar_to));
    if (!followers.empty()) {
        text += "Followed by";
        for (const auto& f : followers) {
            text += ' ';
            text += mention(f);
        }
        text += "\n";
    }
    const config::Site& site = site_of(ctx, t);
    for (const auto& h : storage::audit::history(reads, core::IdKind::office, t.id))
        text += fmt::format("• {} {} by {}{}\n", due_text(ctx, site, h.at_ms), h.action,
                            h.actor.empty() ? std::string("the bot") : mention(h.actor),
                            h.note.empty() ? "" : ": " + core::plain(h.note));
    if (!core::trim(rest).empty()) text += to_add(ctx, t, rest);
    return Plan::answer(std::move(text));
}

}  // namespace handlers::office::views
