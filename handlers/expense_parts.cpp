#include "handlers/expense_parts.hpp"

#include <vector>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/ids.hpp"
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

}  // namespace handlers::expense::parts
