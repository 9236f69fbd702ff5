#include "handlers/office.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <boost/url/parse.hpp>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "handlers/blocks.hpp"
#include "handlers/office_deadline.hpp"
#include "handlers/office_parts.hpp"
#include "handlers/office_repeats.hpp"
#include "handlers/office_triage.hpp"

namespace handlers::office {
namespace {

using namespace parts;
using core::mention;
using store::Status;

constexpr std::string_view kFileUsage =
    "Usage: `/office <what is wrong> [#category] [!priority]`, e.g. `/office the 3F printer is "
    "jammed` or `/office no hot water in the kitchen #facilities !high`";
constexpr std::size_t kMostCharacters = 1000;
// A button that files a report carries its photo as a first word "photo:<link>".
constexpr std::string_view kPhotoMark = "photo:";

// The report's photo given as "photo:<link>" in front of it (a button's
// value), or nothing.
std::string take_photo(std::string_view& report) {
    const auto [word, rest] = core::next_word(report);
    if (!word.starts_with(kPhotoMark)) return {};
    const std::string_view link = word.substr(kPhotoMark.size());
    const auto url = boost::urls::parse_absolute_uri(link);
    if (!url || url->host().empty() || (url->scheme() != "https" && url->scheme() != "http"))
        throw Refusal(fmt::format("`{}` is not a link to a photo.\n{}", link, kFileUsage));
    report = rest;
    return std::string(link);
}

// Whether the words say the thing works again: "the printer is working
// again", "wifi works now", "the leak is fixed", "lights are back on", "no
// longer leaking"; not "is not working again".
bool says_it_works(std::string_view text) {
    const auto w = core::lower_words(text);
    const auto is = [&](std::size_t i, std::initializer_list<std::string_view> words) {
        return i < w.size() && std::find(words.begin(), words.end(), w[i]) != words.end();
    };
    for (std::size_t i = 0; i < w.size(); ++i) {
        const bool negated = i > 0 && is(i - 1, {"not", "isn't", "isnt", "stopped", "never"});
        if (is(i, {"working", "works", "work"}) && is(i + 1, {"again", "now", "fine"}) && !negated)
            return true;
        if (is(i, {"fixed", "repaired", "sorted"}) && !negated &&
            (is(i + 1, {"now"}) || (i > 0 && is(i - 1, {"is", "been", "got", "was", "all"}))))
            return true;
        if (is(i, {"back"}) && is(i + 1, {"up", "on", "online"}) && !negated) return true;
        if (is(i, {"no"}) && is(i + 1, {"longer"})) return true;
    }
    return false;
}

// Words outside a command that file a ticket: not a question nor news that
// it works again, about something BizOps looks after, and saying something
// is wrong, by a priority word ("down", "leaking") or as a sentence. Two
// words of a topic ("wifi password", "bike parking") are more often a
// question for the FAQ, as is a question ("where is the wifi password?").
bool reads_like_a_report(std::string_view text, const Triage& t) {
    if (core::is_question(text) || says_it_works(text)) return false;
    if (t.priority >= config::Priority::high) return true;
    if (t.category == "other") return false;
    int words = 0;
    for (std::string_view rest = text; !core::trim(rest).empty(); ++words)
        rest = core::next_word(rest).second;
    return t.priority == config::Priority::low || words >= 3;
}

// What to say about a ticket a new report resembles, with its buttons.
Plan offer_to_follow(const Context& ctx, const store::Ticket& open, std::string_view report,
                     const std::string& photo) {
    const std::string id = id_text(open.id);
    const std::string text = fmt::format(
        "This looks like {}, already reported: \"{}\" ({}).\nFollow it to get its updates: "
        "`/office follow {}`. If it is a different problem, file it anyway: `/office new {}`.",
        id, core::plain(open.description), state_text(ctx, open), id, core::trim(report));
    const std::string again =
        fmt::format("office new {}{}", photo.empty() ? "" : std::string(kPhotoMark) + photo + " ",
                    core::trim(report));
    Plan plan = Plan::answer(text);
    plan.result.reply.blocks = blocks::render(
        {blocks::section(text),
         blocks::actions("ofc-repeat",
                         {blocks::button("Follow " + id, "ofc.follow", "office follow " + id,
                                         blocks::Style::primary),
                          blocks::button("File it anyway", "ofc.new", again)})});
    return plan;
}

// ---- /office <report> and /office new <report> --------------------------------

Plan file(const Context& ctx, std::string_view report, bool check_repeats,
          SQLite::Database& reads) {
    const config::Site& site = ctx.site;
    std::string photo = take_photo(report);
    if (photo.empty() && !ctx.files.empty()) photo = ctx.files.front().permalink;
    if (core::trim(report).empty())
        throw Refusal(fmt::format("Say what is wrong.\n{}", kFileUsage));
    if (report.size() > kMostCharacters)
        throw Refusal(fmt::format(
            "That report is {} characters long; keep it under {} (details can follow with "
            "`/office comment OFC-5 <text>`).",
            report.size(), kMostCharacters));
    const Triage triage = office::triage(ctx.cfg.office, report);
    if (core::trim(triage.description).empty())
        throw Refusal(
            fmt::format("Say what is wrong, besides the category and priority.\n{}", kFileUsage));

    const auto similar = repeat_of(reads, site.id, triage.description);
    if (similar && check_repeats) return offer_to_follow(ctx, *similar, report, photo);

    store::Ticket t;
    t.requester = ctx.user_id;
    t.site = site.id;
    t.description = std::string(core::trim(triage.description));
    t.category = triage.category;
    t.priority = std::string(config::to_string(triage.priority));
    t.status = Status::open;
    t.photo = photo;
    t.similar_to = similar ? similar->id : 0;
    t.due_at = core::unix_ms(due_at(ctx.cfg.office, site, triage.priority, ctx.now));
    t.escalate_at = core::unix_ms(due_at(ctx.cfg.office, site, triage.priority, ctx.now, 2));

    const std::string id =
        std::string(core::prefix(core::IdKind::office)) + "-" + core::slot(kIdSlot);
    Plan plan;
    std::string where;
    if (!site.bizops_channel.empty()) {
        plan.result.messages.push_back(triage_post(ctx, t, id));
    } else {
        // No channel to post in: the site's leads hear of it instead.
        for (const config::Person* lead : ctx.cfg.site_leads_of(site))
            plan.result.messages.push_back(Message::dm(
                lead->slack_id,
                fmt::format("New ticket {} ({}, {}) from {} at {}: {}. No BizOps channel is set "
                            "for the site, so I'm telling you.",
                            id, t.priority, ctx.cfg.office.label_of(t.category),
                            mention(t.requester), site.name, core::plain(t.description))));
        where = " (no BizOps channel is set here, so I told the site lead)";
    }
    for (auto& m : webhook(ctx, "ticket.created", t, id, "")) plan.result.messages.push_back(m);
    plan.result.reply.text = fmt::format(
        "Filed {}: {}\n{} · {} · BizOps is due to respond by {}{}.{}{}", id,
        core::plain(t.description), ctx.cfg.office.label_of(t.category), priority_text(t.priority),
        due_text(ctx, site, t.due_at), where, photo.empty() ? "" : "\nThe photo is attached.",
        similar ? fmt::format("\nLinked to {}, which it resembles.", id_text(similar->id)) : "");
    plan.apply = [now = now_ms(ctx), t](SQLite::Database& db) {
        const std::int64_t id = store::insert(db, t, now);
        trail(db, id, "created", "", Status::open, t.requester, t.description, now);
        return Slots{std::to_string(id)};
    };
    return plan;
}

// ---- /office follow OFC-5 ----------------------------------------------------

Plan follow(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    constexpr std::string_view usage = "Usage: `/office follow OFC-5`";
    const auto [word, rest] = core::split_first_word(args);
    const store::Ticket t = find(reads, word, usage);
    const std::string id = id_text(t.id);
    if (t.requester == ctx.user_id)
        return Plan::answer(fmt::format("You filed {}: you get its updates already.", id));
    if (t.status == Status::closed)
        throw Refusal(fmt::format("{} is closed already. If it's broken again, file it anew.", id));
    const auto followers = store::followers(reads, t.id);
    if (is_follower(followers, ctx.user_id))
        return Plan::answer(
            fmt::format("You're following {} already ({}).", id, state_text(ctx, t)));
    Plan plan;
    plan.result.reply.text =
        fmt::format("You're following {} ({}): \"{}\". You'll get its updates.", id,
                    state_text(ctx, t), core::plain(t.description));
    const config::Site& site = site_of(ctx, t);
    if (!site.bizops_channel.empty())
        plan.result.messages.push_back(
            Message::reply(site.bizops_channel, id,
                           fmt::format("{} has this problem too.", mention(ctx.user_id))));
    plan.apply = [id = t.id, who = ctx.user_id](SQLite::Database& db) {
        store::follow(db, id, who);
        return Slots{};
    };
    return plan;
}

bool is_ticket_id(std::string_view word) {
    const auto id = core::parse_id(word);
    return id && id->kind == core::IdKind::office;
}

}  // namespace

Plan handle(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    auto [word, rest] = core::split_first_word(args);
    if (word.empty() || word == "help")
        return Plan::answer(fmt::format("{}\n{}", kFileUsage, also(ctx, help_section())));
    // "list" and "queue" with more words after them are reports ("list of
    // printers is wrong").
    if (word == "list" && rest.empty()) return views::list(ctx, reads);
    if (word == "queue" && (rest.empty() || ctx.cfg.find_site(core::trim(rest))))
        return views::queue(ctx, rest, reads);
    if (word == "show") return views::show(ctx, rest, reads);
    if (word == "follow") return follow(ctx, rest, reads);
    if (word == "ack") return work::ack(ctx, rest, reads);
    if (word == "assign") return work::assign(ctx, rest, reads);
    if (word == "resolve") return work::resolve(ctx, rest, reads);
    if (word == "reopen") return work::reopen(ctx, rest, reads);
    if (word == "comment") return work::comment(ctx, rest, reads);
    if (word == "fixed") return work::fixed(ctx, rest, reads);
    if (word == "broken") return work::broken(ctx, rest, reads);
    if (word == "new") return file(ctx, rest, false, reads);
    if (is_ticket_id(word)) return views::show(ctx, args, reads);
    if (auto refusal = mistyped("/office", word, rest, core::IdKind::office,
                                {{"show"},
                                 {"follow"},
                                 {"comment", " <text>"},
                                 {"fixed"},
                                 {"broken", " <what is still wrong>"},
                                 {"ack"},
                                 {"assign", " @someone"},
                                 {"resolve"},
                                 {"reopen"}},
                                "To report a new problem: `/office new <what is wrong>`."))
        throw *refusal;
    return file(ctx, args, true, reads);
}

std::optional<Plan> claim(const Context& ctx, std::string_view text, SQLite::Database& reads) {
    if (!ctx.caller || core::trim(text).empty() || text.size() > kMostCharacters) return {};
    // "Any news on OFC-3?" in a DM: the ticket, as `/office show OFC-3` shows
    // it to whoever may see it.
    if (const auto id = core::first_id_in(text, core::IdKind::office); id && !ctx.via_mention)
        return handle(ctx, "show " + id->text(), reads);
    Triage t;
    try {
        t = office::triage(ctx.cfg.office, text);
    } catch (const Refusal&) {
        return {};  // a #word that is no category: not written as a report
    }
    if (!reads_like_a_report(text, t)) return {};
    if (ctx.via_mention) return file(ctx, text, true, reads);
    // In a DM, ask first: it may be a question.
    const std::string photo = ctx.files.empty() ? "" : ctx.files.front().permalink;
    const std::string value =
        fmt::format("office {}{}", photo.empty() ? "" : std::string(kPhotoMark) + photo + " ",
                    core::trim(text));
    const std::string ask = fmt::format(
        "That sounds like an office issue ({}, {}). Shall I file it for BizOps? You can also "
        "write `office {}`.",
        ctx.cfg.office.label_of(t.category), config::to_string(t.priority), core::trim(text));
    Plan plan = Plan::answer(ask);
    plan.result.reply.blocks = blocks::render(
        {blocks::section(core::plain(ask)),
         blocks::actions("ofc-claim",
                         {blocks::button("File it", "ofc.file", value, blocks::Style::primary)})});
    return plan;
}

HelpSection help_section() {
    return {
        "Office issues",
        {{"/office <what is wrong> [#category] [!priority]",
          "report an office issue to BizOps, e.g. `/office the 3F printer is jammed`"},
         {"/office list", "the tickets I filed or follow"},
         {"/office show OFC-5", "a ticket and its history"},
         {"/office follow OFC-5", "get a ticket's updates too"},
         {"/office comment OFC-5 <text>", "add to a ticket you filed or follow"},
         {"/office reopen OFC-5 [reason]", "reopen a ticket you filed"},
         {"/office queue [site]", "open tickets by priority and age", Audience::bizops_and_leads},
         {"/office ack OFC-5 [note]", "take a ticket", Audience::bizops_and_leads},
         {"/office assign OFC-5 @someone", "give a ticket to someone in BizOps",
          Audience::bizops_and_leads},
         {"/office resolve OFC-5 [note]", "mark a ticket fixed", Audience::bizops_and_leads}}};
}

}  // namespace handlers::office
