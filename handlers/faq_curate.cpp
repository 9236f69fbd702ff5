// Curating the FAQ: /faq add, edit, tags, remove, list, unanswered and history,
// for site leads and admins. Every change keeps who, when and the text it
// replaced in the audit trail.

#include <vector>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/dates.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "handlers/faq.hpp"
#include "handlers/faq_words.hpp"
#include "storage/audit.hpp"
#include "storage/faq_stats.hpp"
#include "storage/faq_store.hpp"

namespace handlers::faq::curate {
namespace {

namespace store = storage::faq;
using core::mention;

constexpr int kIdSlot = 0;

}  // namespace

store::Entry find_entry(SQLite::Database& reads, std::string_view word, std::string_view usage) {
    const auto id = core::parse_id(word);
    if (!id || id->kind != core::IdKind::faq)
        throw Refusal(fmt::format("Which entry? Ids look like `FAQ-3`.\n{}", usage));
    const auto e = store::get(reads, id->number);
    if (!e) throw Refusal(fmt::format("There is no entry {} in the FAQ.", id->text()));
    return *e;
}

void check_may(const Context& ctx) {
    if (!ctx.caller || !ctx.caller->is_site_lead())
        throw Refusal(
            "Only site leads and admins curate the FAQ. Ask yours to add what is "
            "missing, or ask it: `/faq <question>`.");
}

void check_may_change(const Context& ctx, const store::Entry& e) {
    if (e.site.empty() || ctx.caller->has_role(config::Role::admin)) return;
    const config::Site* site = ctx.cfg.find_site(e.site);
    if (!site || !site->leads(ctx.user_id))
        throw Refusal(fmt::format("FAQ-{} is {}'s own entry: its site leads and admins change it.",
                                  e.id, site ? site->name : e.site));
}

namespace {

// The store's change of one field of an entry (edit, set_contact,
// set_tags): false when the entry is gone.
using ChangeField = bool (*)(SQLite::Database&, std::int64_t, const std::string&,
                             const std::string&, std::int64_t);

// Entry `e`'s field set to `value` on the writer by `write`, answered with
// `reply`; refused when the entry was removed meanwhile.
Plan change(const Context& ctx, const store::Entry& e, ChangeField write, std::string value,
            std::string reply) {
    Plan plan = Plan::answer(std::move(reply));
    plan.apply = [write, id = e.id, value = std::move(value), actor = ctx.user_id,
                  now = core::unix_ms(ctx.now)](SQLite::Database& db) {
        if (!write(db, id, value, actor, now))
            throw Refusal(fmt::format("FAQ-{} was removed meanwhile.", id));
        return Slots{};
    };
    return plan;
}

}  // namespace

// ---- /faq add <question> | <answer> [#tag ...] -----------------------------------

Plan add(const Context& ctx, std::string_view args, SQLite::Database&) {
    constexpr std::string_view usage =
        "Usage: `/faq add <question> | <answer> [#tag ...]`, e.g. `/faq add Where is the first "
        "aid kit? | In the kitchen, left of the sink. #safety`";
    check_may(ctx);
    const std::size_t bar = args.find('|');
    if (bar == std::string_view::npos)
        throw Refusal(fmt::format("Put a `|` between the question and the answer.\n{}", usage));
    store::Entry e;
    e.question = std::string(core::trim(args.substr(0, bar)));
    // The tags are the #words that end the answer.
    std::string answer(core::trim(args.substr(bar + 1)));
    std::vector<std::string> tags;
    while (true) {
        const std::size_t space = answer.find_last_of(" \n");
        const std::string last = space == std::string::npos ? answer : answer.substr(space + 1);
        if (last.size() < 2 || last.front() != '#') break;
        tags.insert(tags.begin(), core::lower(std::string_view(last).substr(1)));
        answer = std::string(
            core::trim(std::string_view(answer).substr(0, space == std::string::npos ? 0 : space)));
    }
    for (const auto& t : tags) e.tags += (e.tags.empty() ? "" : " ") + t;
    e.answer = answer;
    if (e.question.empty() || e.answer.empty())
        throw Refusal(fmt::format("Give both the question and the answer.\n{}", usage));
    const std::string id = std::string(core::prefix(core::IdKind::faq)) + "-" + core::slot(kIdSlot);
    Plan plan;
    plan.result.reply.text = fmt::format("Added {} for every site: *{}*\n{}{}", id, e.question,
                                         e.answer, e.tags.empty() ? "" : "\nTags: " + e.tags);
    plan.apply = [e, actor = ctx.user_id, now = core::unix_ms(ctx.now)](SQLite::Database& db) {
        return Slots{std::to_string(store::add(db, e, actor, now))};
    };
    return plan;
}

// ---- /faq edit FAQ-3 <answer> ---------------------------------------------------

Plan edit(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    constexpr std::string_view usage = "Usage: `/faq edit FAQ-3 <new answer>`";
    check_may(ctx);
    const auto [word, rest] = core::split_first_word(args);
    const store::Entry e = find_entry(reads, word, usage);
    check_may_change(ctx, e);
    const std::string answer(core::trim(rest));
    if (answer.empty()) throw Refusal(fmt::format("Give the new answer.\n{}", usage));
    if (answer == e.answer) return Plan::answer(fmt::format("FAQ-{} says that already.", e.id));
    return change(
        ctx, e, store::edit, answer,
        fmt::format("FAQ-{} (*{}*) now answers:\n{}\nThe old answer is in `/faq history FAQ-{}`.",
                    e.id, e.question, answer, e.id));
}

// ---- /faq contact FAQ-3 @someone|none ----------------------------------------------

Plan contact(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    constexpr std::string_view usage =
        "Usage: `/faq contact FAQ-3 @someone` (who handles it), or `/faq contact FAQ-3 none`";
    check_may(ctx);
    const auto [word, rest] = core::split_first_word(args);
    const store::Entry e = find_entry(reads, word, usage);
    check_may_change(ctx, e);
    const auto [who_word, more] = core::next_word(rest);
    if (who_word.empty() || !core::trim(more).empty())
        throw Refusal(fmt::format("Name one person.\n{}", usage));
    std::string who;
    if (core::lower(who_word) != "none") {
        const std::string id = core::mentioned_user(who_word);
        const config::Person* person =
            id.empty() ? ctx.cfg.find_person_loose(who_word) : ctx.cfg.find_person(id);
        if (!person)
            throw Refusal(fmt::format("{} is not in the directory: mention someone who is.\n{}",
                                      id.empty() ? core::plain(who_word) : mention(id), usage));
        who = person->slack_id;
    }
    if (who == e.contact)
        return Plan::answer(fmt::format("FAQ-{} has that contact already.", e.id));
    return change(ctx, e, store::set_contact, who,
                  who.empty()
                      ? fmt::format("FAQ-{} (*{}*) names no contact now.", e.id, e.question)
                      : fmt::format("{} handles FAQ-{} (*{}*) now; answers name them, and who "
                                    "stands in while they are out.",
                                    mention(who), e.id, e.question));
}

// ---- /faq tags FAQ-3 <word> ... ---------------------------------------------------

Plan tags(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    constexpr std::string_view usage =
        "Usage: `/faq tags FAQ-3 <word> ...`, e.g. `/faq tags FAQ-3 wifi internet ssid`: the "
        "words replace its tags (`none` clears them)";
    check_may(ctx);
    const auto [word, rest] = core::split_first_word(args);
    const store::Entry e = find_entry(reads, word, usage);
    check_may_change(ctx, e);
    std::string tags;
    if (core::lower(core::trim(rest)) != "none") {
        // One word a tag: "wi-fi" is "wi" and "fi", as the search reads it.
        tags = with_tags("", words_of(rest));
        if (tags.empty()) throw Refusal(fmt::format("Which words?\n{}", usage));
    }
    if (tags == e.tags) return Plan::answer(fmt::format("FAQ-{} has those tags already.", e.id));
    return change(
        ctx, e, store::set_tags, tags,
        fmt::format(
            "FAQ-{} (*{}*) {}. Its tags before are in `/faq history FAQ-{}`.", e.id, e.question,
            tags.empty() ? std::string("has no tags now") : "is tagged " + tags + " now", e.id));
}

// ---- /faq remove FAQ-3 ------------------------------------------------------------

Plan remove(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    check_may(ctx);
    const auto [word, rest] = core::split_first_word(args);
    const store::Entry e = find_entry(reads, word, "Usage: `/faq remove FAQ-3`");
    check_may_change(ctx, e);
    Plan plan;
    plan.result.reply.text = fmt::format(
        "Removed FAQ-{} (*{}*). Its text stays in `/faq history FAQ-{}`.", e.id, e.question, e.id);
    plan.apply = [id = e.id, actor = ctx.user_id,
                  now = core::unix_ms(ctx.now)](SQLite::Database& db) {
        if (!store::remove(db, id, actor, now))
            throw Refusal(fmt::format("FAQ-{} was removed already.", id));
        return Slots{};
    };
    return plan;
}

// ---- /faq list, /faq unanswered, /faq history FAQ-3 -----------------------------

Plan list(const Context& ctx, SQLite::Database& reads) {
    check_may(ctx);
    const auto entries = store::all(reads);
    if (entries.empty())
        return Plan::answer("The FAQ is empty. Add one: `/faq add <question> | <answer>`");
    std::string text = fmt::format("The FAQ, {} entries:\n", entries.size());
    for (const auto& e : entries)
        text += fmt::format("• FAQ-{} {}{}\n", e.id, e.question,
                            e.site.empty() ? std::string() : " _(" + e.site + ")_");
    return Plan::answer(std::move(text));
}

Plan unanswered(const Context& ctx, SQLite::Database& reads) {
    check_may(ctx);
    const auto questions = store::unanswered(reads, ctx.site.id);
    if (questions.empty())
        return Plan::answer(fmt::format("No unanswered questions at {}.", ctx.site.name));
    std::string text = fmt::format("Unanswered at {}, oldest first:\n", ctx.site.name);
    for (const auto& q : questions)
        text += fmt::format("• Q-{} from {} ({}): {}\n", q.id, mention(q.asker),
                            core::format_moment(ctx.site.tz(), q.asked_at, ctx.today),
                            core::plain(q.text));
    // The example is the first question listed, so that it can be copied.
    text += fmt::format(
        "Answer with `/faq answer Q-{0} <answer> [--add]`, or `/faq answer Q-{0} FAQ-3` when an "
        "entry answers it (it learns the question's words); `/faq dismiss Q-{0} [reason]` "
        "takes one nobody will answer off the list.",
        questions.front().id);
    return Plan::answer(std::move(text));
}

namespace {

std::string by_whom(const std::string& actor) {
    return actor.empty() || actor == "sitelead-bot" ? std::string("the seed file") : mention(actor);
}

// A question's life: asked, answered (in words or with an entry), and what
// was taken back of what it taught.
Plan question_history(const Context& ctx, const core::Id& id, SQLite::Database& reads) {
    const auto q = store::question(reads, id.number);
    if (!q) throw Refusal(fmt::format("There is no question {}.", id.text()));
    const auto tz = ctx.site.tz();
    std::string text = fmt::format("{}, oldest first:\n• {} asked by {}: {}\n", id.text(),
                                   core::format_moment(tz, q->asked_at, ctx.today),
                                   mention(q->asker), core::plain(q->text));
    if (!q->answered())
        text += fmt::format("• not answered yet: `/faq answer {} <answer>`\n", id.text());
    else if (q->entry_id > 0)
        text += fmt::format("• {} answered by {} with FAQ-{}\n",
                            core::format_moment(tz, q->answered_at, ctx.today),
                            mention(q->answered_by), q->entry_id);
    else if (!q->answer.empty())  // none: dismissed, as its history says
        text += fmt::format("• {} answered by {}: {}\n",
                            core::format_moment(tz, q->answered_at, ctx.today),
                            mention(q->answered_by), core::plain(q->answer));
    for (const auto& c : storage::audit::history(reads, core::IdKind::question, id.number))
        text += fmt::format("• {} {} by {}{}\n", core::format_moment(tz, c.at_ms, ctx.today),
                            c.action, by_whom(c.actor),
                            c.action == store::kDismissed && !c.note.empty()
                                ? ": " + core::plain(c.note)
                                : std::string());
    return Plan::answer(std::move(text));
}

}  // namespace

Plan history(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    check_may(ctx);
    const auto [word, rest] = core::split_first_word(args);
    const auto id = core::parse_id(word);
    if (id && id->kind == core::IdKind::question) return question_history(ctx, *id, reads);
    if (!id || id->kind != core::IdKind::faq)
        throw Refusal(
            "Which entry or question? Usage: `/faq history FAQ-3`, or `/faq history Q-4` for a "
            "question the FAQ could not answer");
    const auto changes = storage::audit::history(reads, core::IdKind::faq, id->number);
    if (changes.empty()) throw Refusal(fmt::format("There is no entry {}.", id->text()));
    std::string text = fmt::format("{}, oldest first:\n", id->text());
    for (const auto& c : changes) {
        // A contact change keeps the Slack id it replaced.
        const std::string was = c.action == "contact changed" && c.note != "nobody"
                                    ? mention(c.note)
                                    : core::plain(c.note);
        text += fmt::format(
            "• {} {} by {}{}\n", core::format_moment(ctx.site.tz(), c.at_ms, ctx.today), c.action,
            by_whom(c.actor),
            c.note.empty()
                ? ""
                : (c.action == "added" || c.action == store::kUnlearnt ? ": " : ", was: ") + was);
    }
    return Plan::answer(std::move(text));
}

}  // namespace handlers::faq::curate
