#pragma once
// Expenses: the categories people file under, each with its per-item limit,
// and the amounts that ask for a receipt, a second approval, or a refusal.
// Amounts are written in the site currency's major units ("500", "25.50")
// and turned into each site's minor units where they are used, so one file
// serves a Lisbon office in euros and a London studio in pounds.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "config/site.hpp"
#include "core/money.hpp"

namespace config {

struct ExpenseCategory {
    std::string name;   // lower case, one word: what people type ("meals")
    std::string limit;  // per item, in major units; empty: none
    // Lower-case words people write instead of the name ("taxi" for travel).
    std::vector<std::string> words;
};

struct Expenses {
    std::vector<ExpenseCategory> categories;
    std::string receipt_above = "25";            // a receipt is needed above this
    std::string second_approval_above = "1000";  // a site lead approves after the manager
    std::string ceiling = "10000";               // refused above this
};

// By name, in any case.
const ExpenseCategory* find_category(const Expenses& expenses, std::string_view name);
// The category one of whose words `word` is, in any case ("Taxi": travel).
const ExpenseCategory* category_of_word(const Expenses& expenses, std::string_view word);
// The category `word` names: by its name, else by one of its words.
const ExpenseCategory* category_named_by(const Expenses& expenses, std::string_view word);
// `major` (one of the amounts above) in `currency`'s minor units; check-config
// made sure each converts for every site's currency.
std::int64_t minor_units(std::string_view major, const core::Currency& currency);

class Reader;

void read_expenses(Reader& r, const nlohmann::json& j, Expenses& expenses);
// Meals, travel, lodging, supplies, equipment, team-events and training when
// the file lists none; a category of one of those names that lists no words
// gets its usual ones ("lunch", "taxi", "hotel", ...).
void fill_defaults(Expenses& expenses);
void check_expenses(const Expenses& expenses, const std::vector<Site>& sites, bool sites_listed,
                    std::vector<std::string>& problems);

}  // namespace config
