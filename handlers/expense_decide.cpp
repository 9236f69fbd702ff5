// The approvers' side of an expense: the decision of each stage (and who
// gives the second approval), and the reimbursement.

#include <vector>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "handlers/blocks.hpp"
#include "handlers/expense.hpp"
#include "handlers/expense_parts.hpp"
#include "handlers/expense_text.hpp"

namespace handlers::expense {
namespace {

using namespace parts;
using core::mention;
using store::Status;

// Who gives the second approval: a site lead of the expense's site, then of
// any site, then an admin; never the submitter or the first approver.
const config::Person* second_approver(const config::Config& cfg, const config::Site& site,
                                      const std::string& submitter, const std::string& first) {
    std::vector<const config::Person*> candidates = cfg.site_leads_of(site);
    for (const auto* lead : cfg.site_leads()) candidates.push_back(lead);
    for (const auto& p : cfg.people)
        if (p.has_role(config::Role::admin)) candidates.push_back(&p);
    for (const auto* p : candidates)
        if (p->slack_id != submitter && p->slack_id != first) return p;
    return nullptr;
}

// The approver's other expenses still waiting, for the end of their reply.
std::string others_waiting(const Context& ctx, SQLite::Database& reads, std::int64_t id) {
    std::string out;
    for (const auto& e : store::waiting_for(reads, ctx.user_id))
        if (e.id != id) out += (out.empty() ? "" : ", ") + id_text(e.id);
    return out.empty() ? "" : "\nStill waiting for you: " + out + ".";
}

}  // namespace

// ---- /expense reimburse EXP-7 [reference] -----------------------------------

Plan parts::reimburse(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    constexpr std::string_view usage = "Usage: `/expense reimburse EXP-7 [reference]`";
    const config::Person& me = *ctx.caller;
    const auto [word, rest] = core::split_first_word(args);
    const store::Expense e = find(reads, word, usage);
    const config::Site& site = site_of(ctx, e);
    const bool may = me.has_role(config::Role::admin) ||
                     (me.has_role(config::Role::bizops) && &ctx.cfg.site_of(me) == &site);
    if (!may)
        throw Refusal(fmt::format("Only BizOps at {} or an admin can reimburse {}.", site.name,
                                  id_text(e.id)));
    if (e.status != Status::approved)
        throw Refusal(e.status == Status::reimbursed
                          ? fmt::format("{} was already reimbursed{}.", id_text(e.id),
                                        e.reference.empty() ? "" : " (" + e.reference + ")")
                          : fmt::format("{} {}: only an approved expense is reimbursed.",
                                        id_text(e.id),
                                        e.status == Status::needs_receipt
                                            ? std::string("still needs a receipt")
                                            : "is " + state_text(e)));
    const std::string reference(core::trim(rest));
    Plan plan;
    plan.result.messages.push_back(Message::dm(
        e.submitter,
        fmt::format("💸 Your {} ({} {}) was reimbursed{}.", id_text(e.id), amount_text(e),
                    e.category, reference.empty() ? "" : " (" + reference + ")")));
    plan.result.reply.text = fmt::format("Reimbursed {} ({} to {}). I've told them.", id_text(e.id),
                                         amount_text(e), mention(e.submitter));
    plan.apply = [now = now_ms(ctx), e, reference, user = me.slack_id](SQLite::Database& db) {
        if (!store::move(db, e.id,
                         {Status::approved, e.stage, Status::reimbursed, e.stage, e.approver, user,
                          reference},
                         now))
            throw changed_meanwhile(e.id);
        store::set_reference(db, e.id, reference);
        trail(db, e.id, "reimbursed", "approved", Status::reimbursed, user, reference, now);
        return Slots{};
    };
    return plan;
}

Plan decide(const Context& ctx, std::int64_t number, Decision decision, std::string_view note,
            SQLite::Database& reads) {
    const config::Person& me = *ctx.caller;
    const auto found = store::get(reads, number);
    if (!found) throw Refusal(fmt::format("There is no expense {}.", id_text(number)));
    const store::Expense& e = *found;
    const std::string id = id_text(e.id);
    if (e.submitter == me.slack_id) throw Refusal(approvals::not_your_own(id, e.approver));
    const config::Site& site = site_of(ctx, e);
    if (e.status == Status::needs_receipt)
        throw Refusal(
            fmt::format("{} is waiting for its receipt; nobody decides it before that.", id));
    if (e.status != Status::pending)
        throw Refusal(approvals::already_decided(id, to_string(e.status),
                                                 e.decided_by.empty() ? "" : mention(e.decided_by),
                                                 e.decision_note));
    const config::Person* submitter = ctx.cfg.find_person(e.submitter);
    if (e.stage == 2) {
        if (me.slack_id == e.decided_by || (e.approver != me.slack_id && !ctx.cfg.leads(me, site)))
            throw Refusal(
                fmt::format("{} needs its second approval from a site lead of {} other "
                            "than its first approver.",
                            id, site.name));
    } else {
        const bool manager = submitter && submitter->manager == me.slack_id;
        if (!manager && e.approver != me.slack_id && !ctx.cfg.leads(me, site))
            throw Refusal(approvals::only_approvers(ctx.cfg, id, e.submitter));
    }

    Plan plan;
    const std::string what = fmt::format("{} {} ({})", amount_text(e), e.category, e.description);
    const std::string others = others_waiting(ctx, reads, e.id);
    auto refuse_decided = [id](const store::Expense& now) {
        return Refusal(approvals::already_decided(
            id, to_string(now.status), now.decided_by.empty() ? "" : mention(now.decided_by),
            now.decision_note));
    };
    // One in another currency may be above the amount too: with no exchange
    // rates, a site lead approves it as well.
    const std::string& twice_above = ctx.cfg.expenses.second_approval_above;
    const bool in_other_currency = foreign(money_of(e), site);
    const config::Person* second =
        decision == Decision::approve && e.stage == 1 &&
                (in_other_currency || above(money_of(e), twice_above, site))
            ? second_approver(ctx.cfg, site, e.submitter, me.slack_id)
            : nullptr;
    if (second) {
        const std::string said = note.empty() ? "" : fmt::format(": \"{}\"", note);
        const std::string why =
            in_other_currency
                ? fmt::format(
                      "{} approved it{}; it is in {}, which I can't compare with {}, so a site "
                      "lead approves too.",
                      mention(me.slack_id), said, e.currency, limit_text(twice_above, site))
                : fmt::format("{} approved it{}; above {} a site lead approves too.",
                              mention(me.slack_id), said, limit_text(twice_above, site));
        plan.result.messages.push_back(Message::update_buttons(
            id, fmt::format("✅ Approved {} by {}; now with {}", id, me.name, second->name),
            blocks::render({blocks::section(summary(ctx, e, id)),
                            blocks::context(fmt::format(
                                "✅ Approved by {}{}; the second approval is {}'s",
                                mention(me.slack_id), said, mention(second->slack_id)))})));
        plan.result.messages.push_back(ask(ctx, e, id, second->slack_id, why));
        plan.result.messages.push_back(Message::dm(
            e.submitter,
            fmt::format("✅ {} approved your {} {}{}; {} gives the second approval.",
                        mention(me.slack_id), id, what, said, mention(second->slack_id))));
        plan.result.reply.text =
            fmt::format("Approved {} (first of two approvals); I've asked {} for the second.{}", id,
                        mention(second->slack_id), others);
        plan.apply = [now = now_ms(ctx), e, refuse_decided, user = me.slack_id,
                      lead = second->slack_id, note = std::string(note)](SQLite::Database& db) {
            if (!store::move(db, e.id, {Status::pending, 1, Status::pending, 2, lead, user, note},
                             now))
                throw refuse_decided(*store::get(db, e.id));
            trail(db, e.id, "approved", "pending", Status::pending, user,
                  note.empty() ? "first approval" : note, now);
            return Slots{};
        };
        return plan;
    }
    approvals::announce(plan.result, ctx, {id, e.submitter, what, summary(ctx, e, id)}, decision,
                        note);
    plan.result.reply.text = fmt::format("{} {} for {} ({}). I've told them.{}",
                                         decision == Decision::approve ? "Approved" : "Denied", id,
                                         mention(e.submitter), what, others);
    const Status to = decision == Decision::approve ? Status::approved : Status::denied;
    plan.apply = [now = now_ms(ctx), e, to, refuse_decided, user = me.slack_id,
                  note = std::string(note)](SQLite::Database& db) {
        if (!store::move(db, e.id, {Status::pending, e.stage, to, e.stage, e.approver, user, note},
                         now))
            throw refuse_decided(*store::get(db, e.id));
        trail(db, e.id, to_string(to), "pending", to, user, note, now);
        return Slots{};
    };
    return plan;
}

}  // namespace handlers::expense
