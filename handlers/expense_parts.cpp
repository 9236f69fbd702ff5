#include "handlers/expense_parts.hpp"

#include <string>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/dates.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "handlers/blocks.hpp"
#include "handlers/expense_text.hpp"
#include "storage/audit.hpp"

namespace handlers::expense::parts {

using store::Status;

std::int64_t now_ms(const Context& ctx) {
    return core::unix_ms(ctx.now);
}

void trail(SQLite::Database& db, std::int64_t id, std::string_view action, std::string_view from,
           Status to, const std::string& actor, const std::string& note, std::int64_t now) {
    storage::audit::record(
        db, {core::IdKind::expense, id, action, from, to_string(to), actor, now, note});
}

const core::Currency& currency_of(const config::Site& site) {
    return *core::find_currency(site.currency);  // check-config made sure
}

const config::Site& site_of(const Context& ctx, const store::Expense& e) {
    const config::Site* site = ctx.cfg.find_site(e.site);
    return site ? *site : ctx.cfg.site_of(e.submitter);
}

bool above(const core::Money& m, const std::string& major, const config::Site& site) {
    const core::Currency& local = currency_of(site);
    return m.currency == &local && m.minor > config::minor_units(major, local);
}

bool foreign(const core::Money& m, const config::Site& site) {
    return m.currency != &currency_of(site);
}

std::string limit_text(const std::string& major, const config::Site& site) {
    const core::Currency& local = currency_of(site);
    return core::format_money({config::minor_units(major, local), &local});
}

Message ask(const Context& ctx, const store::Expense& e, const std::string& id,
            const std::string& approver, const std::string& why) {
    std::vector<blocks::Block> body{blocks::section(summary(ctx, e, id))};
    if (!why.empty()) body.push_back(blocks::context(why));
    body.push_back(blocks::actions(
        "exp-" + core::slot(kIdSlot) + "-decision",
        {blocks::button("Approve", "exp.approve", "approve " + id, blocks::Style::primary),
         blocks::button("Deny", "exp.deny", "deny " + id, blocks::Style::danger)}));
    const config::Person* submitter = ctx.cfg.find_person(e.submitter);
    Message m = Message::dm(approver,
                            fmt::format("{} submitted {} {} ({}): approve {}?",
                                        submitter ? submitter->name : e.submitter, amount_text(e),
                                        e.category, e.description, id),
                            blocks::render(body));
    m.subject = id;
    m.has_buttons = true;
    return m;
}

Refusal changed_meanwhile(std::int64_t id) {
    return Refusal(fmt::format("{} changed while you asked; see `/expense show {}`.", id_text(id),
                               id_text(id)));
}

store::Expense find(SQLite::Database& reads, std::string_view word, std::string_view usage) {
    const auto id = core::parse_id(word);
    if (!id || id->kind != core::IdKind::expense)
        throw Refusal(fmt::format("Which expense? Ids look like `EXP-7`.\n{}", usage));
    auto e = store::get(reads, id->number);
    if (!e) throw Refusal(fmt::format("There is no expense {}.", id->text()));
    return *e;
}

// The day it was spent: "... on nov 3" (or "yesterday", "last friday") at
// the end of the description, else today. A day without a year is the
// last one that has been, as is a weekday ("on friday", "on last friday");
// one written as a date that is none ("on nov 31", "on 13/5") is refused,
// not read as words of the description.
date::local_days spent_on(const Context& ctx, std::string& description) {
    std::size_t at = description.rfind(" on ");
    std::size_t from = at + 4;
    // Without "on": "... yesterday", "... last friday".
    const std::string folded = core::lower(description);
    for (const std::string_view word : {" yesterday", " last "}) {
        const std::size_t p = folded.rfind(word);
        if (at == std::string::npos && p != std::string::npos) {
            at = p;
            from = p + 1;
        }
    }
    if (at == std::string::npos) return ctx.today;
    std::string when = description.substr(from);
    const auto [first, after_first] = core::split_first_word(when);
    const bool last =
        first == "last" && core::weekday_named(core::split_first_word(after_first).first);
    if (last) when = std::string(after_first);
    if (core::weekday_named(core::split_first_word(when).first)) {
        auto parsed = core::parse_when(when, ctx.today);
        const auto* day = std::get_if<core::ParsedWhen>(&parsed);
        if (!day || !day->rest.empty() || day->span.start != day->span.end) return ctx.today;
        date::local_days d = day->span.start;  // within the week ahead: the one before
        if (d > ctx.today || (last && d == ctx.today)) d -= date::days{7};
        description.resize(at);
        return d;
    }
    auto parsed = core::parse_when(when, ctx.today);
    if (const auto* why = std::get_if<std::string>(&parsed); why && core::starts_with_date(when))
        throw Refusal(fmt::format("{} Write the day it was spent like `on nov 3` or "
                                  "`on 2026-11-03`.\n{}",
                                  *why, kSubmitUsage),
                      "date");
    const auto* day = std::get_if<core::ParsedWhen>(&parsed);
    if (!day || !day->rest.empty() || day->span.start != day->span.end) return ctx.today;
    date::local_days d = day->span.start;
    if (d > ctx.today) {
        const date::year_month_day ymd{d};
        const date::year_month_day last_year{ymd.year() - date::years{1}, ymd.month(), ymd.day()};
        if (when.find(std::to_string(static_cast<int>(ymd.year()))) != std::string::npos ||
            !last_year.ok())
            throw Refusal(fmt::format("{} is in the future: expenses are for money already "
                                      "spent.\n{}",
                                      core::iso(d), kSubmitUsage),
                          "date");
        d = date::local_days{last_year};
    }
    description.resize(at);
    return d;
}

}  // namespace handlers::expense::parts
