#include "handlers/pto.hpp"

#include <map>

#include <fmt/format.h>

#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/dates.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "handlers/approver.hpp"
#include "handlers/blocks.hpp"
#include "handlers/pto_text.hpp"
#include "storage/audit.hpp"
#include "storage/pto_store.hpp"

namespace handlers::pto {
namespace {

namespace store = storage::pto;
using core::days_text;
using core::format_span;
using core::iso;
using core::mention;
using store::Status;

// Slots of a new request's prepared result: its id, and the balance after it
// (filled by the writer, which alone knows both).
constexpr int kIdSlot = 0;
constexpr int kBalanceSlot = 1;

std::int64_t now_ms(const Context& ctx) {
    return core::unix_ms(ctx.now);
}

// A change of request `id` in the audit trail.
void trail(SQLite::Database& db, std::int64_t id, std::string_view action, std::string_view from,
           Status to, const std::string& actor, const std::string& note, std::int64_t now) {
    storage::audit::record(db,
                           {core::IdKind::pto, id, action, from, to_string(to), actor, now, note});
}

// Teammates (same manager) who are out or asking to be out during the span;
// a long list is cut short, the approver needs the gist.
std::vector<std::string> teammates_out(const Context& ctx, SQLite::Database& reads,
                                       const config::Person& requester,
                                       const core::DateSpan& span) {
    constexpr int kShown = 5;
    std::vector<std::string> out;
    if (requester.manager.empty()) return out;
    std::vector<std::string> team;
    for (const auto* p : ctx.cfg.reports_of(requester.manager))
        if (p->slack_id != requester.slack_id) team.push_back(p->slack_id);
    const auto rows =
        store::of_people_between(reads, team, iso(span.start), iso(span.end), kShown + 1);
    for (const auto& r : rows) {
        if (static_cast<int>(out.size()) == kShown) {
            out.push_back("and others");
            break;
        }
        out.push_back(fmt::format("{} {}{}", mention(r.requester),
                                  format_span(span_of(r), ctx.today),
                                  r.status == Status::pending ? " (pending)" : ""));
    }
    return out;
}

// The checks that must see every committed request: no overlap with the
// requester's own, enough balance. Returns the balance-after text.
std::string check_and_charge(const Context& ctx, SQLite::Database& db, const store::NewRequest& row,
                             const core::DateSpan& span, double allowance) {
    for (const auto& other :
         store::active_overlapping(db, row.requester, row.start_date, row.end_date)) {
        const core::DateSpan o = span_of(other);
        // Morning off and afternoon off on the same day do not collide.
        const bool halves = o.start == o.end && span.start == span.end &&
                            o.part != core::Part::full && span.part != core::Part::full &&
                            o.part != span.part;
        if (!halves)
            throw Refusal(fmt::format(
                "That overlaps your {} request {} ({}). Cancel it first with `/pto cancel {}`, "
                "or pick other dates.",
                to_string(other.status), id_text(other.id), format_span(o, ctx.today),
                id_text(other.id)));
    }
    std::string balance_after;
    if (allowance < 0) return balance_after;
    for (const auto& [year, n] : row.charges) {
        const double taken = store::usage(db, row.requester, row.leave_type, year).taken();
        if (taken + n > allowance)
            throw Refusal(fmt::format(
                "Not enough {} left for {}: this needs {} but you have {} of {} left in {} "
                "(pending requests count too). See `/pto balance`.",
                row.leave_type, year, days_text(n), days_text(allowance - taken),
                days_text(allowance), year));
        if (n > 0)
            balance_after +=
                fmt::format("\n*Balance after:* {} of {} left in {}",
                            days_text(allowance - taken - n), days_text(allowance), year);
    }
    return balance_after;
}

// ---- /pto <when> [type] [reason] ----------------------------------------

// "/pto dec 16 sik": a first word one edit from a leave type is that type
// misspelt, not the start of a reason; read as a reason it would ask for a
// vacation instead of recording sick leave.
void refuse_misspelt_type(const Context& ctx, std::string_view args, std::string_view rest,
                          const std::string& word) {
    if (word.size() < 3) return;
    for (const auto& type : ctx.cfg.pto.types) {
        if (core::edit_distance(word, type.name, 1) > 1) continue;
        const std::string when(core::trim(args.substr(0, args.rfind(rest))));
        throw Refusal(fmt::format(
            "`{}` is not a leave type: did you mean `/pto {} {}{}`? A reason goes after the "
            "type, as in `/pto {} {} {}`.",
            word, when, type.name, std::string(rest.substr(word.size())), when,
            ctx.cfg.pto.default_type, rest));
    }
}

Plan request(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const config::Person& me = *ctx.caller;
    auto parsed = core::parse_when(args, ctx.today);
    // "/pto sick tomorrow": the type first, then the days.
    if (std::holds_alternative<std::string>(parsed)) {
        const auto [word, after] = core::split_first_word(args);
        if (const config::LeaveType* first = ctx.cfg.leave_type(word)) {
            if (core::trim(after).empty())
                throw Refusal(fmt::format("Which days? For today: `/pto today {}`.\n{}",
                                          first->name, kRequestUsage));
            auto typed_first = core::parse_when(after, ctx.today);
            if (auto* w = std::get_if<core::ParsedWhen>(&typed_first)) {
                w->rest = w->rest.empty() ? first->name : first->name + " " + w->rest;
                parsed = std::move(typed_first);
            }
        }
    }
    if (auto* error = std::get_if<std::string>(&parsed))
        throw Refusal(fmt::format("{}\n{}", *error, kRequestUsage));
    const auto& when = std::get<core::ParsedWhen>(parsed);
    const core::DateSpan span = requested_span(ctx.site.calendar(), when);

    auto [first, after_first] = core::split_first_word(when.rest);
    const config::LeaveType* type = ctx.cfg.leave_type(first);
    if (!type) refuse_misspelt_type(ctx, args, when.rest, first);
    std::string reason(type ? after_first : core::trim(when.rest));
    if (!type) type = ctx.cfg.leave_type(ctx.cfg.pto.default_type);

    if (span.end < span.start)
        throw Refusal(fmt::format("That range ends ({}) before it starts ({}).\n{}", iso(span.end),
                                  iso(span.start), kRequestUsage));
    if (span.start < ctx.today)
        throw Refusal(
            fmt::format("{} is in the past: time off has to start today ({}) or later.\n{}",
                        iso(span.start), iso(ctx.today), kRequestUsage));
    const auto length = (span.end - span.start).count() + 1;
    if (length > ctx.cfg.pto.max_request_days)
        throw Refusal(fmt::format(
            "That is {} calendar days; a request may be at most {}. Split it into shorter "
            "requests.\n{}",
            length, ctx.cfg.pto.max_request_days, kRequestUsage));

    store::NewRequest row;
    // Counted by the requester's site: its working week and its holidays.
    row.charges = ctx.site.calendar().count_by_year(span.start, span.end, span.part);
    for (const auto& [year, n] : row.charges) row.days += n;
    if (row.days <= 0)
        throw Refusal(
            fmt::format("{} has no working days at {} (weekend or holiday), so there is "
                        "nothing to request.",
                        format_span(span, ctx.today), ctx.site.name));
    row.site = ctx.site.id;
    row.requester = me.slack_id;
    row.leave_type = type->name;
    row.start_date = iso(span.start);
    row.end_date = iso(span.end);
    row.part = std::string(core::to_string(span.part));
    row.reason = reason;
    const double allowance = ctx.cfg.allowance(me, *type);
    const std::string id = std::string(core::prefix(core::IdKind::pto)) + "-" + core::slot(kIdSlot);
    const std::string what =
        fmt::format("{} {} ({})", type->name, format_span(span, ctx.today), days_text(row.days));
    const store::Request shown = row.shown();  // as the approver will see it; the id is a slot

    Plan plan;
    Result& result = plan.result;
    if (!type->needs_approval) {
        // Recorded at once (sick leave); the manager, or the site lead, is told.
        row.status = Status::approved;
        const config::Person* manager = ctx.cfg.find_person(me.manager);
        std::vector<const config::Person*> told;
        if (manager)
            told.push_back(manager);
        else
            for (const auto* lead : ctx.cfg.site_leads_of(ctx.site))
                if (lead->slack_id != me.slack_id) told.push_back(lead);
        for (const auto* p : told)
            result.messages.push_back(
                Message::dm(p->slack_id,
                            fmt::format("FYI: {} is out ({}) {}.", mention(me.slack_id), type->name,
                                        format_span(span, ctx.today)),
                            blocks::render({blocks::section("FYI, recorded without approval:\n" +
                                                            summary(ctx, shown, id))})));
        if (auto m = status::set(ctx.cfg, ctx.site, shown, id, ctx.now))
            result.messages.push_back(std::move(*m));
        result.reply.text = fmt::format(
            "Recorded {}: {} {} ({}). {}Take care!{}", id, type->name, format_span(span, ctx.today),
            days_text(row.days),
            told.empty() ? "" : fmt::format("I've told {}. ", mention(told.front()->slack_id)),
            core::slot(kBalanceSlot));
        // A type recorded without approval may still have an allowance.
        plan.apply = [ctx_now = now_ms(ctx), row, span, allowance, ctx](SQLite::Database& db) {
            std::string balance_after = check_and_charge(ctx, db, row, span, allowance);
            const std::int64_t id = store::insert(db, row, ctx_now);
            trail(db, id, "recorded", "", Status::approved, row.requester, row.reason, ctx_now);
            return Slots{std::to_string(id), std::move(balance_after)};
        };
        return plan;
    }

    const Approver approver = approver_for(ctx.cfg, me, [&](const config::Person& p) {
        return store::is_out(reads, p.slack_id, iso(ctx.today));
    });
    row.status = Status::pending;
    row.approver = approver.person->slack_id;

    std::string details = summary(ctx, shown, id) + core::slot(kBalanceSlot);
    // An approver may work elsewhere: say whose calendar counted the days.
    if (ctx.cfg.sites.size() > 1)
        details +=
            fmt::format("\n*Site:* {} (counted on its working days and holidays)", ctx.site.name);
    const auto teammates = teammates_out(ctx, reads, me, span);
    details += teammates.empty() ? "\n*Also out:* nobody else on the team"
                                 : "\n*Also out:* " + fmt::format("{}", fmt::join(teammates, ", "));
    std::vector<blocks::Block> ask_blocks{blocks::section(details)};
    if (approver.stands_in())
        ask_blocks.push_back(blocks::context("You're asked because " + approver.explanation + "."));
    ask_blocks.push_back(blocks::actions(
        "pto-" + core::slot(kIdSlot) + "-decision",
        {blocks::button("Approve", "pto.approve", "approve " + id, blocks::Style::primary),
         blocks::button("Deny", "pto.deny", "deny " + id, blocks::Style::danger)}));
    Message ask = Message::dm(approver.person->slack_id,
                              fmt::format("{} requests {}: approve {}?", me.name, what, id),
                              blocks::render(ask_blocks));
    ask.subject = id;
    ask.has_buttons = true;
    result.messages.push_back(std::move(ask));
    result.reply.text = fmt::format("Requested {}: {}. I've asked {} to approve it.", id, what,
                                    mention(approver.person->slack_id));
    if (approver.stands_in()) result.reply.text += " " + approver.explanation + ".";

    plan.apply = [now = now_ms(ctx), row, span, allowance, ctx,
                  delegated = approver.why == Approver::Why::manager_out,
                  why = approver.explanation](SQLite::Database& db) {
        std::string balance_after = check_and_charge(ctx, db, row, span, allowance);
        const std::int64_t id = store::insert(db, row, now);
        trail(db, id, "created", "", Status::pending, row.requester, row.reason, now);
        if (delegated)
            trail(db, id, "delegated", "pending", Status::pending, row.approver, why, now);
        return Slots{std::to_string(id), std::move(balance_after)};
    };
    return plan;
}

// ---- /pto cancel PTO-12 -----------------------------------------------------

// "/pto cancel" without an id ("/pto cancel friday"): the caller's requests
// that can still be cancelled, those on the days named when there are any,
// each with its command.
Refusal which_to_cancel(const Context& ctx, SQLite::Database& reads, std::string_view args,
                        std::string_view usage) {
    const auto parsed = core::parse_when(args, ctx.today);
    const auto* when = std::get_if<core::ParsedWhen>(&parsed);
    std::vector<store::Request> open, on_those_days;
    for (auto& r : store::of_requester(reads, ctx.user_id, core::iso(ctx.today))) {
        const core::DateSpan s = span_of(r);
        if ((r.status != Status::pending && r.status != Status::approved) || s.start <= ctx.today)
            continue;
        if (when && s.start <= when->span.end && when->span.start <= s.end)
            on_those_days.push_back(r);
        open.push_back(std::move(r));
    }
    const auto& shown = on_those_days.empty() ? open : on_those_days;
    if (shown.empty())
        return Refusal(fmt::format(
            "Which request? You have none that can be cancelled (one that has not started; "
            "see `/pto list`).\n{}",
            usage));
    std::string text = "Which request?";
    if (when && on_those_days.empty())
        text += fmt::format(" None of yours is on {}; these can be cancelled:",
                            core::format_span(when->span, ctx.today));
    for (const auto& r : shown)
        text += fmt::format("\n• {}: `/pto cancel {}`", request_line(ctx, r), id_text(r.id));
    return Refusal(std::move(text));
}

Plan cancel(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    constexpr std::string_view usage = "Usage: `/pto cancel PTO-12`";
    auto [word, rest] = core::split_first_word(args);
    const auto id = core::parse_id(word);
    if (!id || id->kind != core::IdKind::pto) throw which_to_cancel(ctx, reads, args, usage);
    const auto r = store::get(reads, id->number);
    if (!r || r->requester != ctx.user_id)
        throw Refusal(fmt::format("You have no request {}. See `/pto list`.", id_text(id->number)));
    if (r->status != Status::pending && r->status != Status::approved)
        throw Refusal(fmt::format("{} is already {}.", id_text(r->id), to_string(r->status)));
    if (*core::parse_iso(r->start_date) <= ctx.today)
        throw Refusal(
            fmt::format("{} has already started ({}), so it can't be cancelled here. Ask "
                        "your manager or the site lead.",
                        id_text(r->id), r->start_date));

    Plan plan;
    Result& result = plan.result;
    const std::string what =
        fmt::format("{} cancelled {} ({} {}, {}).", mention(ctx.user_id), id_text(r->id),
                    r->leave_type, format_span(span_of(*r), ctx.today), days_text(r->days));
    const std::string told = r->status == Status::pending ? r->approver : r->decided_by;
    if (r->status == Status::pending)
        result.messages.push_back(Message::update_buttons(
            id_text(r->id), what,
            blocks::render({blocks::section(summary(ctx, *r, id_text(r->id))),
                            blocks::context("🚫 Cancelled by the requester")})));
    if (!told.empty() && told != ctx.user_id)
        result.messages.push_back(Message::dm(told, "FYI: " + what));
    result.reply.text = fmt::format(
        "Cancelled {}; {} back in your balance.{}", id_text(r->id), days_text(r->days),
        told.empty() || told == ctx.user_id ? "" : fmt::format(" I've told {}.", mention(told)));
    plan.apply = [now = now_ms(ctx), request = *r, user = ctx.user_id,
                  note = std::string(rest)](SQLite::Database& db) {
        // It was read before the writer ran: cancel only what was seen.
        if (!store::set_status(db, request.id, request.status, Status::cancelled, user, note, now))
            throw Refusal(
                fmt::format("{} changed while you asked; see `/pto list`.", id_text(request.id)));
        trail(db, request.id, "cancelled", to_string(request.status), Status::cancelled, user, note,
              now);
        return Slots{};
    };
    return plan;
}

}  // namespace

Plan handle(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    auto [word, rest] = core::split_first_word(args);
    if (word.empty() || word == "help") return views::usage(ctx);
    if (word == "balance") return views::balance(ctx, reads);
    if (word == "list") return views::list(ctx, reads);
    if (word == "pending") return views::pending(ctx, reads);
    if (word == "cancel") return cancel(ctx, rest, reads);
    if (word == "out") return views::out(ctx, rest, reads);
    if (word == "calendar") return calendar::command(ctx, rest, reads);
    if (auto refusal = mistyped("/pto", word, rest, core::IdKind::pto, {{"cancel"}},
                                "`/pto list` shows your requests."))
        throw *refusal;
    return request(ctx, args, reads);
}

Plan decide(const Context& ctx, std::int64_t id, Decision decision, std::string_view note,
            SQLite::Database& reads) {
    const auto r = store::get(reads, id);
    if (!r) throw Refusal(fmt::format("There is no request {}.", id_text(id)));
    const config::Person& me = *ctx.caller;
    if (r->requester == me.slack_id)
        throw Refusal(approvals::not_your_own(id_text(id), r->approver));
    const config::Person* requester = ctx.cfg.find_person(r->requester);
    const bool is_manager = requester && requester->manager == me.slack_id;
    const config::Site* site = ctx.cfg.find_site(r->site);
    if (!is_manager && !ctx.cfg.leads(me, site ? *site : ctx.cfg.site_of(r->requester)) &&
        r->approver != me.slack_id)
        throw Refusal(approvals::only_approvers(ctx.cfg, id_text(id), r->requester));
    auto refuse_decided = [](const store::Request& now) {
        const std::string by = now.status == Status::cancelled ? "the requester"
                               : now.decided_by.empty()        ? ""
                                                               : mention(now.decided_by);
        return Refusal(approvals::already_decided(id_text(now.id), to_string(now.status), by,
                                                  now.decision_note));
    };
    if (r->status != Status::pending) throw refuse_decided(*r);

    Plan plan;
    const std::string when = format_span(span_of(*r), ctx.today);
    approvals::announce(plan.result, ctx,
                        {id_text(id), r->requester,
                         fmt::format("{} {} ({})", r->leave_type, when, days_text(r->days)),
                         summary(ctx, *r, id_text(id))},
                        decision, note);
    plan.result.reply.text = fmt::format("{} {} for {} ({} {}). I've told them.",
                                         decision == Decision::approve ? "Approved" : "Denied",
                                         id_text(id), mention(r->requester), r->leave_type, when);
    const Status to = decision == Decision::approve ? Status::approved : Status::denied;
    // Approved on a day of the leave: the status goes up now.
    if (decision == Decision::approve)
        if (auto m = status::set(ctx.cfg, site ? *site : ctx.cfg.site_of(r->requester), *r,
                                 id_text(id), ctx.now))
            plan.result.messages.push_back(std::move(*m));
    plan.apply = [now = now_ms(ctx), id, to, refuse_decided, user = me.slack_id,
                  note = std::string(note)](SQLite::Database& db) {
        if (!store::set_status(db, id, Status::pending, to, user, note, now))
            throw refuse_decided(*store::get(db, id));
        trail(db, id, to_string(to), "pending", to, user, note, now);
        return Slots{};
    };
    return plan;
}

HelpSection help_section() {
    return {
        "Time off",
        {{"/pto <when> [type] [reason]", "request time off, e.g. `/pto dec 21-23 vacation trip`"},
         {"/pto balance", "days left per leave type this year"},
         {"/pto list", "your upcoming and recent requests"},
         {"/pto cancel PTO-12", "withdraw a request that has not started"},
         {"/pto pending", "requests waiting for your approval", Audience::managers},
         {"/pto out [when] [--site <id>|all]", "who is out (today by default)"},
         {"/pto calendar [rotate]",
          "a link for your calendar app: your team's time off and holidays (a new link)"}}};
}

}  // namespace handlers::pto
