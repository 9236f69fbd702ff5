#include "handlers/faq.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/dates.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "handlers/approver.hpp"
#include "handlers/blocks.hpp"
#include "handlers/faq_search.hpp"
#include "handlers/faq_words.hpp"
#include "storage/faq_stats.hpp"
#include "storage/faq_store.hpp"
#include "storage/pto_store.hpp"

namespace handlers::faq {
namespace {

namespace store = storage::faq;
using core::mention;

constexpr std::string_view kAskUsage =
    "Usage: `/faq <question>`, e.g. `/faq what is the wifi password`";
constexpr std::string_view kAnswerUsage =
    "Usage: `/faq answer Q-4 <answer> [--add]`, or `/faq answer Q-4 FAQ-3` when an entry "
    "answers it";
constexpr std::string_view kDismissUsage =
    "Usage: `/faq dismiss Q-4 [reason]`, for a question nobody will answer";
constexpr std::string_view kFeedbackUsage =
    "Usage: `/faq helpful FAQ-3` or `/faq unhelpful FAQ-3`, about an answer you got";
constexpr int kQuestionSlot = 0;

std::string entry_id(const store::Entry& e) {
    return core::format_id(core::IdKind::faq, e.id);
}

// Who handles what an entry is about; when they are out today on approved
// leave, who stands in for them (the approvals' rule).
std::string contact_line(const Context& ctx, SQLite::Database& reads, const std::string& contact) {
    const config::Person* p = ctx.cfg.find_person_loose(contact);
    if (!p) return fmt::format("Who handles it: {}.", core::plain(contact));
    const auto is_out = [&](const config::Person& who) {
        return storage::pto::is_out(reads, who.slack_id,
                                    core::iso(ctx.cfg.site_of(who).today(ctx.now)));
    };
    if (!is_out(*p)) return fmt::format("Who handles it: {}.", mention(p->slack_id));
    try {
        const Approver stand_in = approver_for(ctx.cfg, *p, is_out);
        return fmt::format("Who handles it: {}, who is out today; {} stands in.",
                           mention(p->slack_id), mention(stand_in.person->slack_id));
    } catch (const Refusal&) {
        return fmt::format("Who handles it: {}, who is out today.", mention(p->slack_id));
    }
}

// An entry as an answer: its question and answer, the command that gives
// the live figure, who handles it.
std::string entry_text(const Context& ctx, SQLite::Database& reads, const store::Entry& e) {
    std::string text = fmt::format("*{}*\n{}", e.question, e.answer);
    // The command that gives the live figure, unless the answer shows it.
    if (!e.command.empty() && e.answer.find("`" + e.command) == std::string::npos)
        text += fmt::format("\nTry `{}`.", e.command);
    if (!e.contact.empty()) text += "\n" + contact_line(ctx, reads, e.contact);
    return text;
}

// Buttons to say whether entry `id` (FAQ-3) helped: `/faq helpful FAQ-3`
// and `/faq unhelpful FAQ-3`.
blocks::Block feedback_buttons(const std::string& id) {
    return blocks::actions("faq.feedback",
                           {blocks::button("Helpful", "faq.helpful", "faq helpful " + id),
                            blocks::button("Not helpful", "faq.unhelpful", "faq unhelpful " + id)});
}

// A DM to `user` of `text` about entry `id`, with the buttons to rate it.
Message rated_dm(const std::string& user, const std::string& text, const std::string& id) {
    return Message::dm(user, text, blocks::render({blocks::section(text), feedback_buttons(id)}));
}

// The best entry, its related ones, the command that gives a live figure,
// who handles it, and buttons to say whether it helped. The question is
// recorded after the answer has left.
Plan answered(const Context& ctx, SQLite::Database& reads, const Found& found,
              std::string_view question) {
    const store::Entry& e = *found.best;
    const std::string id = entry_id(e);
    std::string text = entry_text(ctx, reads, e);
    // Another site's entry (the question named it): whose it is.
    if (const auto* site = ctx.cfg.find_site(e.site); site && site->id != ctx.site.id)
        text = fmt::format("_{}:_ {}", site->name, text);
    std::vector<blocks::Block> body{blocks::section(text)};
    std::string related;
    for (const auto& r : found.related)
        related +=
            fmt::format("{}{} {}", related.empty() ? "Related: " : " · ", entry_id(r), r.question);
    body.push_back(
        blocks::context(fmt::format("{}{}{}", id, related.empty() ? "" : " · ", related)));
    body.push_back(feedback_buttons(id));
    Plan plan = Plan::answer(related.empty() ? text : text + "\n" + related);
    plan.result.reply.blocks = blocks::render(body);
    const store::Ask ask{
        ctx.user_id,      ctx.site.id,           std::string(core::trim(question)), e.id, 0,
        found.confidence, core::unix_ms(ctx.now)};
    plan.record = [ask](SQLite::Database& db) { store::record(db, ask); };
    return plan;
}

// What else the writer does when a question goes to the site leads, given
// the Q-n it became.
using AlsoWrite = std::function<void(SQLite::Database& db, std::int64_t question_id)>;

// Records `question` as Q-n and asks the asker's site leads, telling them
// `why` it comes to them ("the FAQ has no answer"); the reply begins with
// `opening`. The entries the FAQ found but was not sure of come as buttons:
// one press answers the question with that entry and teaches it the words.
Plan to_site_leads(const Context& ctx, std::string_view question, double confidence,
                   std::string_view why, std::string_view opening, AlsoWrite also,
                   const std::vector<store::Entry>& candidates = {}) {
    const std::string id =
        std::string(core::prefix(core::IdKind::question)) + "-" + core::slot(kQuestionSlot);
    const auto leads = ctx.cfg.site_leads_of(ctx.site);
    Plan plan;
    std::string who;
    const std::string text = fmt::format(
        "{} asked \"{}\" and {}. Answer with `/faq answer {} <answer>`; add `--add` to make it "
        "a FAQ entry.",
        mention(ctx.user_id), core::plain(question), why, id);
    std::string body;
    if (!candidates.empty()) {
        std::string maybe =
            "Or is it one of these? An entry you pick answers it, and learns "
            "its words:";
        std::vector<blocks::Element> buttons;
        for (const auto& e : candidates) {
            maybe += fmt::format("\n• {} {}", entry_id(e), core::plain(e.question));
            buttons.push_back(blocks::button(fmt::format("Answer with {}", entry_id(e)),
                                             "faq.answer_with." + std::to_string(e.id),
                                             fmt::format("faq answer {} {}", id, entry_id(e))));
        }
        body = blocks::render(
            {blocks::section(text), blocks::section(maybe), blocks::actions("faq.pick", buttons)});
    }
    for (const config::Person* lead : leads) {
        who += (who.empty() ? "" : " or ") + mention(lead->slack_id);
        Message m = Message::dm(lead->slack_id, text, body);
        m.subject = id;
        m.has_buttons = !body.empty();
        plan.result.messages.push_back(std::move(m));
    }
    plan.result.reply.text =
        leads.empty()
            ? fmt::format("{} Your site has no site lead to ask; I've kept your question as {}.",
                          opening, id)
            : fmt::format("{} I've asked {} ({}); the answer will come to you here.", opening, who,
                          id);
    store::Question q;
    q.asker = ctx.user_id;
    q.site = ctx.site.id;
    q.text = std::string(core::trim(question));
    q.confidence = confidence;
    q.asked_at = core::unix_ms(ctx.now);
    plan.apply = [q, also = std::move(also)](SQLite::Database& db) {
        const std::int64_t id = store::ask(db, q);
        also(db, id);
        return Slots{std::to_string(id)};
    };
    return plan;
}

// Not sure enough: the question goes to the site leads, and is recorded
// with the Q-n it became.
Plan unknown(const Context& ctx, std::string_view question, const Found& found) {
    store::Ask ask{ctx.user_id,      ctx.site.id,           std::string(core::trim(question)), 0, 0,
                   found.confidence, core::unix_ms(ctx.now)};
    return to_site_leads(
        ctx, question, found.confidence, "the FAQ has no answer", "I don't know that yet.",
        [ask](SQLite::Database& db, std::int64_t question_id) mutable {
            ask.question_id = question_id;
            store::record(db, ask);
        },
        found.related);
}

// ---- /faq helpful FAQ-3, /faq unhelpful FAQ-3 (the answer's buttons) -----------

// An answer that did not help sends the question to the site leads, once.
Plan feedback(const Context& ctx, std::string_view args, bool helpful, SQLite::Database& reads) {
    const auto id = core::parse_id(core::trim(args));
    if (!id || id->kind != core::IdKind::faq)
        throw Refusal(fmt::format("Which entry? Ids look like `FAQ-3`.\n{}", kFeedbackUsage));
    const auto last = store::last_answer(reads, ctx.user_id, id->number);
    if (!last)
        throw Refusal(fmt::format(
            "{} has not answered a question of yours, so there is nothing to rate. Ask with "
            "`/faq <question>`.",
            id->text()));
    const std::int64_t ask_id = last->ask_id;
    const std::int64_t now = core::unix_ms(ctx.now);
    if (helpful) {
        Plan plan = Plan::answer(fmt::format("Thanks! Glad {} helped.", id->text()));
        plan.apply = [ask_id, now](SQLite::Database& db) {
            store::feedback(db, ask_id, true, now);
            return Slots{};
        };
        return plan;
    }
    if (last->helpful == false)
        return Plan::answer(fmt::format(
            "Noted already: {} did not help you, and your question went to your site lead.",
            id->text()));
    const auto entry = store::get(reads, id->number);
    return to_site_leads(ctx, last->text, last->confidence,
                         fmt::format("{} ({}) did not help them", id->text(),
                                     entry ? entry->question : std::string("since removed")),
                         fmt::format("Thanks for telling me {} did not help.", id->text()),
                         [ask_id, now](SQLite::Database& db, std::int64_t) {
                             store::feedback(db, ask_id, false, now);
                         });
}

// The entries that answer `question` asked by the caller: of the site it
// names, if another, else of the caller's.
Found find_for(const Context& ctx, SQLite::Database& reads, std::string_view question) {
    const Asked asked = asked_about(ctx.cfg.sites, ctx.site, question);
    return find(ctx.cfg.faq, ctx.cfg.sites, reads, asked.site->id, asked.question);
}

Plan ask(const Context& ctx, std::string_view question, SQLite::Database& reads) {
    if (core::trim(question).empty())
        throw Refusal(fmt::format("What is your question?\n{}", kAskUsage));
    const auto found = find_for(ctx, reads, question);
    if (found.best) return answered(ctx, reads, found, question);
    return unknown(ctx, question, found);
}

// ---- /faq answer Q-4 <answer> [--add], /faq answer Q-4 FAQ-3 -------------------

// Every post about question `q` that still has buttons (its site leads'
// DMs) says who answered it and how, and loses them.
Message settled(const store::Question& q, const std::string& by, std::string_view how) {
    const std::string id = core::format_id(core::IdKind::question, q.id);
    return Message::update_buttons(id, fmt::format("{} asked \"{}\"; {} {}.", mention(q.asker),
                                                   core::plain(q.text), mention(by), how));
}

// The unanswered question `word` names, for a caller who may settle it
// (its site's leads, admins); refused with `usage` otherwise.
store::Question to_settle(const Context& ctx, std::string_view word, std::string_view usage,
                          SQLite::Database& reads) {
    const auto id = core::parse_id(word);
    if (!id || id->kind != core::IdKind::question)
        throw Refusal(fmt::format("Which question? Ids look like `Q-4`.\n{}", usage));
    const auto q = store::question(reads, id->number);
    if (!q) throw Refusal(fmt::format("There is no question {}.", id->text()));
    const config::Site* site = ctx.cfg.find_site(q->site);
    const bool may = ctx.caller && (ctx.caller->has_role(config::Role::admin) ||
                                    (site && site->leads(ctx.user_id)));
    if (!may)
        throw Refusal(fmt::format("Only {}'s site leads and admins answer its questions.",
                                  site ? site->name : q->site));
    if (q->answered())
        throw Refusal(fmt::format("{} was {} already by {}.", id->text(),
                                  q->answer.empty() && q->entry_id == 0 ? "dismissed" : "answered",
                                  mention(q->answered_by)));
    return *q;
}

// An entry answers the question after all. The asker gets it, and the entry
// learns the question's words it did not say that other entries use, so
// that the next person who asks that way gets it at once (lesson_for).
Plan answer_with_entry(const Context& ctx, const store::Question& q, std::int64_t number,
                       SQLite::Database& reads) {
    const std::string eid = core::format_id(core::IdKind::faq, number);
    const auto e = store::get(reads, number);
    if (!e) throw Refusal(fmt::format("There is no entry {} in the FAQ.", eid));
    if (!e->site.empty() && e->site != q.site) {
        const config::Site* own = ctx.cfg.find_site(e->site);
        const config::Site* asked = ctx.cfg.find_site(q.site);
        throw Refusal(fmt::format(
            "{} is {}'s own entry and Q-{} was asked at {}: answer it with an entry for {} or "
            "for every site, or in words: `/faq answer Q-{} <answer>`.",
            eid, own ? own->name : e->site, q.id, asked ? asked->name : q.site,
            asked ? asked->name : q.site, q.id));
    }
    const Lesson lesson = lesson_for(ctx.cfg.faq, reads, *e, q.text);
    const auto& words = lesson.words;

    Plan plan;
    plan.result.messages.push_back(
        rated_dm(q.asker,
                 fmt::format("{} answered your question \"{}\" with {}:\n{}", mention(ctx.user_id),
                             core::plain(q.text), eid, entry_text(ctx, reads, *e)),
                 eid));
    plan.result.messages.push_back(settled(q, ctx.user_id, "answered it with " + eid));
    const auto listed = [](const std::vector<std::string>& ws) {
        std::string out;
        for (const auto& w : ws) out += (out.empty() ? "" : ", ") + w;
        return out;
    };
    std::string reply = fmt::format("Sent {} to {}.", eid, mention(q.asker));
    if (!words.empty())
        reply +=
            fmt::format(" {} learnt the question's words it did not say: {}.", eid, listed(words));
    if (!lesson.unused.empty())
        reply += fmt::format(
            " Not learnt, since no entry uses them (a name, a place or a passing word would "
            "draw other questions to it): {}.",
            listed(lesson.unused));
    if (words.empty() && lesson.unused.empty())
        reply += fmt::format(" {} says every word of the question already.", eid);
    else
        reply += fmt::format(
            " `/faq tags {} <word> ...` sets its tags; those before are in "
            "`/faq history {}`.",
            eid, eid);
    plan.result.reply.text = std::move(reply);
    plan.apply = [q, eid, number, words, by = ctx.user_id,
                  now = core::unix_ms(ctx.now)](SQLite::Database& db) {
        // The entry as it is now: a change made since this was prepared stays.
        const auto current = store::get(db, number);
        if (!current) throw Refusal(fmt::format("{} was removed meanwhile.", eid));
        if (!store::answer(db, q.id, current->answer, by, number, now))
            throw Refusal(fmt::format("Q-{} was answered meanwhile.", q.id));
        const std::string tags = with_tags(current->tags, words);
        if (tags != current->tags) store::set_tags(db, number, tags, by, now);
        return Slots{};
    };
    return plan;
}

Plan answer(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const auto [word, rest] = core::split_first_word(args);
    const store::Question q = to_settle(ctx, word, kAnswerUsage, reads);
    if (const auto [first, after] = core::split_first_word(rest); core::trim(after).empty())
        if (const auto entry = core::parse_id(first); entry && entry->kind == core::IdKind::faq)
            return answer_with_entry(ctx, q, entry->number, reads);
    std::string text(core::trim(rest));
    const bool add = text.ends_with("--add");
    if (add) text = std::string(core::trim(std::string_view(text).substr(0, text.size() - 5)));
    if (text.empty()) throw Refusal(fmt::format("Say the answer.\n{}", kAnswerUsage));

    Plan plan;
    const std::string entry =
        add ? std::string(core::prefix(core::IdKind::faq)) + "-" + core::slot(kQuestionSlot)
            : std::string();
    // An answer that became an entry is rated as any: its buttons name it.
    const std::string to_asker = fmt::format(
        "{} answered your question \"{}\": {}{}", mention(ctx.user_id), core::plain(q.text), text,
        add ? fmt::format("\nIt's in the FAQ now as {}.", entry) : "");
    plan.result.messages.push_back(add ? rated_dm(q.asker, to_asker, entry)
                                       : Message::dm(q.asker, to_asker));
    plan.result.messages.push_back(
        settled(q, ctx.user_id,
                add ? "answered it and added it to the FAQ as " + entry : "answered it in words"));
    plan.result.reply.text =
        fmt::format("Sent to {}.{}", mention(q.asker),
                    add ? fmt::format(" Added to the FAQ as {}.", entry) : std::string());
    plan.apply = [question = q, text, add, by = ctx.user_id,
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

// `/faq dismiss Q-4 [reason]`: a question nobody will answer (not the
// office's, a test, asked twice) leaves the unanswered list and the digest.
// The asker is not messaged; to tell them something, answer it.
Plan dismiss(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const auto [word, rest] = core::split_first_word(args);
    const store::Question q = to_settle(ctx, word, kDismissUsage, reads);
    const std::string id = core::format_id(core::IdKind::question, q.id);
    const std::string reason(core::trim(rest));
    Plan plan;
    plan.result.messages.push_back(
        settled(q, ctx.user_id,
                fmt::format("dismissed it{}", reason.empty() ? "" : ": " + core::plain(reason))));
    plan.result.reply.text = fmt::format(
        "Dismissed {}: it is off the unanswered list; {} was not messaged.", id, mention(q.asker));
    plan.apply = [q, id, reason, by = ctx.user_id,
                  now = core::unix_ms(ctx.now)](SQLite::Database& db) {
        if (!store::dismiss(db, q.id, by, reason, now))
            throw Refusal(fmt::format("{} was answered meanwhile.", id));
        return Slots{};
    };
    return plan;
}

}  // namespace

Plan handle(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const auto [word, rest] = core::split_first_word(args);
    if (word.empty() || word == "help")
        return Plan::answer(fmt::format("{}\n{}", kAskUsage, also(ctx, help_section())));
    if (word == "answer") return answer(ctx, rest, reads);
    if (word == "dismiss") return dismiss(ctx, rest, reads);
    if (word == "helpful") return feedback(ctx, rest, true, reads);
    if (word == "unhelpful") return feedback(ctx, rest, false, reads);
    if (word == "stats" && rest.empty()) return curate::stats(ctx, reads);
    if (word == "add") return curate::add(ctx, rest, reads);
    if (word == "edit") return curate::edit(ctx, rest, reads);
    if (word == "remove") return curate::remove(ctx, rest, reads);
    if (word == "contact") return curate::contact(ctx, rest, reads);
    if (word == "tags") return curate::tags(ctx, rest, reads);
    if (word == "list" && rest.empty()) return curate::list(ctx, reads);
    if (word == "unanswered" && rest.empty()) return curate::unanswered(ctx, reads);
    if (word == "history") return curate::history(ctx, rest, reads);
    if (word == "learnt" || word == "learned") return curate::learnt(ctx, rest, reads);
    if (word == "forget") return curate::forget(ctx, rest, reads);
    return ask(ctx, args, reads);
}

// Any other text is a question for the FAQ (product.md). Text that reads as
// a question is answered, or recorded for the site lead when the FAQ does
// not know; other text ("wifi password", "bike parking") is answered when
// the FAQ is confident and otherwise left to the "didn't understand" reply,
// so that a "thanks" never reaches the site lead as a question.
std::optional<Plan> claim(const Context& ctx, std::string_view text, SQLite::Database& reads) {
    if (core::trim(text).empty() || store::count(reads) == 0) return std::nullopt;
    if (core::is_question(text)) return ask(ctx, text, reads);
    const auto found = find_for(ctx, reads, text);
    if (!found.best) return std::nullopt;
    return answered(ctx, reads, found, text);
}

HelpSection help_section() {
    return {"FAQ",
            {{"/faq <question>", "an answer from the office FAQ, e.g. `/faq wifi password`"},
             {"/faq answer Q-4 <answer> [--add]", "answer a question the FAQ could not, and add it",
              Audience::site_leads},
             {"/faq answer Q-4 FAQ-3", "answer it with an entry, which learns its words",
              Audience::site_leads},
             {"/faq add <question> | <answer> [#tag ...]", "add an entry", Audience::site_leads},
             {"/faq edit FAQ-3 <answer>", "change an entry's answer", Audience::site_leads},
             {"/faq remove FAQ-3", "take an entry out", Audience::site_leads},
             {"/faq tags FAQ-3 <word> ...", "the words it is also found by", Audience::site_leads},
             {"/faq contact FAQ-3 @someone", "who handles it (or `none`)", Audience::site_leads},
             {"/faq list", "every entry", Audience::site_leads},
             {"/faq unanswered", "questions waiting for an answer", Audience::site_leads},
             {"/faq dismiss Q-4 [reason]", "take a question nobody will answer off the list",
              Audience::site_leads},
             {"/faq stats", "the most asked entries, the least helpful, the unanswered questions",
              Audience::site_leads},
             {"/faq history FAQ-3", "who changed an entry, when, and what it said",
              Audience::site_leads},
             {"/faq history Q-4", "a question: who asked it, who answered it and how",
              Audience::site_leads},
             {"/faq learnt [FAQ-3]", "the questions it learnt from use, and who taught them",
              Audience::site_leads},
             {"/faq forget ASK-7", "take back what a question taught it", Audience::site_leads}}};
}

}  // namespace handlers::faq
