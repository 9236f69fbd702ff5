#include "config/expenses.hpp"

#include <algorithm>
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

// What people write instead of the usual categories' names.
std::vector<std::string> usual_words(std::string_view category) {
    if (category == "meals")
        return {"meal",   "lunch",  "dinner",     "breakfast", "brunch",  "food",
                "coffee", "drinks", "restaurant", "takeaway",  "takeout", "catering"};
    if (category == "travel")
        return {"taxi",   "cab",     "uber", "lyft",  "train",  "trains", "flight",   "flights",
                "plane",  "airfare", "bus",  "metro", "subway", "tube",   "parking",  "fuel",
                "petrol", "mileage", "toll", "tolls", "ferry",  "fare",   "transport"};
    if (category == "lodging")
        return {"hotel", "hotels", "hostel", "airbnb", "accommodation", "motel"};
    if (category == "supplies")
        return {"stationery", "paper", "pens", "notebooks", "toner", "ink", "postage", "stamps"};
    if (category == "equipment")
        return {"laptop", "monitor", "keyboard", "mouse", "headset", "headphones",
                "webcam", "chair",   "desk",     "dock",  "charger", "cable"};
    if (category == "team-events")
        return {"offsite", "party", "teambuilding", "team-building", "outing", "celebration"};
    if (category == "training")
        return {"course", "courses", "conference",    "workshop", "seminar",
                "book",   "books",   "certification", "exam",     "tuition"};
    return {};
}

}  // namespace

const ExpenseCategory* find_category(const Expenses& expenses, std::string_view name) {
    const std::string l = core::lower(name);
    for (const auto& c : expenses.categories)
        if (c.name == l) return &c;
    return nullptr;
}

const ExpenseCategory* category_of_word(const Expenses& expenses, std::string_view word) {
    // As written in a sentence: "lunch," is lunch.
    const std::string l = core::lower(word.substr(0, word.find_last_not_of(".,;:!?") + 1));
    for (const auto& c : expenses.categories)
        if (std::find(c.words.begin(), c.words.end(), l) != c.words.end()) return &c;
    return nullptr;
}

const ExpenseCategory* category_named_by(const Expenses& expenses, std::string_view word) {
    const ExpenseCategory* named = find_category(expenses, word);
    return named ? named : category_of_word(expenses, word);
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
            r.get(c, cp, "words", category.words);
            for (auto& w : category.words) w = core::lower(core::trim(w));
            expenses.categories.push_back(std::move(category));
        }
    }
}

void fill_defaults(Expenses& expenses) {
    if (expenses.categories.empty())
        expenses.categories = {{"meals", "60", {}},       {"travel", "500", {}},
                               {"lodging", "250", {}},    {"supplies", "150", {}},
                               {"equipment", "1500", {}}, {"team-events", "75", {}},
                               {"training", "1000", {}}};
    for (auto& c : expenses.categories)
        if (c.words.empty()) c.words = usual_words(c.name);
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
        else if (!seen.insert(c.name).second) {
            problems.push_back(cp + ".name: duplicate category \"" + c.name + "\"");
            continue;  // its words are the first one's
        }
        if (!c.limit.empty()) check_amount(cp + ".limit", c.limit, sites, sites_listed, problems);
        for (const auto& w : c.words) {
            const ExpenseCategory* other = category_of_word(expenses, w);
            if (w.empty() || w.find_first_of(" \t") != std::string::npos)
                problems.push_back(cp + ".words: expected one word each, such as \"taxi\", got \"" +
                                   w + "\"");
            else if (find_category(expenses, w))
                problems.push_back(cp + ".words: \"" + w + "\" is the name of a category");
            else if (other != &c)
                problems.push_back(cp + ".words: \"" + w + "\" is already a word of " +
                                   other->name);
        }
    }
}

}  // namespace config
