#include "handlers/pto.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/calendar.hpp"
#include "core/dates.hpp"
#include "core/text.hpp"
#include "storage/pto_store.hpp"

namespace handlers::pto {
namespace {

using json = nlohmann::json;
namespace store = storage::pto;
using namespace core;  // dates, calendar, text and ids: the vocabulary of every handler

constexpr std::string_view kRequestUsage =
    "Usage: `/pto <when> [type] [reason]`, e.g. `/pto dec 21-23 vacation family trip`";

int year_of(date::local_days d) { return static_cast<int>(date::year_month_day{d}.year()); }

Part part_of(const std::string& s) { return s == "am" ? Part::am : s == "pm" ? Part::pm : Part::full; }
const char* part_name(Part p) { return p == Part::am ? "am" : p == Part::pm ? "pm" : "full"; }

DateSpan span_of(const store::Request& r) {
    return DateSpan{*parse_iso(r.start_date), *parse_iso(r.end_date), part_of(r.part)};
}

std::string id_text(std::int64_t id) { return format_id("PTO", id); }

std::string type_list(const config::Config& cfg) {
    std::string out;
    for (const auto& t : cfg.pto.types) out += (out.empty() ? "" : "|") + t.name;
    return out;
}

std::int64_t now_ms(const Context& ctx) { return core::unix_ms(ctx.now); }

bool out_on(SQLite::Database& db, const std::string& person, date::local_days day) {
    return store::is_out(db, person, iso(day));
}

// Who decides a request of `requester`, and why when it is not their manager.
struct Approver {
    const config::Person* person = nullptr;
    std::string why;  // empty when the manager decides
    bool delegated = false;
};

Approver approver_for(const Context& ctx, const config::Person& requester, SQLite::Database& db) {
    const config::Person* manager = ctx.cfg.find_person(requester.manager);
    if (manager && !out_on(db, manager->slack_id, ctx.today)) return {manager, {}, false};

    std::vector<const config::Person*> stand_ins = ctx.cfg.site_leads();
    for (const auto& p : ctx.cfg.people)
        if (p.has_role("admin") && !p.has_role("site_lead")) stand_ins.push_back(&p);
    std::stable_partition(stand_ins.begin(), stand_ins.end(), [&](const config::Person* p) {
        return !out_on(db, p->slack_id, ctx.today);
    });
    for (const auto* lead : stand_ins) {
        if (lead->slack_id == requester.slack_id) continue;
        if (manager)
            return {lead,
                    fmt::format("{} is out today, so {} (site lead) decides instead",
                                mention(manager->slack_id), mention(lead->slack_id)),
                    true};
        return {lead,
                fmt::format("there is no manager for {} in the directory, so {} (site lead) decides",
                            mention(requester.slack_id), mention(lead->slack_id)),
                false};
    }
    throw Refusal(
        "There is nobody else who can approve your requests: ask an admin to set your manager "
        "in the site directory.");
}

std::string balance_line(const Context& ctx, SQLite::Database& db, const config::Person& person,
                         const config::LeaveType& type, int year) {
    const auto [approved, pending] = store::usage(db, person.slack_id, type.name, year);
    const double allowance = ctx.cfg.allowance(person, type);
    if (allowance < 0)
        return fmt::format("*{}*: {} taken{}", type.name, days_text(approved),
                           pending > 0 ? fmt::format(", {} pending", days_text(pending)) : "");
    return fmt::format("*{}*: {} of {} left ({} approved, {} pending)", type.name,
                       days_text(allowance - approved - pending), days_text(allowance),
                       days_text(approved), days_text(pending));
}

// Teammates (same manager) who are out or asking to be out during the span;
// a long list is cut short, the approver needs the gist.
std::vector<std::string> teammates_out(const Context& ctx, SQLite::Database& db,
                                       const config::Person& requester, const DateSpan& span) {
    constexpr int kShown = 5;
    std::vector<std::string> out;
    if (requester.manager.empty()) return out;
    std::vector<std::string> team;
    for (const auto* p : ctx.cfg.reports_of(requester.manager))
        if (p->slack_id != requester.slack_id) team.push_back(p->slack_id);
    const auto rows = store::of_people_between(db, team, iso(span.start), iso(span.end), kShown + 1);
    for (const auto& r : rows) {
        if (static_cast<int>(out.size()) == kShown) {
            out.push_back("and others");
            break;
        }
        out.push_back(fmt::format("{} {}{}", mention(r.requester),
                                  format_span(span_of(r), ctx.today),
                                  r.status == "pending" ? " (pending)" : ""));
    }
    return out;
}

json section(std::string text) {
    return {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", std::move(text)}}}};
}
json context_block(std::string text) {
    return {{"type", "context"}, {"elements", {{{"type", "mrkdwn"}, {"text", std::move(text)}}}}};
}
json button(const char* label, const std::string& action_id, std::string value, const char* style) {
    return {{"type", "button"},
            {"text", {{"type", "plain_text"}, {"text", label}}},
            {"action_id", action_id},
            {"value", std::move(value)},
            {"style", style}};
}

std::string summary(const Context& ctx, const store::Request& r) {
    std::string s = fmt::format("*{} {}* ({})\n*When:* {} · {}", mention(r.requester),
                                r.leave_type, id_text(r.id), format_span(span_of(r), ctx.today),
                                days_number(r.days) +
                                    (r.days == 1.0 || r.days == 0.5 ? " working day" : " working days"));
    if (!r.reason.empty()) s += "\n*Reason:* " + r.reason;
    return s;
}

// ---- /pto <when> [type] [reason] ----------------------------------------

Result request(const Context& ctx, std::string_view args, SQLite::Database& db) {
    const config::Person& me = *ctx.caller;
    auto parsed = parse_when(args, ctx.today);
    if (auto* error = std::get_if<std::string>(&parsed))
        throw Refusal(fmt::format("{}\n{}", *error, kRequestUsage));
    const auto& when = std::get<ParsedWhen>(parsed);
    const DateSpan& span = when.span;

    auto [first, after_first] = split_first_word(when.rest);
    const config::LeaveType* type = ctx.cfg.leave_type(first);
    std::string reason(type ? after_first : trim(when.rest));
    if (!type) type = ctx.cfg.leave_type(ctx.cfg.pto.default_type);

    if (span.end < span.start)
        throw Refusal(fmt::format("That range ends ({}) before it starts ({}).\n{}", iso(span.end),
                                  iso(span.start), kRequestUsage));
    if (span.start < ctx.today)
        throw Refusal(fmt::format(
            "{} is in the past: time off has to start today ({}) or later.\n{}", iso(span.start),
            iso(ctx.today), kRequestUsage));
    const auto length = (span.end - span.start).count() + 1;
    if (length > ctx.cfg.pto.max_request_days)
        throw Refusal(fmt::format(
            "That is {} calendar days; a request may be at most {}. Split it into shorter "
            "requests.\n{}",
            length, ctx.cfg.pto.max_request_days, kRequestUsage));

    const Calendar calendar = ctx.cfg.site.calendar();
    const auto by_year = calendar.count_by_year(span.start, span.end, span.part);
    double days = 0;
    for (const auto& [year, n] : by_year) days += n;
    if (days <= 0)
        throw Refusal(fmt::format("{} has no working days at {} (weekend or holiday), so there is "
                                  "nothing to request.",
                                  format_span(span, ctx.today), ctx.cfg.site.name));

    for (const auto& other : store::active_overlapping(db, me.slack_id, iso(span.start),
                                                       iso(span.end))) {
        const DateSpan o = span_of(other);
        // Morning off and afternoon off on the same day do not collide.
        const bool halves = o.start == o.end && span.start == span.end && o.part != Part::full &&
                            span.part != Part::full && o.part != span.part;
        if (!halves)
            throw Refusal(fmt::format(
                "That overlaps your {} request {} ({}). Cancel it first with `/pto cancel {}`, "
                "or pick other dates.",
                other.status, id_text(other.id), format_span(o, ctx.today), id_text(other.id)));
    }

    const double allowance = ctx.cfg.allowance(me, *type);
    std::map<int, double> taken_by_year;  // before this request
    if (allowance >= 0) {
        for (const auto& [year, n] : by_year) {
            const double taken = store::usage(db, me.slack_id, type->name, year).taken();
            taken_by_year[year] = taken;
            if (taken + n > allowance)
                throw Refusal(fmt::format(
                    "Not enough {} left for {}: this needs {} but you have {} of {} left in {} "
                    "(pending requests count too). See `/pto balance`.",
                    type->name, year, days_text(n), days_text(allowance - taken),
                    days_text(allowance), year));
        }
    }

    store::NewRequest row;
    row.requester = me.slack_id;
    row.leave_type = type->name;
    row.start_date = iso(span.start);
    row.end_date = iso(span.end);
    row.part = part_name(span.part);
    row.reason = reason;
    row.days = days;
    row.charges = by_year;

    Result result;
    if (!type->needs_approval) {
        // Recorded at once (sick leave); the manager, or the site lead, is told.
        row.status = "approved";
        const auto saved = store::insert(db, row, now_ms(ctx));
        const std::int64_t id = saved.id;
        store::audit(db, id, "recorded", me.slack_id, reason, now_ms(ctx));
        const config::Person* manager = ctx.cfg.find_person(me.manager);
        std::vector<const config::Person*> told;
        if (manager) told.push_back(manager);
        else
            for (const auto* lead : ctx.cfg.site_leads())
                if (lead->slack_id != me.slack_id) told.push_back(lead);
        for (const auto* p : told)
            result.messages.push_back(Message::dm(
                p->slack_id, fmt::format("FYI: {} is out ({}) {}.", mention(me.slack_id),
                                         type->name, format_span(span, ctx.today)),
                json::array({section("FYI, recorded without approval:\n" + summary(ctx, saved))})));
        result.reply.text = fmt::format(
            "Recorded {}: {} {} ({}). {}Take care!", id_text(id), type->name,
            format_span(span, ctx.today), days_text(days),
            told.empty() ? "" : fmt::format("I've told {}. ", mention(told.front()->slack_id)));
        return result;
    }

    const Approver approver = approver_for(ctx, me, db);
    row.status = "pending";
    row.approver = approver.person->slack_id;
    const auto saved = store::insert(db, row, now_ms(ctx));
    const std::int64_t id = saved.id;
    store::audit(db, id, "created", me.slack_id, reason, now_ms(ctx));
    if (approver.delegated)
        store::audit(db, id, "delegated", approver.person->slack_id, approver.why, now_ms(ctx));

    std::string details = summary(ctx, saved);
    if (allowance >= 0) {
        for (const auto& [year, n] : by_year) {
            if (n <= 0) continue;
            details += fmt::format("\n*Balance after:* {} of {} left in {}",
                                   days_text(allowance - taken_by_year[year] - n),
                                   days_text(allowance), year);
        }
    }
    const auto teammates = teammates_out(ctx, db, me, span);
    details += teammates.empty() ? "\n*Also out:* nobody else on the team"
                                 : "\n*Also out:* " + fmt::format("{}", fmt::join(teammates, ", "));
    json blocks = json::array({section(details)});
    if (!approver.why.empty()) blocks.push_back(context_block("You're asked because " + approver.why + "."));
    blocks.push_back({{"type", "actions"},
                      {"block_id", fmt::format("pto-{}-decision", id)},
                      {"elements", json::array({button("Approve", "pto.approve",
                                                       "approve " + id_text(id), "primary"),
                                                button("Deny", "pto.deny", "deny " + id_text(id),
                                                       "danger")})}});
    Message ask = Message::dm(approver.person->slack_id,
                              fmt::format("{} requests {} {} ({}): approve {}?",
                                          me.name, type->name, format_span(span, ctx.today),
                                          days_text(days), id_text(id)),
                              std::move(blocks));
    ask.subject = id_text(id);
    ask.has_buttons = true;
    result.messages.push_back(std::move(ask));

    result.reply.text = fmt::format("Requested {}: {} {} ({}). I've asked {} to approve it.",
                                    id_text(id), type->name, format_span(span, ctx.today),
                                    days_text(days), mention(approver.person->slack_id));
    if (!approver.why.empty()) result.reply.text += fmt::format(" ({}.)", approver.why);
    return result;
}

// ---- /pto cancel PTO-12 -----------------------------------------------------

Result cancel(const Context& ctx, std::string_view args, SQLite::Database& db) {
    constexpr std::string_view usage = "Usage: `/pto cancel PTO-12`";
    auto [word, rest] = split_first_word(args);
    const auto id = parse_id(word);
    if (!id || id->kind != "PTO")
        throw Refusal(fmt::format("Which request? {}", usage));
    const auto r = store::get(db, id->number);
    if (!r || r->requester != ctx.user_id)
        throw Refusal(fmt::format("You have no request {}. See `/pto list`.", id_text(id->number)));
    if (r->status != "pending" && r->status != "approved")
        throw Refusal(fmt::format("{} is already {}.", id_text(r->id), r->status));
    if (*parse_iso(r->start_date) <= ctx.today)
        throw Refusal(fmt::format("{} has already started ({}), so it can't be cancelled here. Ask "
                                  "your manager or the site lead.",
                                  id_text(r->id), r->start_date));

    store::decide(db, r->id, "cancelled", ctx.user_id, std::string(rest), now_ms(ctx));
    store::audit(db, r->id, "cancelled", ctx.user_id, std::string(rest), now_ms(ctx));
    Result result;
    const std::string what = fmt::format("{} cancelled {} ({} {}, {}).", mention(ctx.user_id),
                                         id_text(r->id), r->leave_type,
                                         format_span(span_of(*r), ctx.today), days_text(r->days));
    const std::string told = r->status == "pending" ? r->approver : r->decided_by;
    if (r->status == "pending")
        result.messages.push_back(Message::update_buttons(
            id_text(r->id), what,
            json::array({section(summary(ctx, *r)), context_block("🚫 Cancelled by the requester")})));
    if (!told.empty() && told != ctx.user_id) result.messages.push_back(Message::dm(told, "FYI: " + what));
    result.reply.text = fmt::format("Cancelled {}; {} back in your balance.{}", id_text(r->id),
                                    days_text(r->days),
                                    told.empty() || told == ctx.user_id
                                        ? ""
                                        : fmt::format(" I've told {}.", mention(told)));
    return result;
}

// ---- views -------------------------------------------------------------------

Result balance(const Context& ctx, SQLite::Database& db) {
    const config::Person& me = *ctx.caller;
    std::set<int> years = {year_of(ctx.today)};
    for (int y : store::charged_years(db, me.slack_id))
        if (y > year_of(ctx.today)) years.insert(y);
    std::string text;
    for (int year : years) {
        text += fmt::format("{}*{}*\n", text.empty() ? "" : "\n", year);
        for (const auto& type : ctx.cfg.pto.types) text += balance_line(ctx, db, me, type, year) + "\n";
    }
    Result r;
    r.reply.text = fmt::format("Your PTO balance:\n{}", text);
    return r;
}

std::string request_line(const Context& ctx, const store::Request& r) {
    std::string line = fmt::format("`{}` {} · {} · {} · *{}*", id_text(r.id), r.leave_type,
                                   format_span(span_of(r), ctx.today), days_text(r.days), r.status);
    if (!r.decided_by.empty() && r.decided_by != r.requester && r.status != "cancelled")
        line += fmt::format(" by {}", mention(r.decided_by));
    if (r.status == "pending") line += fmt::format(" (waiting for {})", mention(r.approver));
    if (!r.decision_note.empty()) line += fmt::format(": _{}_", r.decision_note);
    return line;
}

Result list(const Context& ctx, SQLite::Database& db) {
    const auto rows = store::of_requester(db, ctx.user_id, iso(ctx.today - date::days{90}));
    Result r;
    if (rows.empty()) {
        r.reply.text = "You have no PTO requests coming up or in the last 90 days. Ask for time "
                       "off with `/pto dec 21-23 vacation`.";
        return r;
    }
    std::string upcoming, recent;
    for (const auto& row : rows) {
        std::string& into = *parse_iso(row.end_date) >= ctx.today ? upcoming : recent;
        into += request_line(ctx, row) + "\n";
    }
    r.reply.text = "Your PTO requests:\n";
    if (!upcoming.empty()) r.reply.text += "*Upcoming*\n" + upcoming;
    if (!recent.empty()) r.reply.text += "*Last 90 days*\n" + recent;
    return r;
}

Result pending(const Context& ctx, SQLite::Database& db) {
    const auto rows = store::pending_for(db, ctx.user_id);
    Result r;
    if (rows.empty()) {
        r.reply.text = "Nothing is waiting for your approval.";
        return r;
    }
    r.reply.text = fmt::format("{} waiting for your approval (oldest first):\n",
                               rows.size() == 1 ? "1 request" : fmt::format("{} requests", rows.size()));
    for (const auto& row : rows)
        r.reply.text += fmt::format("{} for {}{}\n", request_line(ctx, row), mention(row.requester),
                                    row.reason.empty() ? "" : ": " + row.reason);
    r.reply.text += "Decide with `/approve PTO-12 [note]` or `/deny PTO-12 <reason>`.";
    return r;
}

Result out(const Context& ctx, std::string_view args, SQLite::Database& db) {
    DateSpan span{ctx.today, ctx.today};
    if (!trim(args).empty()) {
        auto parsed = parse_when(args, ctx.today);
        if (auto* error = std::get_if<std::string>(&parsed))
            throw Refusal(fmt::format("{}\nUsage: `/pto out [when]`, e.g. `/pto out friday`", *error));
        span = std::get<ParsedWhen>(parsed).span;
    }
    const auto rows = store::out_between(db, iso(span.start), iso(span.end));
    Result r;
    const std::string when = format_span(DateSpan{span.start, span.end}, ctx.today);
    if (rows.empty()) {
        r.reply.text = fmt::format("Nobody is out {}.", when);
        return r;
    }
    r.reply.text = fmt::format("Out {}:\n", when);
    for (const auto& row : rows) {
        const DateSpan s = span_of(row);
        const char* half = s.part == Part::am ? " (morning)" : s.part == Part::pm ? " (afternoon)" : "";
        r.reply.text += fmt::format("• {} {} · {}{}\n", mention(row.requester), row.leave_type,
                                    format_span(DateSpan{s.start, s.end}, ctx.today), half);
    }
    return r;
}

Result usage(const Context& ctx) {
    Result r;
    r.reply.text = fmt::format(
        "{}\nTypes: {}. Dates like `dec 21`, `dec 21-23`, `2026-12-21 to 2026-12-23`, `12/21`, "
        "`tomorrow`, `friday`, `next monday`; a single day may add `half`, `am` or `pm`.\n"
        "Also: `/pto balance`, `/pto list`, `/pto cancel PTO-12`, `/pto pending`, `/pto out [when]`",
        kRequestUsage, type_list(ctx.cfg));
    return r;
}

}  // namespace

Result handle(const Context& ctx, std::string_view args, SQLite::Database& db) {
    auto [word, rest] = split_first_word(args);
    if (word.empty() || word == "help") return usage(ctx);
    if (word == "balance") return balance(ctx, db);
    if (word == "list") return list(ctx, db);
    if (word == "pending") return pending(ctx, db);
    if (word == "cancel") return cancel(ctx, rest, db);
    if (word == "out") return out(ctx, rest, db);
    return request(ctx, args, db);
}

Result decide(const Context& ctx, std::int64_t id, bool approve, std::string_view note,
              SQLite::Database& db) {
    const auto r = store::get(db, id);
    if (!r) throw Refusal(fmt::format("There is no request {}.", id_text(id)));
    const config::Person& me = *ctx.caller;
    if (r->requester == me.slack_id)
        throw Refusal(fmt::format("You can't decide your own request {}; {} does.", id_text(id),
                                  r->approver.empty() ? "your manager" : mention(r->approver)));
    const config::Person* requester = ctx.cfg.find_person(r->requester);
    const bool is_manager = requester && requester->manager == me.slack_id;
    if (!is_manager && !me.is_site_lead() && r->approver != me.slack_id)
        throw Refusal(fmt::format(
            "Only {}'s manager{} or a site lead can decide {}.",
            mention(r->requester),
            requester && !requester->manager.empty() ? " (" + mention(requester->manager) + ")" : "",
            id_text(id)));
    if (r->status != "pending") {
        std::string by = r->decided_by.empty() ? "" : " by " + mention(r->decided_by);
        if (r->status == "cancelled") by = " by the requester";
        throw Refusal(fmt::format("{} was already {}{}{}; that decision stands.", id_text(id),
                                  r->status, by,
                                  r->decision_note.empty() ? "" : " (" + r->decision_note + ")"));
    }

    const std::string status = approve ? "approved" : "denied";
    const std::string note_text(note);
    store::decide(db, id, status, me.slack_id, note_text, now_ms(ctx));
    store::audit(db, id, status, me.slack_id, note_text, now_ms(ctx));

    Result result;
    const std::string when = format_span(span_of(*r), ctx.today);
    const std::string verdict = approve ? "✅ Approved" : "❌ Denied";
    const std::string said = note_text.empty() ? "" : fmt::format(": \"{}\"", note_text);
    result.messages.push_back(Message::dm(
        r->requester,
        fmt::format("{}: your {} {} ({}) by {}{}", verdict, id_text(id), r->leave_type + " " + when,
                    days_text(r->days), mention(me.slack_id), said)));
    result.messages.push_back(Message::update_buttons(
        id_text(id),
        fmt::format("{} {} by {}{}", verdict, id_text(id), me.name, said),
        json::array({section(summary(ctx, *r)),
                     context_block(fmt::format("{} by {}{}", verdict, mention(me.slack_id), said))})));
    result.reply.text = fmt::format("{} {} for {} ({} {}). I've told them.", approve ? "Approved" : "Denied",
                                    id_text(id), mention(r->requester), r->leave_type, when);
    return result;
}

std::vector<Message> reminders(const config::Config& cfg, SQLite::Database& db,
                               std::chrono::system_clock::time_point now) {
    const std::int64_t day_ago = core::unix_ms(now - std::chrono::hours(24));
    const date::local_days today = today_in(cfg.site.time_zone, now);
    std::vector<Message> out;
    for (const auto& [approver, rows] : store::pending_by_approver(db, day_ago)) {
        std::string text = fmt::format(
            "Reminder: {} waiting for your approval:\n",
            rows.size() == 1 ? "1 request is" : fmt::format("{} requests are", rows.size()));
        for (const auto& r : rows)
            text += fmt::format("• `{}` {} {} · {} · {}\n", id_text(r.id), mention(r.requester),
                                r.leave_type, format_span(span_of(r), today), days_text(r.days));
        text += "Decide with `/approve PTO-12 [note]` or `/deny PTO-12 <reason>`.";
        out.push_back(Message::dm(approver, std::move(text)));
    }
    return out;
}

HelpSection help_section() {
    return {"Time off",
            {{"/pto <when> [type] [reason]", "request time off, e.g. `/pto dec 21-23 vacation trip`", ""},
             {"/pto balance", "days left per leave type this year", ""},
             {"/pto list", "your upcoming and recent requests", ""},
             {"/pto cancel PTO-12", "withdraw a request that has not started", ""},
             {"/pto out [when]", "who is out (today by default)", ""}}};
}

}  // namespace handlers::pto
