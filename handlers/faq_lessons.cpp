// Reviewing what the FAQ learnt from use: /faq learnt [FAQ-3] and
// /faq forget ASK-7, for site leads and admins. A question learnt (an
// answer its asker rated helpful, a question a site lead answered) answers
// its rewordings as it was answered (handlers/faq_learnt.hpp), so one
// Helpful pressed on a wrong answer would go on giving it. The site lead
// sees each lesson, who taught it and when, and takes back a wrong one.

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/dates.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "handlers/faq.hpp"
#include "storage/faq_stats.hpp"
#include "storage/faq_store.hpp"

namespace handlers::faq::curate {
namespace {

namespace store = storage::faq;
using core::mention;

// The newest lessons `/faq learnt` shows.
constexpr int kShown = 20;

// What a lesson answers: its entry, or none (a question a site lead
// answered in words, which the FAQ then does not answer at that site).
std::string answers(const store::Lesson& l) {
    if (l.entry_id == 0) return "answered in words, not from the FAQ";
    return fmt::format("FAQ-{} {}", l.entry_id, l.entry_question);
}

// • ASK-7 "wifi password wrong on the chromebook" → FAQ-1 What is the wifi
//   password? (Helpful from <@UCARL>, today 10:02)
std::string line(const Context& ctx, const store::Lesson& l) {
    const config::Site* site = l.site == ctx.site.id ? nullptr : ctx.cfg.find_site(l.site);
    return fmt::format(
        "• {} \"{}\" → {} _({} {}, {}{})_\n", l.source.text(), core::plain(l.text), answers(l),
        l.source.kind == core::IdKind::ask ? "Helpful from" : "answered by", mention(l.taught_by),
        core::format_moment(ctx.site.tz(), l.at_ms, ctx.today),
        l.site == ctx.site.id ? std::string() : ", at " + (site ? site->name : l.site));
}

// A lesson for an entry is decided by who may change the entry; one
// answered in words (it keeps that question from the FAQ at its site
// only) by that site's leads and admins.
void check_may_forget(const Context& ctx, const store::Lesson& l, SQLite::Database& reads) {
    if (l.entry_id > 0) {
        if (const auto e = store::get(reads, l.entry_id)) check_may_change(ctx, *e);
        return;
    }
    if (ctx.caller->has_role(config::Role::admin)) return;
    const config::Site* site = ctx.cfg.find_site(l.site);
    if (!site || !site->leads(ctx.user_id))
        throw Refusal(
            fmt::format("{} was asked at {}: its site leads and admins decide what it taught.",
                        l.source.text(), site ? site->name : l.site));
}

}  // namespace

// ---- /faq learnt [FAQ-3] ------------------------------------------------------------

Plan learnt(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    constexpr std::string_view usage =
        "Usage: `/faq learnt` (what the FAQ learnt at your site), or `/faq learnt FAQ-3` (what "
        "one entry learnt, at every site)";
    check_may(ctx);
    const auto [word, rest] = core::split_first_word(args);
    if (!core::trim(rest).empty()) throw Refusal(fmt::format("One entry at most.\n{}", usage));
    std::int64_t entry = 0;
    std::string heading = fmt::format("Learnt at {}, newest first:\n", ctx.site.name);
    if (!word.empty()) {
        const store::Entry e = find_entry(reads, word, usage);
        entry = e.id;
        heading = fmt::format("Learnt for FAQ-{} (*{}*), newest first:\n", e.id, e.question);
    }
    auto lessons = store::lessons(reads, entry ? std::string() : ctx.site.id, entry, kShown + 1);
    if (lessons.empty())
        return Plan::answer(
            entry ? fmt::format("FAQ-{} has learnt no question yet.", entry)
                  : fmt::format("The FAQ has learnt no question at {} yet. It learns one when its "
                                "asker presses Helpful, and when you answer one with "
                                "`/faq answer Q-4`.",
                                ctx.site.name));
    const bool more = lessons.size() > static_cast<std::size_t>(kShown);
    if (more) lessons.resize(kShown);
    std::string text = heading;
    for (const auto& l : lessons) text += line(ctx, l);
    if (more)
        text += fmt::format("Only the newest {}; `/faq learnt FAQ-3` shows one entry's.\n", kShown);
    text += "Each answers its rewordings as it was answered. `/faq forget ASK-7` takes one back.";
    return Plan::answer(std::move(text));
}

// ---- /faq forget ASK-7 --------------------------------------------------------------

Plan forget(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    constexpr std::string_view usage =
        "Usage: `/faq forget ASK-7` (or a `Q-4`), with an id `/faq learnt` shows";
    check_may(ctx);
    const auto [word, rest] = core::split_first_word(args);
    const auto id = core::parse_id(word);
    if (!id || (id->kind != core::IdKind::ask && id->kind != core::IdKind::question))
        throw Refusal(fmt::format("Which question? Ids look like `ASK-7` or `Q-4`.\n{}", usage));
    if (!core::trim(rest).empty()) throw Refusal(fmt::format("One question at a time.\n{}", usage));
    const auto lesson = store::lesson(reads, *id);
    if (!lesson)
        throw Refusal(fmt::format(
            "{} taught the FAQ nothing: only an answer its asker rated helpful, or a question a "
            "site lead answered, does. `/faq learnt` lists what it learnt.",
            id->text()));
    check_may_forget(ctx, *lesson, reads);
    Plan plan = Plan::answer(fmt::format(
        "Forgot \"{}\" ({}). Its rewordings get the search's own answer again{}.",
        core::plain(lesson->text),
        lesson->entry_id > 0
            ? fmt::format("answered with FAQ-{}, *{}*", lesson->entry_id, lesson->entry_question)
            : std::string("answered in words"),
        lesson->entry_id > 0 ? fmt::format("; see `/faq history FAQ-{}`", lesson->entry_id)
                             : fmt::format("; see `/faq history {}`", id->text())));
    plan.apply = [lesson = *lesson, actor = ctx.user_id,
                  now = core::unix_ms(ctx.now)](SQLite::Database& db) {
        if (!store::forget(db, lesson, actor, now))
            throw Refusal(fmt::format("\"{}\" is forgotten already.", core::plain(lesson.text)));
        return Slots{};
    };
    return plan;
}

}  // namespace handlers::faq::curate
