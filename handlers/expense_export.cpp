// A month of expenses as CSV: sent by `/expense export` to the DM of who
// asked, beside the totals it answers with; written to a file by
// `sitelead-bot export expenses`.

#include <map>

#include <date/date.h>
#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/text.hpp"
#include "handlers/expense.hpp"
#include "handlers/expense_text.hpp"
#include "storage/audit.hpp"
#include "storage/expense_store.hpp"

namespace handlers::expense {
namespace {

namespace store = storage::expense;

std::string utc_text(std::int64_t at_ms) {
    return date::format(
        "%FT%RZ", date::floor<std::chrono::minutes>(
                      std::chrono::system_clock::time_point(std::chrono::milliseconds(at_ms))));
}

}  // namespace

std::optional<std::string> valid_month(std::string_view text) {
    const std::string t(core::trim(text));
    if (t.size() != 7 || t[4] != '-') return std::nullopt;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u})
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
    const int month = (t[5] - '0') * 10 + (t[6] - '0');
    if (month < 1 || month > 12) return std::nullopt;
    return t;
}

std::string export_csv(const config::Config& cfg, SQLite::Database& db, std::string_view month) {
    std::string out;
    core::append_csv_record(out, {"id", "spent_on", "submitter", "submitter_name", "site",
                                  "category", "description", "amount", "currency", "status",
                                  "approvals", "reimbursement_reference", "receipt", "flags"});
    for (const auto& e : store::of_month(db, month)) {
        std::string approvals;
        for (const auto& h : storage::audit::history(db, core::IdKind::expense, e.id)) {
            if (h.action != "approved" && h.action != "denied") continue;
            approvals +=
                fmt::format("{}{} by {} at {}{}", approvals.empty() ? "" : "; ", h.action, h.actor,
                            utc_text(h.at_ms), h.note.empty() ? "" : " (" + h.note + ")");
        }
        const config::Person* who = cfg.find_person(e.submitter);
        core::append_csv_record(
            out, {id_text(e.id), e.spent_on, e.submitter, who ? who->name : "", e.site, e.category,
                  e.description, core::plain_amount(money_of(e)), e.currency,
                  std::string(to_string(e.status)), approvals, e.reference,
                  e.receipt_url.empty() ? e.receipt_name : e.receipt_url, e.flags});
    }
    return out;
}

namespace views {

Plan export_month(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const config::Person& me = *ctx.caller;
    if (!me.is_site_lead() && !me.has_role(config::Role::bizops))
        throw Refusal("Only site leads and BizOps export expenses.");
    // Finance closes the month before: the one meant when none is named.
    const date::year_month_day today{ctx.today};
    const date::year_month last = date::year_month{today.year(), today.month()} - date::months{1};
    const auto month =
        core::trim(args).empty()
            ? std::optional(fmt::format("{:04}-{:02}", int(last.year()), unsigned(last.month())))
            : valid_month(args);
    if (!month)
        throw Refusal(fmt::format(
            "\"{}\" is not a month: write it as YYYY-MM, such as `/expense export {:04}-{:02}` "
            "(the last month when none is given).",
            core::trim(args), int(last.year()), unsigned(last.month())));
    const auto rows = store::of_month(reads, *month);
    if (rows.empty()) return Plan::answer(fmt::format("No expenses were spent in {}.", *month));
    // Per category and currency, of what was not denied or cancelled.
    std::map<std::pair<std::string, std::string>, std::int64_t> totals;
    std::size_t counted = 0;
    for (const auto& e : rows) {
        if (e.status == store::Status::denied || e.status == store::Status::cancelled) continue;
        totals[{e.category, e.currency}] += e.amount_minor;
        ++counted;
    }
    std::string text =
        fmt::format("Expenses spent in {}: {} ({} denied or cancelled not counted)\n", *month,
                    counted, rows.size() - counted);
    for (const auto& [key, minor] : totals)
        text += fmt::format("• {}: {}\n", key.first,
                            core::format_money({minor, core::find_currency(key.second)}));
    const std::string name = fmt::format("expenses-{}.csv", *month);
    text += fmt::format("The CSV, every expense with its approvals, is on its way to your DM: {}",
                        name);
    // Read here, on the io thread; the writer only queues the file with the
    // answer, so that nothing acknowledged is lost.
    Plan plan = Plan::answer(std::move(text));
    plan.result.messages.push_back(
        core::Message::file(me.slack_id, name, export_csv(ctx.cfg, reads, *month),
                            fmt::format("Expenses spent in {}: {} ({} counted in the totals).",
                                        *month, rows.size(), counted)));
    plan.apply = [](SQLite::Database&) { return Slots{}; };
    return plan;
}

}  // namespace views
}  // namespace handlers::expense
