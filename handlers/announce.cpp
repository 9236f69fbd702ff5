#include "handlers/announce.hpp"

#include <algorithm>
#include <array>

#include <date/tz.h>
#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/dates.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "handlers/announce_command.hpp"
#include "handlers/home.hpp"
#include "storage/announcement_store.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"

namespace handlers::announce {
namespace {

namespace store = storage::announcement;
using Announcement = store::Announcement;
using std::chrono::system_clock;

constexpr std::size_t kButtonValue = 2000;  // a button's value in Slack
constexpr auto kRecent = date::days{14};
constexpr int kRecentListed = 10;

std::string id_text(std::int64_t id) {
    return core::format_id(core::IdKind::announcement, id);
}

std::vector<const config::Person*> people_of(const config::Config& cfg, const config::Site& site) {
    std::vector<const config::Person*> out;
    for (const auto& p : cfg.people)
        if (&cfg.site_of(p) == &site) out.push_back(&p);
    return out;
}

std::chrono::milliseconds dm_interval(const config::Config& cfg) {
    return std::chrono::milliseconds(60'000 / cfg.announcements.dms_per_minute);
}

system_clock::time_point at_ms(std::int64_t ms) {
    return system_clock::time_point(std::chrono::milliseconds(ms));
}

// "today 09:00", "Tue Dec 8 09:00", in the site's zone, with the site named
// when it is not the caller's.
std::string moment(const config::Site& site, const config::Site& callers,
                   system_clock::time_point now, std::int64_t ms) {
    std::string text = core::format_moment(site.tz(), at_ms(ms), site.today(now));
    if (&site != &callers) text += fmt::format(" ({} time)", site.name);
    return text;
}
std::string moment(const Context& ctx, const config::Site& site, std::int64_t ms) {
    return moment(site, ctx.site, ctx.now, ms);
}

// ---- what `announce` was given -----------------------------------------------

const config::Site& site_to_lead(const Context& ctx, const config::Site& site) {
    if (!ctx.caller || !ctx.cfg.leads(*ctx.caller, site))
        throw Refusal(fmt::format(
            "Announcements to {} are made by its site leads and by admins; ask one of them.",
            site.name));
    return site;
}

// ---- what goes out ---------------------------------------------------------

// Who it reaches: the channel and how many by DM.
std::string reach(const config::Site& site, const Announcement& a, std::size_t people) {
    const std::string dms = fmt::format("everyone at {} by DM ({} people)", site.name, people);
    if (a.channel.empty()) return dms;
    return a.dm ? fmt::format("{} and {}", core::channel_link(a.channel), dms)
                : core::channel_link(a.channel);
}

std::string message_text(const config::Site& site, const Announcement& a) {
    return fmt::format(":mega: *Announcement* from {} to {}\n{}", core::mention(a.author),
                       site.name, a.text);
}

// Its messages: the channel post, then a DM to each person of the site,
// with subject `subject` ("ANN-4", or with the id's slot).
std::vector<Message> messages(const config::Site& site, const Announcement& a,
                              const std::vector<const config::Person*>& people,
                              const std::string& subject) {
    std::vector<Message> out;
    const std::string text = message_text(site, a);
    auto add = [&](const std::string& to) {
        Message m = Message::dm(to, text);
        m.subject = subject;
        out.push_back(std::move(m));
    };
    if (!a.channel.empty()) add(a.channel);
    if (a.dm)
        for (const auto* p : people) add(p->slack_id);
    return out;
}

// Spreads the DMs among `out` (all after the channel post, if any) at the
// configured pace, after every DM already paced: DM i is due i intervals
// after the first, which is due one interval after the last earlier one (or
// at once). Returns when the last is due, or 0 without DMs.
template <class M>
std::int64_t pace(std::vector<M>& out, const Announcement& a, const config::Config& cfg,
                  SQLite::Database& db, std::int64_t now_ms) {
    const std::size_t first = a.channel.empty() ? 0 : 1;
    if (out.size() <= first) return 0;
    const std::int64_t interval = dm_interval(cfg).count();
    const std::int64_t paced = store::dms_paced_until(db);
    std::int64_t due = std::max(now_ms, paced == 0 ? now_ms : paced + interval);
    for (std::size_t i = first; i < out.size(); ++i, due += interval)
        out[i].delay_ms = due - now_ms;
    return due - interval;
}

void record(SQLite::Database& db, std::int64_t id, std::string_view action, std::string_view from,
            std::string_view to, std::string_view actor, std::int64_t at_ms,
            std::string_view note = {}) {
    storage::audit::record(db,
                           {core::IdKind::announcement, id, action, from, to, actor, at_ms, note});
}

// ---- the list ----------------------------------------------------------------

std::string progress_text(const Announcement& a, const store::Progress& p) {
    if (a.messages == 0) return "nothing to send";
    if (p.delivered == a.messages) return "delivered";
    std::string out = fmt::format("{} of {} delivered", p.delivered, a.messages);
    if (p.failed > 0) out += fmt::format(", {} failed", p.failed);
    if (p.waiting > 0) out += fmt::format(", {} to go", p.waiting);
    return out;
}

std::string excerpt(std::string_view text) {
    std::string first(text.substr(0, text.find('\n')));
    if (first.size() > 80 || first.size() < text.size()) first = core::utf8_prefix(first, 80) + "…";
    return first;
}

std::string list_line(const Context& ctx, const config::Site& site, const Announcement& a,
                      SQLite::Database& reads) {
    const std::string head = fmt::format("• `{}` ", id_text(a.id));
    const std::string tail =
        fmt::format(" · by {} · \"{}\"", core::mention(a.author), excerpt(a.text));
    if (a.state == "scheduled")
        return head +
               fmt::format("*{}* · to {}", moment(ctx, site, a.due_at),
                           reach(site, a, a.dm ? people_of(ctx.cfg, site).size() : 0)) +
               tail;
    if (a.state == "cancelled")
        return head + fmt::format("cancelled (was for {})", moment(ctx, site, a.due_at)) + tail;
    return head +
           fmt::format("went out {} · {} messages: {}", moment(ctx, site, a.due_at), a.messages,
                       progress_text(a, store::progress(reads, a.id))) +
           tail;
}

Plan cancel(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const auto id = core::parse_id(core::trim(args));
    if (!id || id->kind != core::IdKind::announcement)
        throw Refusal(
            "Usage: `/sitelead announcements cancel ANN-n` (`/sitelead announcements` "
            "lists them)");
    const auto a = store::get(reads, id->number);
    const config::Site* site = a ? ctx.cfg.find_site(a->site) : nullptr;
    if (!a || !site) throw Refusal(fmt::format("There is no announcement {}.", id->text()));
    site_to_lead(ctx, *site);
    if (a->state != "scheduled")
        throw Refusal(
            fmt::format("{} {}: only a scheduled announcement can be cancelled.", id->text(),
                        a->state == "cancelled" ? "is cancelled already" : "has gone out already"));
    Plan plan;
    plan.result.reply.text = fmt::format("{} is cancelled: it won't go out {}.", id->text(),
                                         moment(ctx, *site, a->due_at));
    // The author's Home tab lists it with its Cancel button (the caller's is
    // republished anyway).
    if (a->author != ctx.user_id) plan.result.messages.push_back(Message::home(a->author, 0));
    plan.apply = [n = id->number, actor = ctx.user_id, now = core::unix_ms(ctx.now),
                  text = id->text()](SQLite::Database& db) {
        if (!store::cancel(db, n))
            throw Refusal(
                fmt::format("{} has just gone out; it can't be cancelled any more.", text));
        record(db, n, "cancelled", "scheduled", "cancelled", actor, now);
        return Slots{};
    };
    return plan;
}

// What an announcement by DM would do, with a button that sends it: the
// command it stands for with --send, when that fits in a button's value.
Plan preview(const Context& ctx, const config::Site& site, const Announcement& a,
             std::size_t people, std::string_view args) {
    const std::string when =
        a.state == "scheduled" ? fmt::format(" on {}", moment(ctx, site, a.due_at)) : std::string();
    const std::string command = fmt::format("sitelead announce --send {}", core::trim(args));
    const bool fits = command.size() <= kButtonValue;
    const std::string ask = fmt::format(
        "This goes to {}{}, and a DM cannot be taken back. {}", reach(site, a, people), when,
        fits ? "Send it with the button below, or type the command again with `--send`."
             : "Type the command again with `--send` to send it.");
    Plan plan = Plan::answer(ask + "\n\n" + a.text);
    std::vector<blocks::Block> shown{blocks::section(ask), blocks::section(a.text)};
    if (fits)
        shown.push_back(blocks::actions(
            "ann-send", {blocks::button(fmt::format("Send to {} people", people), "ann.send",
                                        command, blocks::Style::primary)}));
    plan.result.reply.blocks = blocks::render(shown);
    return plan;
}

}  // namespace

Plan announce(const Context& ctx, std::string_view args, SQLite::Database&) {
    const Draft d = read_command(ctx, args);
    const config::Site& site = site_to_lead(ctx, *d.site);
    Announcement a;
    a.site = site.id;
    a.author = ctx.user_id;
    a.text = d.text;
    a.channel = site.announcements_channel;
    a.dm = d.dm;
    a.created_at = core::unix_ms(ctx.now);
    a.due_at = core::unix_ms(d.at.value_or(ctx.now));
    a.state = d.at ? "scheduled" : "sent";
    if (a.channel.empty() && !a.dm)
        throw Refusal(fmt::format(
            "{} has no announcements channel, so this would reach nobody. Add `--dm` to send it "
            "to everyone there by DM, or ask an admin to set `announcements_channel` for the site "
            "in the configuration.",
            site.name));
    // Everyone at the site, read once: counted in the reply, each a DM.
    const auto people = a.dm ? people_of(ctx.cfg, site) : std::vector<const config::Person*>{};
    if (a.dm && people.empty())
        throw Refusal(fmt::format("Nobody in the directory works at {}.", site.name));

    // A DM to everyone cannot be taken back: it is shown first, to be sent
    // by its button (or typed again with --send).
    if (a.dm && !d.send) return preview(ctx, site, a, people.size(), args);

    Plan plan;
    const std::string id = "ANN-" + core::slot(0);
    if (d.at) {
        plan.result.reply.text = fmt::format(
            "{} is scheduled for {}, to {}. `/sitelead announcements` lists it; `/sitelead "
            "announcements cancel {}` takes it back.",
            id, moment(ctx, site, a.due_at), reach(site, a, people.size()), id);
        plan.apply = [a](SQLite::Database& db) {
            const std::int64_t n = store::add(db, a);
            record(db, n, "created", "", "scheduled", a.author, a.created_at);
            return Slots{std::to_string(n)};
        };
        return plan;
    }
    auto rows = storage::outbox::prepare(messages(site, a, people, id));
    const auto interval = dm_interval(ctx.cfg);
    plan.result.reply.text =
        fmt::format("{} is on its way to {}.{} `/sitelead announcements` shows how far it has got.",
                    id, reach(site, a, people.size()),
                    a.dm ? fmt::format(" The DMs go one every {} s, so that Slack takes them all: "
                                       "the last about {}.",
                                       interval.count() / 1000.0, core::slot(1))
                         : "");
    plan.apply = [a, rows = std::move(rows), &cfg = ctx.cfg, &site, &callers = ctx.site,
                  now = ctx.now, request = ctx.request_id](SQLite::Database& db) mutable {
        auto sent = a;
        sent.messages = static_cast<int>(rows.size());
        sent.dms_until = pace(rows, a, cfg, db, a.created_at);
        const std::int64_t n = store::add(db, sent);
        record(db, n, "created", "", "sent", a.author, a.created_at);
        // When its last DM is due: later than its own count says when
        // another announcement's DMs are still going out.
        Slots slots{std::to_string(n), moment(site, callers, now, sent.dms_until)};
        storage::outbox::enqueue(db, request, rows, slots, a.created_at);
        return slots;
    };
    return plan;
}

Plan announcements(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const auto [word, rest] = core::split_first_word(args);
    if (word == "cancel") return cancel(ctx, rest, reads);
    if (!word.empty())
        throw Refusal(
            "Usage: `/sitelead announcements` (the scheduled ones and the latest) or "
            "`/sitelead announcements cancel ANN-n`");
    std::vector<std::string> sites;
    for (const auto& s : ctx.cfg.sites)
        if (ctx.caller && ctx.cfg.leads(*ctx.caller, s)) sites.push_back(s.id);
    if (sites.empty())
        throw Refusal(
            "Announcements are made by site leads and admins; `/sitelead help` lists "
            "what you can do.");
    const auto since = core::unix_ms(ctx.now - kRecent);
    auto list = store::scheduled(reads, sites);
    for (auto& a : store::recent(reads, sites, since, kRecentListed)) list.push_back(std::move(a));
    if (list.empty())
        return Plan::answer(
            "No announcement is scheduled, and none went out in the last 14 days. `/sitelead "
            "announce <text>` makes one.");
    std::string text = "*Announcements* (scheduled, then the latest)\n";
    for (const auto& a : list) text += list_line(ctx, *ctx.cfg.find_site(a.site), a, reads) + '\n';
    return Plan::answer(std::move(text));
}

std::vector<Message> send_due(const config::Config& cfg, const config::Site& site,
                              SQLite::Database& db, system_clock::time_point due) {
    std::vector<Message> out;
    const std::int64_t now = core::unix_ms(due);
    for (const auto& a : store::due(db, site.id, now)) {
        const auto people = a.dm ? people_of(cfg, site) : std::vector<const config::Person*>{};
        auto those = messages(site, a, people, id_text(a.id));
        const std::int64_t until = pace(those, a, cfg, db, now);
        if (!store::mark_sent(db, a.id, now, static_cast<int>(those.size()), until)) continue;
        record(db, a.id, "sent", "scheduled", "sent", "sitelead-bot", now);
        for (auto& m : those) out.push_back(std::move(m));
        out.push_back(Message::home(a.author, 0));  // no longer scheduled there
    }
    return out;
}

void home(const Context& ctx, SQLite::Database& reads, std::vector<blocks::Block>& out) {
    if (!ctx.caller) return;
    std::vector<std::string> sites;
    for (const auto& s : ctx.cfg.sites)
        if (s.leads(ctx.user_id)) sites.push_back(s.id);
    if (sites.empty()) return;
    // The scheduled ones only: those that went out are in the list command.
    const auto scheduled = store::scheduled(reads, sites);
    if (scheduled.empty()) return;
    out.push_back(blocks::section(fmt::format(
        "*Announcements scheduled* ({}; `/sitelead announcements`)", scheduled.size())));
    for (std::size_t i = 0; i < scheduled.size() && i < kHomeItems; ++i) {
        const auto& a = scheduled[i];
        const std::string id = id_text(a.id);
        const config::Site& site = *ctx.cfg.find_site(a.site);
        out.push_back(blocks::section(list_line(ctx, site, a, reads)));
        out.push_back(blocks::actions(
            "ann-" + std::to_string(a.id) + "-cancel",
            {blocks::button("Cancel " + id, "home.cancel." + id,
                            "sitelead announcements cancel " + id, blocks::Style::danger)}));
    }
}

std::vector<HelpLine> help_lines() {
    return {{"/sitelead announce [--dm [--send]] [--at \"YYYY-MM-DD HH:MM\"] <text>",
             "tell your site: to its announcements channel, with --dm to everyone by DM (shown "
             "first to confirm; --send sends at once), with --at later",
             Audience::site_leads},
            {"/sitelead announcements [cancel ANN-n]",
             "the scheduled announcements and how far the latest have got; take one back",
             Audience::site_leads}};
}

}  // namespace handlers::announce
