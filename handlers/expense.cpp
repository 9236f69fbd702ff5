#include "handlers/expense.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>
#include <boost/url/parse.hpp>

#include "core/clock.hpp"
#include "core/dates.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "handlers/approver.hpp"
#include "handlers/blocks.hpp"
#include "handlers/expense_parts.hpp"
#include "handlers/expense_text.hpp"
#include "storage/audit.hpp"
#include "storage/expense_store.hpp"
#include "storage/pto_store.hpp"

namespace handlers::expense {
namespace {

using namespace parts;
using core::mention;
using store::Status;

constexpr auto kDuplicateWindow = std::chrono::hours(24 * 7);
constexpr int kOldAfterDays = 60;
constexpr auto kFileWindow = std::chrono::minutes(10);

bool is_link(std::string_view word) {
    const std::string l = core::lower(word.substr(0, 8));
    return l.starts_with("http://") || l.starts_with("https://");
}

// A receipt link people can open: http(s) with a host.
void check_link(std::string_view word, std::string_view usage) {
    const auto url = boost::urls::parse_absolute_uri(word);
    if (!url || url->host().empty())
        throw Refusal(
            fmt::format("`{}` is not a web address I can link to: give the receipt's full link, "
                        "such as `https://example.com/receipt.pdf`.\n{}",
                        word, usage),
            "receipt");
}

// The refusal of `rest` that starts with no category, with the command that
// files it under the one a later word names ("from heathrow by taxi"), when
// only one is named.
Refusal no_category(const Context& ctx, std::string_view amount, std::string_view word,
                    std::string_view rest) {
    const auto& expenses = ctx.cfg.expenses;
    std::string names;
    for (const auto& c : expenses.categories) names += (names.empty() ? "`" : ", `") + c.name + "`";
    std::string text = word.empty() ? std::string("Which category?")
                                    : fmt::format("`{}` is not a category.", word);
    const config::ExpenseCategory* named = nullptr;
    bool several = false;
    for (std::string_view words = rest; !words.empty();) {
        const auto [w, next] = core::next_word(words);
        words = next;
        const config::ExpenseCategory* c = config::category_named_by(expenses, w);
        if (!c || c == named) continue;
        several = named != nullptr;
        if (several) break;
        named = c;
    }
    if (named && !several)
        return Refusal(fmt::format("{} Put the category first: `/expense {} {} {}`", text,
                                   core::trim(amount), named->name, core::trim(rest)),
                       "category");
    return Refusal(fmt::format("{} The categories are {}.\n{}", text, names, kSubmitUsage),
                   "category");
}

// ---- /expense <amount> [currency] <category> <description> [url] [on <date>]

Plan submit(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const config::Person& me = *ctx.caller;
    const config::Site& site = ctx.site;
    auto parsed = core::parse_amount(args, currency_of(site));
    if (auto* error = std::get_if<std::string>(&parsed))
        throw Refusal(fmt::format("{}\n{}", *error, kSubmitUsage), "amount");
    const auto [money, rest] = std::get<core::ParsedAmount>(parsed);

    auto [word, after] = core::split_first_word(rest);
    const config::ExpenseCategory* category = config::find_category(ctx.cfg.expenses, word);
    if (!category) {
        // "/expense 45.50 taxi to the airport": a word of a category names it
        // and stays in the description.
        category = config::category_of_word(ctx.cfg.expenses, word);
        if (category)
            after = core::trim(rest);
        else
            throw no_category(ctx,
                              args.substr(0, static_cast<std::size_t>(rest.data() - args.data())),
                              word, rest);
    }
    // The description as typed (line breaks too), less the receipt link.
    store::Expense e;
    std::string description(after);
    for (std::string_view words = after; !words.empty();) {
        const auto [w, next] = core::next_word(words);
        words = next;
        if (!is_link(w)) continue;
        if (!e.receipt_url.empty())
            throw Refusal(fmt::format("Give one receipt link.\n{}", kSubmitUsage), "receipt");
        check_link(w, kSubmitUsage);
        e.receipt_url = std::string(w);
        description.erase(static_cast<std::size_t>(w.data() - after.data()), w.size());
    }
    // A file shared in the same DM is the receipt, unless a link is given.
    if (e.receipt_url.empty() && !ctx.files.empty()) {
        e.receipt_file = ctx.files.front().id;
        e.receipt_name = ctx.files.front().name;
        e.receipt_url = ctx.files.front().permalink;
    }
    const date::local_days day = spent_on(ctx, description);
    if (core::trim(description).empty())
        throw Refusal(fmt::format("Say what it was for.\n{}", kSubmitUsage), "description");
    if (above(money, ctx.cfg.expenses.ceiling, site))
        throw Refusal(fmt::format(
            "{} is above the most one expense may be ({}): split it, or ask a site lead how to "
            "claim it.",
            core::format_money(money), limit_text(ctx.cfg.expenses.ceiling, site)));

    e.submitter = me.slack_id;
    e.site = site.id;
    e.amount_minor = money.minor;
    e.currency = std::string(money.currency->code);
    e.category = category->name;
    e.description = std::string(core::trim(description));
    e.spent_on = core::iso(day);

    // What the approver should look at twice: flags, never refusals.
    std::vector<std::string> flags;
    if (money.currency != &currency_of(site))
        flags.push_back(fmt::format("In {}, not {}: the limits were not checked.",
                                    money.currency->code, site.currency));
    else if (!category->limit.empty() && above(money, category->limit, site))
        flags.push_back(fmt::format(
            "Over the {} limit of {} by {}.", category->name, limit_text(category->limit, site),
            core::format_money(
                {money.minor - config::minor_units(category->limit, currency_of(site)),
                 money.currency})));
    for (const std::int64_t other :
         store::similar(reads, e, core::unix_ms(ctx.now - kDuplicateWindow)))
        flags.push_back(
            fmt::format("Possibly a duplicate of {} (same amount and category, "
                        "within 7 days).",
                        id_text(other)));
    if ((ctx.today - day).count() > kOldAfterDays)
        flags.push_back(fmt::format("Spent {} days ago.", (ctx.today - day).count()));
    for (const auto& f : flags) e.flags += (e.flags.empty() ? "" : "\n") + f;

    const bool needs_receipt =
        e.receipt_url.empty() && (money.currency != &currency_of(site) ||
                                  above(money, ctx.cfg.expenses.receipt_above, site));
    const Approver approver = approver_for(ctx.cfg, me, [&](const config::Person& p) {
        return storage::pto::is_out(reads, p.slack_id, core::iso(ctx.today));
    });
    e.approver = approver.person->slack_id;
    e.status = needs_receipt ? Status::needs_receipt : Status::pending;

    const std::string id =
        std::string(core::prefix(core::IdKind::expense)) + "-" + core::slot(kIdSlot);
    const std::string what =
        fmt::format("{} {} ({})", core::format_money(money), e.category, e.description);
    std::string flagged;
    for (const auto& f : flags) flagged += "\n⚠️ " + f;
    Plan plan;
    if (needs_receipt) {
        plan.result.reply.text = fmt::format(
            "Saved {}: {}.{}\nIt needs a receipt ({}): add it with `/expense receipt {} <link>`, "
            "and I'll ask {} to approve it.",
            id, what, flagged,
            money.currency == &currency_of(site)
                ? fmt::format("above {}", limit_text(ctx.cfg.expenses.receipt_above, site))
                : std::string("in a foreign currency"),
            id, mention(e.approver));
    } else {
        plan.result.messages.push_back(
            ask(ctx, e, id, e.approver, approver.stands_in() ? approver.explanation : ""));
        plan.result.reply.text = fmt::format(
            "Submitted {}: {}.{}\nI've asked {} to approve it.{}", id, what, flagged,
            mention(e.approver), approver.stands_in() ? " " + approver.explanation + "." : "");
    }
    plan.apply = [now = now_ms(ctx), e](SQLite::Database& db) {
        const std::int64_t id = store::insert(db, e, now);
        trail(db, id, "created", "", e.status, e.submitter, e.description, now);
        return Slots{std::to_string(id)};
    };
    return plan;
}

// Waiting for a decision (or its receipt first): it may still be cancelled
// and given a receipt.
bool still_waiting(const store::Expense& e) {
    return e.status == Status::needs_receipt || e.status == Status::pending;
}

bool waits_for_receipt(const store::Expense& e) {
    return !e.has_receipt() && still_waiting(e);
}

// Attaches a receipt to `e`: asks its approver when it was waiting for it,
// tells them otherwise.
Plan attach(const Context& ctx, const store::Expense& e, const std::string& link,
            const core::SharedFile* file) {
    if (e.has_receipt()) throw Refusal(fmt::format("{} already has a receipt.", id_text(e.id)));
    if (!still_waiting(e))
        throw Refusal(fmt::format("{} is already {}.", id_text(e.id), to_string(e.status)));
    Plan plan;
    store::Expense with = e;
    with.receipt_url = link;
    if (file) {
        with.receipt_file = file->id;
        with.receipt_name = file->name;
    }
    const std::string what = file
                                 ? fmt::format("{} as the receipt of {}", file->name, id_text(e.id))
                                 : fmt::format("Receipt added to {}", id_text(e.id));
    const bool asks = e.status == Status::needs_receipt;
    if (asks) {
        plan.result.messages.push_back(ask(ctx, with, id_text(e.id), e.approver, ""));
        plan.result.reply.text = fmt::format("{}{}; I've asked {} to approve it.",
                                             file ? "Attached " : "", what, mention(e.approver));
    } else {
        plan.result.messages.push_back(
            Message::dm(e.approver, fmt::format("FYI: {} added the receipt of {}: {}",
                                                mention(e.submitter), id_text(e.id), link)));
        plan.result.reply.text = fmt::format("{}{}.", file ? "Attached " : "", what);
    }
    plan.apply = [now = now_ms(ctx), e, with, asks](SQLite::Database& db) {
        if (!store::attach_receipt(db, e.id, with.receipt_url, with.receipt_file, with.receipt_name,
                                   now))
            throw Refusal(fmt::format("{} already has a receipt.", id_text(e.id)));
        if (asks && !store::move(db, e.id,
                                 {Status::needs_receipt, 1, Status::pending, 1, e.approver,
                                  e.submitter, "receipt added"},
                                 now))
            throw changed_meanwhile(e.id);
        trail(db, e.id, "receipt", to_string(e.status), asks ? Status::pending : e.status,
              e.submitter, with.receipt_name.empty() ? with.receipt_url : with.receipt_name, now);
        return Slots{};
    };
    return plan;
}

// A command given no id ("/expense cancel", "/expense receipt <link>"): the
// caller's expenses it applies to, each with the command (`then` after the
// id), or `none` when there are none.
Refusal which_expense(const Context& ctx, SQLite::Database& reads, std::string_view command,
                      std::string_view then, bool (*applies)(const store::Expense&),
                      std::string_view none, std::string_view usage) {
    std::string text;
    for (const auto& e :
         store::of_submitter(reads, ctx.user_id, core::unix_ms(ctx.now - date::days{kRecentDays})))
        if (applies(e))
            text += fmt::format("\n• {}: `/expense {} {}{}{}`", expense_line(e), command,
                                id_text(e.id), then.empty() ? "" : " ", then);
    if (text.empty()) return Refusal(fmt::format("Which expense? {}\n{}", none, usage));
    return Refusal("Which expense?" + text);
}

// ---- /expense receipt EXP-7 <link> -----------------------------------------

Plan receipt(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    constexpr std::string_view usage = "Usage: `/expense receipt EXP-7 <link>`";
    const auto [word, rest] = core::split_first_word(args);
    if (!core::parse_id(word))
        throw which_expense(ctx, reads, "receipt", is_link(word) ? word : "<link>",
                            waits_for_receipt, "None of yours waits for a receipt.", usage);
    const store::Expense e = find(reads, word, usage);
    if (e.submitter != ctx.user_id)
        throw Refusal(
            fmt::format("{} is not yours: only its submitter adds its receipt.", id_text(e.id)));
    const std::string link(core::trim(rest));
    if (link.empty() && !ctx.files.empty())
        return attach(ctx, e, ctx.files.front().permalink, &ctx.files.front());
    if (link.empty()) throw Refusal(fmt::format("Give the receipt's link.\n{}", usage));
    check_link(link, usage);
    return attach(ctx, e, link, nullptr);
}

// ---- /expense cancel EXP-7 -------------------------------------------------

Plan cancel(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    constexpr std::string_view usage = "Usage: `/expense cancel EXP-7`";
    const auto [word, rest] = core::split_first_word(args);
    if (!core::parse_id(word))
        throw which_expense(ctx, reads, "cancel", "", still_waiting,
                            "None of yours is still waiting, and only those can be cancelled.",
                            usage);
    const store::Expense e = find(reads, word, usage);
    if (e.submitter != ctx.user_id)
        throw Refusal(fmt::format("You have no expense {}. See `/expense list`.", id_text(e.id)));
    if (!still_waiting(e))
        throw Refusal(
            fmt::format("{} is already {}: only an expense still waiting can be "
                        "cancelled.",
                        id_text(e.id), to_string(e.status)));
    Plan plan;
    const std::string what = fmt::format("{} cancelled {} ({} {}).", mention(e.submitter),
                                         id_text(e.id), amount_text(e), e.category);
    if (e.status == Status::pending) {
        plan.result.messages.push_back(Message::update_buttons(
            id_text(e.id), what,
            blocks::render({blocks::section(summary(ctx, e, id_text(e.id))),
                            blocks::context("🚫 Cancelled by the submitter")})));
        plan.result.messages.push_back(Message::dm(e.approver, "FYI: " + what));
    }
    plan.result.reply.text = fmt::format("Cancelled {}.", id_text(e.id));
    plan.apply = [now = now_ms(ctx), e, note = std::string(rest)](SQLite::Database& db) {
        if (!store::move(
                db, e.id,
                {e.status, e.stage, Status::cancelled, e.stage, e.approver, e.submitter, note},
                now))
            throw changed_meanwhile(e.id);
        trail(db, e.id, "cancelled", to_string(e.status), Status::cancelled, e.submitter, note,
              now);
        return Slots{};
    };
    return plan;
}

}  // namespace

Plan handle(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    auto [word, rest] = core::split_first_word(args);
    if (word.empty() || word == "help")
        return Plan::answer(fmt::format("{}\n{}", kSubmitUsage, also(ctx, help_section())));
    if (word == "list") return views::list(ctx, reads);
    if (word == "pending") return views::pending(ctx, reads);
    if (word == "show") return views::show(ctx, rest, reads);
    if (word == "receipt") return receipt(ctx, rest, reads);
    if (word == "cancel") return cancel(ctx, rest, reads);
    if (word == "reimburse") return reimburse(ctx, rest, reads);
    if (word == "export") return views::export_month(ctx, rest, reads);
    if (auto refusal = mistyped("/expense", word, rest, core::IdKind::expense,
                                {{"show"}, {"receipt", " <link>"}, {"cancel"}, {"reimburse"}},
                                "`/expense list` shows your expenses."))
        throw *refusal;
    return submit(ctx, args, reads);
}

Plan shared_files(const Context& ctx, std::string_view, SQLite::Database& reads) {
    const auto latest =
        store::latest_without_receipt(reads, ctx.user_id, core::unix_ms(ctx.now - kFileWindow));
    if (!latest)
        return Plan::answer(
            "Thanks for the file. I attach a file as a receipt to an expense you submitted in the "
            "last 10 minutes without one; you have none. Send the expense with the file "
            "(`expense 42.50 meals lunch`) or add a link: `/expense receipt EXP-7 <link>`.");
    return attach(ctx, *latest, ctx.files.front().permalink, &ctx.files.front());
}

HelpSection help_section() {
    return {"Expenses",
            {{"/expense <amount> [currency] <category> <description> [receipt-link]",
              "submit an expense, e.g. `/expense 42.50 meals lunch with a client`"},
             {"/expense list", "my expenses of the last 90 days"},
             {"/expense receipt EXP-7 <link>", "add the receipt an expense waits for"},
             {"/expense cancel EXP-7", "withdraw an expense still waiting"},
             {"/expense pending", "expenses waiting for your approval", Audience::managers},
             {"/expense show EXP-7", "an expense and its history"},
             {"/expense reimburse EXP-7 [reference]", "mark an approved expense paid",
              Audience::bizops},
             {"/expense export [2026-11]",
              "a month's totals and its CSV file in your DM (the last month when none is named)",
              Audience::bizops_and_leads}}};
}

}  // namespace handlers::expense
