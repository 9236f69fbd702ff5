// Money spent said in a DM ("I spent 45.50 on a taxi to the airport",
// "paid €12 for lunch with a candidate"): offered as the expense it would
// be, with a button that submits it. Nothing is submitted until the button
// is pressed. Not in a mention: the button would be anyone's.

#include <algorithm>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "core/dates.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/text.hpp"
#include "handlers/blocks.hpp"
#include "handlers/expense.hpp"
#include "handlers/expense_parts.hpp"

namespace handlers::expense {
namespace {

bool says_spent(const std::vector<std::string>& words) {
    static constexpr std::string_view kSpent[] = {"spent", "paid", "bought", "purchased"};
    return std::any_of(words.begin(), words.end(), [](const std::string& w) {
        return std::find(std::begin(kSpent), std::end(kSpent), w) != std::end(kSpent);
    });
}

// "20 minutes", "3 hours": a number of something other than money.
bool counts_something(std::string_view after) {
    static constexpr std::string_view kUnits[] = {"minutes", "mins",  "min",   "hours",
                                                  "hour",    "hrs",   "days",  "day",
                                                  "weeks",   "times", "pages", "people"};
    const std::string unit = core::split_first_word(after).first;
    return std::find(std::begin(kUnits), std::end(kUnits), unit) != std::end(kUnits);
}

// The one amount in `text`, read from any word on, with the words before
// and after it; nothing when there is none or more than one ("3 coffees for
// 9.60").
struct Spent {
    core::Money money;
    std::string_view before, after;
};
std::optional<Spent> the_amount_in(std::string_view text, const core::Currency& local) {
    std::optional<Spent> found;
    text = core::trim(text);
    for (std::string_view rest = text; !rest.empty(); rest = core::next_word(rest).second) {
        const auto parsed = core::parse_amount(rest, local);
        const auto* amount = std::get_if<core::ParsedAmount>(&parsed);
        if (!amount || counts_something(amount->rest)) continue;
        if (found) return std::nullopt;
        const auto at = static_cast<std::size_t>(rest.data() - text.data());
        found = Spent{amount->money, text.substr(0, at), amount->rest};
    }
    return found;
}

// `words` less the leading ones of `leads` and trailing punctuation.
std::string without(std::string_view words, std::initializer_list<std::string_view> leads) {
    for (bool more = true; more;) {
        const auto [word, after] = core::split_first_word(words);
        more = std::find(leads.begin(), leads.end(), word) != leads.end();
        if (more) words = after;
    }
    words = core::trim(words);
    while (!words.empty() &&
           std::string_view(".!,;:-").find(words.back()) != std::string_view::npos)
        words.remove_suffix(1);
    return std::string(core::trim(words));
}

// What it was for: the words after the amount ("on a taxi"), else those
// before it ("bought a new keyboard, 79.99"), less the spending.
std::string what_for(const Spent& spent) {
    std::string out = without(spent.after, {"on", "for", "at", "a", "an", "the"});
    if (out.empty())
        out = without(spent.before, {"i", "i've", "ive", "just", "have", "spent", "paid", "bought",
                                     "purchased", "a", "an", "the"});
    if (out.ends_with(" for")) out.resize(out.size() - 4);
    return out;
}

}  // namespace

std::optional<Plan> claim(const Context& ctx, std::string_view text, SQLite::Database& reads) {
    if (!ctx.caller || ctx.via_mention) return std::nullopt;
    // "Has EXP-7 been paid yet?": the expense, as `/expense show EXP-7`
    // shows it to whoever may see it.
    if (const auto id = core::first_id_in(text, core::IdKind::expense))
        return handle(ctx, "show " + id->text(), reads);
    if (core::is_question(text)) return std::nullopt;
    const auto words = core::lower_words(text);
    if (!says_spent(words)) return std::nullopt;
    const core::Currency& local = parts::currency_of(ctx.site);
    const auto spent = the_amount_in(text, local);
    if (!spent) return std::nullopt;
    const config::ExpenseCategory* category = nullptr;
    for (const auto& w : words)
        if ((category = config::category_named_by(ctx.cfg.expenses, w))) break;
    const std::string description = what_for(*spent);
    if (!category || description.empty()) return std::nullopt;

    const core::Money& money = spent->money;
    const std::string command =
        fmt::format("expense {}{} {} {}", core::plain_amount(money),
                    money.currency == &local ? "" : " " + std::string(money.currency->code),
                    category->name, description);
    // The day as the command will read it ("... on monday"), shown apart.
    std::string what = description;
    const date::local_days day = parts::spent_on(ctx, what);
    const std::string spent_day =
        day == ctx.today ? "" : ", spent " + core::format_span({day, day}, ctx.today) + ",";
    // Shown as typed (core::plain); the button carries the command itself.
    const std::string ask =
        fmt::format("Shall I submit {} {} ({}){} as an expense? You can also write `/{}`.",
                    core::format_money(money), category->name, core::plain(what), spent_day,
                    core::plain(command));
    Plan plan = Plan::answer(ask);
    plan.result.reply.blocks = blocks::render(
        {blocks::section(ask),
         blocks::actions("exp-claim", {blocks::button("Submit it", "exp.claim", command,
                                                      blocks::Style::primary)})});
    return plan;
}

}  // namespace handlers::expense
