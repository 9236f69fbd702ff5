#include "config/expenses.hpp"

#include <set>

#include "config/reader.hpp"
#include "core/text.hpp"

namespace config {
namespace {

using json = nlohmann::json;

// An amount as the file writes it: a JSON number (25, 25.5) or a string
// ("25.50"), kept as its decimal text.
void read_amount(Reader& r, const json& obj, const std::string& path, const char* key,
                 std::string& out) {
    r.expect(obj, path, key);
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return;
    if (it->is_number_integer() || it->is_number_unsigned() || it->is_number_float())
        out = it->dump();
    else if (it->is_string())
        out = it->get<std::string>();
    else
        r.problem(Reader::join(path, key) + ": expected an amount such as 25 or \"25.50\", got " +
                  it->type_name());
}

void check_amount(std::string_view key, std::string_view amount, const std::vector<Site>& sites,
                  bool sites_listed, std::vector<std::string>& problems) {
    for (std::size_t i = 0; i < sites.size(); ++i) {
        const core::Currency* currency = core::find_currency(sites[i].currency);
        if (!currency || core::major_to_minor(amount, *currency)) continue;
        const std::string site =
            sites_listed ? "sites[" + std::to_string(i) + "] (" + sites[i].id + ")" : "the site";
        problems.push_back(std::string(key) + ": \"" + std::string(amount) +
                           "\" is not an amount in " + std::string(currency->code) +
                           ", the currency of " + site + " (a positive number with at most " +
                           std::to_string(currency->digits) + " decimals)");
    }
}

}  // namespace

const ExpenseCategory* find_category(const Expenses& expenses, std::string_view name) {
    const std::string l = core::lower(name);
    for (const auto& c : expenses.categories)
        if (c.name == l) return &c;
    return nullptr;
}

std::int64_t minor_units(std::string_view major, const core::Currency& currency) {
    return core::major_to_minor(major, currency).value_or(0);
}

void read_expenses(Reader& r, const json& j, Expenses& expenses) {
    const std::string p = "expenses";
    read_amount(r, j, p, "receipt_above", expenses.receipt_above);
    read_amount(r, j, p, "second_approval_above", expenses.second_approval_above);
    read_amount(r, j, p, "ceiling", expenses.ceiling);
    if (const json* list = r.array(j, p, "categories")) {
        expenses.categories.clear();
        for (std::size_t i = 0; i < list->size(); ++i) {
            const json& c = (*list)[i];
            const std::string cp = "expenses.categories[" + std::to_string(i) + "]";
            if (!c.is_object()) {
                r.problem(cp + ": expected an object {\"name\": \"meals\", \"limit\": 60}");
                continue;
            }
            ExpenseCategory category;
            r.get(c, cp, "name", category.name);
            read_amount(r, c, cp, "limit", category.limit);
            expenses.categories.push_back(std::move(category));
        }
    }
}

void fill_defaults(Expenses& expenses) {
    if (!expenses.categories.empty()) return;
    expenses.categories = {{"meals", "60"},     {"travel", "500"},     {"lodging", "250"},
                           {"supplies", "150"}, {"equipment", "1500"}, {"team-events", "75"},
                           {"training", "1000"}};
}

void check_expenses(const Expenses& expenses, const std::vector<Site>& sites, bool sites_listed,
                    std::vector<std::string>& problems) {
    check_amount("expenses.receipt_above", expenses.receipt_above, sites, sites_listed, problems);
    check_amount("expenses.second_approval_above", expenses.second_approval_above, sites,
                 sites_listed, problems);
    check_amount("expenses.ceiling", expenses.ceiling, sites, sites_listed, problems);
    std::set<std::string> seen;
    for (std::size_t i = 0; i < expenses.categories.size(); ++i) {
        const auto& c = expenses.categories[i];
        const std::string cp = "expenses.categories[" + std::to_string(i) + "]";
        if (c.name.empty() || c.name != core::lower(c.name) ||
            c.name.find_first_of(" \t") != std::string::npos)
            problems.push_back(cp +
                               ".name: expected one lower-case word such as \"meals\", got \"" +
                               c.name + "\"");
        else if (!seen.insert(c.name).second)
            problems.push_back(cp + ".name: duplicate category \"" + c.name + "\"");
        if (!c.limit.empty()) check_amount(cp + ".limit", c.limit, sites, sites_listed, problems);
    }
}

}  // namespace config
