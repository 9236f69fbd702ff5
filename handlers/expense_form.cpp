// The expense form: `/expense` with nothing after it, or the Home tab's
// button, opens it; a submission is the expense `/expense <amount>
// <currency> <category> <description> [receipt] on <date>` would submit.

#include <fmt/format.h>

#include "core/dates.hpp"
#include "core/money.hpp"
#include "handlers/blocks.hpp"
#include "handlers/expense.hpp"
#include "handlers/expense_parts.hpp"

namespace handlers::expense {
namespace {

// The site's currency first, then the other sites', then the usual three.
std::vector<blocks::Option> currencies(const Context& ctx) {
    std::vector<blocks::Option> out;
    const auto add = [&](std::string_view code) {
        for (const auto& o : out)
            if (o.value == code) return;
        if (core::find_currency(code)) out.push_back({std::string(code), std::string(code)});
    };
    add(parts::currency_of(ctx.site).code);
    for (const auto& s : ctx.cfg.sites) add(s.currency);
    for (const char* code : {"EUR", "USD", "GBP"}) add(code);
    return out;
}

std::string open(const Context& ctx, std::string_view, const Prefill&, SQLite::Database&) {
    std::vector<blocks::Option> categories;
    for (const auto& c : ctx.cfg.expenses.categories) categories.push_back({c.name, c.name});
    const std::string receipt_above = parts::limit_text(ctx.cfg.expenses.receipt_above, ctx.site);
    return blocks::modal(
        "expense", "Submit an expense", "Submit", "",
        {blocks::input("amount", "Amount", blocks::text_input("amount", {false, "", "42.50", 20})),
         blocks::input("currency", "Currency",
                       blocks::select("currency", "Currency", currencies(ctx),
                                      parts::currency_of(ctx.site).code)),
         blocks::input("category", "Category",
                       blocks::select("category", "Choose a category", categories, "")),
         blocks::input("date", "Spent on", blocks::date_picker("date", core::iso(ctx.today))),
         blocks::input(
             "description", "What was it for?",
             blocks::text_input("description", {true, "", "Team lunch with a client", 500})),
         blocks::input("receipt", "Receipt link", blocks::url_input("receipt", "https://"), true,
                       fmt::format("Needed above {}. You can also share the file in a DM with "
                                   "me afterwards.",
                                   receipt_above))});
}

std::variant<std::string, FieldErrors> read(const Context& ctx, const Values& values,
                                            std::string_view) {
    FieldErrors errors;
    const core::Currency* currency = core::find_currency(value_of(values, "currency"));
    if (!currency) errors["currency"] = "Choose a currency.";
    std::string amount;
    if (currency) {
        auto parsed = core::parse_amount(value_of(values, "amount"), *currency);
        if (const auto* error = std::get_if<std::string>(&parsed)) {
            errors["amount"] = field_message(*error);
        } else {
            const auto& [money, rest] = std::get<core::ParsedAmount>(parsed);
            if (!rest.empty())
                errors["amount"] = "Write only the amount, such as 42.50.";
            else if (money.currency != currency)
                errors["amount"] =
                    fmt::format("That amount is in {}, but the currency chosen is {}.",
                                money.currency->code, currency->code);
            else
                amount = core::plain_amount(money) + " " + std::string(currency->code);
        }
    }
    const std::string category = value_of(values, "category");
    if (!config::find_category(ctx.cfg.expenses, category))
        errors["category"] = "Choose a category.";
    const auto day = core::parse_iso(value_of(values, "date"));
    if (!day) errors["date"] = "Pick the day it was spent.";
    const std::string description = value_of(values, "description");
    if (description.empty()) errors["description"] = "Say what it was for.";
    // One link, which the command checks as it checks a typed one.
    const std::string receipt = value_of(values, "receipt");
    if (!receipt.empty() && (receipt.find_first_of(" \t\n") != std::string::npos ||
                             !(receipt.starts_with("https://") || receipt.starts_with("http://"))))
        errors["receipt"] = fmt::format(
            "`{}` is not a web address I can link to: give the receipt's full link, such as "
            "https://example.com/receipt.pdf",
            receipt);
    if (!errors.empty()) return errors;

    std::string line = amount + " " + category + " " + description;
    if (!receipt.empty()) line += " " + receipt;
    return line + " on " + core::iso(*day);
}

}  // namespace

const Form form{.open = open,
                .read = read,
                .fields = {"amount", "currency", "category", "date", "description", "receipt"},
                .button = "Submit an expense"};

}  // namespace handlers::expense
