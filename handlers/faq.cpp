#include "handlers/faq.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "handlers/blocks.hpp"
#include "handlers/faq_search.hpp"
#include "storage/faq_store.hpp"

namespace handlers::faq {
namespace {

namespace store = storage::faq;
using core::mention;

constexpr std::string_view kAskUsage =
    "Usage: `/faq <question>`, e.g. `/faq what is the wifi password`";
constexpr std::string_view kAnswerUsage = "Usage: `/faq answer Q-4 <answer> [--add]`";
constexpr int kQuestionSlot = 0;

std::string entry_id(const store::Entry& e) {
    return core::format_id(core::IdKind::faq, e.id);
}

// The best entry, its related ones, and the command that gives a live figure.
Plan answered(const handlers::faq::Found& found) {
    const store::Entry& e = *found.best;
    std::string text = fmt::format("*{}*\n{}", e.question, e.answer);
    if (!e.command.empty()) text += fmt::format("\nTry `{}`.", e.command);
    std::vector<blocks::Block> body{blocks::section(text)};
    std::string related;
    for (const auto& r : found.related)
        related +=
            fmt::format("{}{} {}", related.empty() ? "Related: " : " · ", entry_id(r), r.question);
    body.push_back(
        blocks::context(fmt::format("{}{}{}", entry_id(e), related.empty() ? "" : " · ", related)));
    Plan plan = Plan::answer(related.empty() ? text : text + "\n" + related);
    plan.result.reply.blocks = blocks::render(body);
    return plan;
}

// Not sure enough: recorded as Q-n, and the asker's site leads asked.
Plan unknown(const Context& ctx, std::string_view question, double confidence) {
    const std::string id =
        std::string(core::prefix(core::IdKind::question)) + "-" + core::slot(kQuestionSlot);
    const auto leads = ctx.cfg.site_leads_of(ctx.site);
    Plan plan;
    std::string who;
    for (const config::Person* lead : leads) {
        who += (who.empty() ? "" : " or ") + mention(lead->slack_id);
        Message m = Message::dm(
            lead->slack_id,
            fmt::format("{} asked \"{}\" and the FAQ has no answer. Answer with `/faq answer {} "
                        "<answer>`; add `--add` to make it a FAQ entry.",
                        mention(ctx.user_id), core::plain(question), id));
        m.subject = id;
        plan.result.messages.push_back(std::move(m));
    }
    plan.result.reply.text = leads.empty()
                                 ? fmt::format(
                                       "I don't know that yet, and your site has no site lead to "
                                       "ask. I've kept your question as {}.",
                                       id)
                                 : fmt::format(
                                       "I don't know that yet. I've asked {} ({}); the answer will "
                                       "come to you here.",
                                       who, id);
    store::Question q;
    q.asker = ctx.user_id;
    q.site = ctx.site.id;
    q.text = std::string(core::trim(question));
    q.confidence = confidence;
    q.asked_at = core::unix_ms(ctx.now);
    plan.apply = [q](SQLite::Database& db) { return Slots{std::to_string(store::ask(db, q))}; };
    return plan;
}

Plan ask(const Context& ctx, std::string_view question, SQLite::Database& reads) {
    if (core::trim(question).empty())
        throw Refusal(fmt::format("What is your question?\n{}", kAskUsage));
    const auto found = find(ctx.cfg.faq, reads, ctx.site.id, question);
    if (found.best) return answered(found);
    return unknown(ctx, question, found.confidence);
}

// ---- /faq answer Q-4 <answer> [--add] ------------------------------------------

Plan answer(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const auto [word, rest] = core::split_first_word(args);
    const auto id = core::parse_id(word);
    if (!id || id->kind != core::IdKind::question)
        throw Refusal(fmt::format("Which question? Ids look like `Q-4`.\n{}", kAnswerUsage));
    const auto q = store::question(reads, id->number);
    if (!q) throw Refusal(fmt::format("There is no question {}.", id->text()));
    const config::Site* site = ctx.cfg.find_site(q->site);
    const bool may =
        ctx.caller->has_role(config::Role::admin) || (site && site->leads(ctx.user_id));
    if (!may)
        throw Refusal(fmt::format("Only {}'s site leads and admins answer its questions.",
                                  site ? site->name : q->site));
    if (q->answered())
        throw Refusal(
            fmt::format("{} was answered already by {}.", id->text(), mention(q->answered_by)));
    std::string text(core::trim(rest));
    const bool add = text.ends_with("--add");
    if (add) text = std::string(core::trim(std::string_view(text).substr(0, text.size() - 5)));
    if (text.empty()) throw Refusal(fmt::format("Say the answer.\n{}", kAnswerUsage));

    Plan plan;
    const std::string entry =
        add ? std::string(core::prefix(core::IdKind::faq)) + "-" + core::slot(kQuestionSlot)
            : std::string();
    plan.result.messages.push_back(Message::dm(
        q->asker, fmt::format("{} answered your question \"{}\": {}{}", mention(ctx.user_id),
                              core::plain(q->text), text,
                              add ? fmt::format("\nIt's in the FAQ now as {}.", entry) : "")));
    plan.result.reply.text =
        fmt::format("Sent to {}.{}", mention(q->asker),
                    add ? fmt::format(" Added to the FAQ as {}.", entry) : std::string());
    plan.apply = [question = *q, text, add, by = ctx.user_id,
                  now = core::unix_ms(ctx.now)](SQLite::Database& db) {
        std::int64_t entry_id = 0;
        if (add) {
            store::Entry e;
            e.site = question.site;
            e.question = question.text;
            e.answer = text;
            entry_id = store::add(db, e, by, now);
        }
        if (!store::answer(db, question.id, text, by, entry_id, now))
            throw Refusal(fmt::format("{} was answered meanwhile.",
                                      core::format_id(core::IdKind::question, question.id)));
        return add ? Slots{std::to_string(entry_id)} : Slots{};
    };
    return plan;
}

}  // namespace

Plan handle(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const auto [word, rest] = core::split_first_word(args);
    if (word.empty() || word == "help")
        return Plan::answer(fmt::format(
            "{}\nSite leads: {}, `/faq add <question> | <answer> [#tag ...]`, `/faq edit FAQ-3 "
            "<answer>`, `/faq remove FAQ-3`, `/faq list`, `/faq unanswered`, `/faq history FAQ-3`",
            kAskUsage, kAnswerUsage));
    if (word == "answer") return answer(ctx, rest, reads);
    if (word == "add") return curate::add(ctx, rest, reads);
    if (word == "edit") return curate::edit(ctx, rest, reads);
    if (word == "remove") return curate::remove(ctx, rest, reads);
    if (word == "list" && rest.empty()) return curate::list(ctx, reads);
    if (word == "unanswered" && rest.empty()) return curate::unanswered(ctx, reads);
    if (word == "history") return curate::history(ctx, rest, reads);
    return ask(ctx, args, reads);
}

std::optional<Plan> claim(const Context& ctx, std::string_view text, SQLite::Database& reads) {
    if (!ctx.caller || !core::is_question(text) || store::count(reads) == 0) return std::nullopt;
    return ask(ctx, text, reads);
}

HelpSection help_section() {
    return {"FAQ",
            {{"/faq <question>", "an answer from the office FAQ, e.g. `/faq wifi password`"},
             {"/faq answer Q-4 <answer> [--add]", "answer a question the FAQ could not, and add it",
              Audience::site_leads},
             {"/faq add <question> | <answer> [#tag ...]", "add an entry", Audience::site_leads},
             {"/faq edit FAQ-3 <answer>", "change an entry's answer", Audience::site_leads},
             {"/faq remove FAQ-3", "take an entry out", Audience::site_leads},
             {"/faq list", "every entry", Audience::site_leads},
             {"/faq unanswered", "questions waiting for an answer", Audience::site_leads},
             {"/faq history FAQ-3", "who changed an entry, when, and what it said",
              Audience::site_leads}}};
}

}  // namespace handlers::faq
