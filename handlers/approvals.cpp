#include "handlers/approvals.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/format.h>

#include "core/ids.hpp"
#include "core/text.hpp"
#include "handlers/blocks.hpp"
#include "handlers/expense.hpp"
#include "handlers/pto.hpp"

namespace handlers {
namespace {

// The approvals table: each kind of request that can be decided, who
// decides it, and what of it waits for the caller. A workflow with approvals
// adds its line here.
struct Decider {
    core::IdKind kind;
    Decide decide;
    Awaiting awaiting;
};
constexpr std::array<Decider, 2> kDeciders = {{
    {core::IdKind::pto, pto::decide, pto::awaiting},
    {core::IdKind::expense, expense::decide, expense::awaiting},
}};

constexpr std::string_view kApproveUsage =
    "Usage: `/approve PTO-12 [note]` or `/approve EXP-7 [note]`";
constexpr std::string_view kDenyUsage =
    "Usage: `/deny PTO-12 <reason>` or `/deny EXP-7 <reason>` (the reason is sent to the "
    "requester)";

std::string decidable_kinds() {
    std::string out;
    for (const auto& d : kDeciders)
        out += (out.empty() ? "" : ", ") + std::string(core::prefix(d.kind));
    return out;
}

// An id as people list them: "PTO-3", "PTO-3,", "and PTO-3".
std::optional<core::Id> listed_id(std::string_view text) {
    auto [word, rest] = core::split_first_word(text);
    if (word == "and" || word == "&") word = core::split_first_word(rest).first;
    std::string_view id = word;
    while (!id.empty() && (id.back() == ',' || id.back() == ';')) id.remove_suffix(1);
    return core::parse_id(id);
}

Plan run(const Context& ctx, std::string_view args, SQLite::Database& reads, Decision decision) {
    const bool approving = decision == Decision::approve;
    const std::string_view usage = approving ? kApproveUsage : kDenyUsage;
    auto [word, rest] = core::split_first_word(args);
    if (word.empty() || word == "help") {
        // "/approve" alone: what waits for the caller, each kind in turn.
        std::vector<Decidable> waiting;
        for (const auto& d : kDeciders)
            for (auto& item : d.awaiting(ctx, reads)) waiting.push_back(std::move(item));
        std::stable_sort(waiting.begin(), waiting.end(),
                         [](const auto& a, const auto& b) { return a.since < b.since; });
        if (!waiting.empty()) return Plan::answer(approvals::waiting_text(waiting, "request"));
        return Plan::answer(fmt::format(
            "Nothing is waiting for your approval. {}\n{}",
            approving ? "Approve a request by its id." : "Deny a request by its id, with a reason.",
            usage));
    }
    const auto id = listed_id(word);
    if (!id)
        throw Refusal(fmt::format(
            "\"{}\" isn't a request id; ids look like `PTO-12` or `EXP-7`.\n{}", word, usage));
    const auto route = std::find_if(kDeciders.begin(), kDeciders.end(),
                                    [&](const auto& d) { return d.kind == id->kind; });
    if (route == kDeciders.end())
        throw Refusal(fmt::format("I can decide {} requests; `{}` isn't one.\n{}",
                                  decidable_kinds(), word, usage));
    const std::string_view note = core::trim(rest);
    // "/approve PTO-2 PTO-3" would otherwise decide PTO-2 with "PTO-3" as
    // its note and leave PTO-3 waiting while its approver thinks it done.
    if (const auto next = listed_id(note))
        throw Refusal(fmt::format("One request at a time: `/{0} {1}{3}`, then `/{0} {2}{3}`.",
                                  approving ? "approve" : "deny", id->text(), next->text(),
                                  approving ? "" : " <reason>"));
    if (!approving && note.empty()) {
        const std::string how = fmt::format("`/deny {} <reason>`", id->text());
        throw Refusal(ctx.via_button
                          ? fmt::format("To deny {}, type {}: the reason is sent to the requester.",
                                        id->text(), how)
                          : fmt::format("A reason is required to deny: {}.", how));
    }
    return route->decide(ctx, id->number, decision, note, reads);
}

}  // namespace

Plan approve(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    return run(ctx, args, reads, Decision::approve);
}

Plan deny(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    return run(ctx, args, reads, Decision::deny);
}

HelpSection approvals_help_section() {
    return {
        "Approvals",
        {{"/approve", "what waits for your approval: time off and expenses", Audience::managers},
         {"/approve PTO-12 [note]", "approve a request", Audience::managers},
         {"/deny PTO-12 <reason>", "deny a request; the reason goes to the requester",
          Audience::managers}}};
}

namespace approvals {

std::string_view past_tense(Decision d) {
    return d == Decision::approve ? "approved" : "denied";
}

std::string waiting_text(const std::vector<Decidable>& items, std::string_view noun) {
    std::string text = fmt::format("{} {}{} waiting for your approval (oldest first):\n",
                                   items.size(), noun, items.size() == 1 ? "" : "s");
    for (const auto& item : items) text += "• " + item.line + "\n";
    // The example is the first listed, so that it can be copied.
    text +=
        fmt::format("Decide with `/approve {0} [note]` or `/deny {0} <reason>`.", items.front().id);
    return text;
}

std::string already_decided(std::string_view id, std::string_view state, std::string_view by,
                            std::string_view note) {
    return fmt::format("{} was already {}{}{}; that decision stands.", id, state,
                       by.empty() ? "" : fmt::format(" by {}", by),
                       note.empty() ? "" : fmt::format(" ({})", note));
}

std::string only_approvers(const config::Config& cfg, std::string_view id,
                           std::string_view requester) {
    const config::Person* person = cfg.find_person(requester);
    return fmt::format(
        "Only {}'s manager{} or a site lead{} can decide {}.", core::mention(requester),
        person && !person->manager.empty() ? " (" + core::mention(person->manager) + ")" : "",
        cfg.sites.size() > 1 ? " of " + cfg.site_of(requester).name : "", id);
}

std::string not_your_own(std::string_view id, std::string_view approver) {
    return fmt::format("You can't decide your own request {}; {} does.", id,
                       approver.empty() ? "your manager" : core::mention(approver));
}

void announce(Result& result, const Context& ctx, const Decided& d, Decision decision,
              std::string_view note) {
    const std::string verdict = decision == Decision::approve ? "✅ Approved" : "❌ Denied";
    const std::string said = note.empty() ? "" : fmt::format(": \"{}\"", note);
    const std::string decider = ctx.caller ? ctx.caller->name : ctx.user_id;
    result.messages.push_back(
        Message::dm(d.requester, fmt::format("{}: your {} {} by {}{}", verdict, d.id, d.what,
                                             core::mention(ctx.user_id), said)));
    result.messages.push_back(Message::update_buttons(
        d.id, fmt::format("{} {} by {}{}", verdict, d.id, decider, said),
        blocks::render({blocks::section(d.summary),
                        blocks::context(fmt::format("{} by {}{}", verdict,
                                                    core::mention(ctx.user_id), said))})));
}

std::vector<Message> expired(const Waiting& w, const std::string& summary, int after_days,
                             std::string to_requester) {
    return {
        Message::update_buttons(
            w.id, fmt::format("⌛ {} expired", w.id),
            blocks::render(
                {blocks::section(summary),
                 blocks::context(fmt::format("⌛ Expired: nobody decided it within {} working days",
                                             after_days))})),
        Message::dm(w.requester, std::move(to_requester)),
        Message::dm(w.approver, fmt::format("FYI: {} from {} ({}) expired after {} working days "
                                            "without a decision; {} was told.",
                                            w.id, core::mention(w.requester), w.what, after_days,
                                            core::mention(w.requester))),
    };
}

}  // namespace approvals
}  // namespace handlers
