#include "config/office.hpp"

#include <array>
#include <cctype>
#include <set>

#include "config/reader.hpp"
#include "core/names.hpp"
#include "core/text.hpp"

namespace config {
namespace {

using json = nlohmann::json;

constexpr core::Names<Priority, 4> kPriorityNames{{"low", "normal", "high", "urgent"}};

void read_words(Reader& r, const json& j, const std::string& path, const char* key,
                std::vector<std::string>& out) {
    std::vector<std::string> words;
    r.get(j, path, key, words);
    if (words.empty()) return;
    out.clear();
    for (auto& w : words) out.push_back(core::lower(core::trim(w)));
}

void read_response(Reader& r, const json& j, const std::string& path, const char* key,
                   ResponseTime& out) {
    std::string text;
    r.get(j, path, key, text);
    if (text.empty()) return;
    if (auto t = parse_response_time(text))
        out = *t;
    else
        r.problem(Reader::join(path, key) +
                  ": expected a time such as \"30 minutes\", \"4 "
                  "working hours\" or \"1 working day\", got \"" +
                  text + "\"");
}

}  // namespace

std::string_view to_string(Priority p) {
    return kPriorityNames.of(p);
}

std::optional<Priority> parse_priority(std::string_view name) {
    return kPriorityNames.find(core::lower(name));
}

std::chrono::minutes ResponseTime::length(std::chrono::minutes working_day) const {
    switch (unit) {
        case Unit::minutes:
            return std::chrono::minutes(count);
        case Unit::hours:
        case Unit::working_hours:
            return std::chrono::hours(count);
        case Unit::working_days:
            return working_day * count;
    }
    return std::chrono::minutes(count);
}

std::string Office::label_of(std::string_view name) const {
    for (const auto& c : categories)
        if (c.name == name && !c.label.empty()) return c.label;
    std::string label(name);
    if (!label.empty())
        label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    return label;
}

const ResponseTime& Office::response(Priority p) const {
    switch (p) {
        case Priority::urgent:
            return urgent;
        case Priority::high:
            return high;
        case Priority::low:
            return low;
        case Priority::normal:
            break;
    }
    return normal;
}

std::optional<ResponseTime> parse_response_time(std::string_view text) {
    const auto [number, rest] = core::next_word(text);
    if (number.empty() || number.size() > 4 ||
        number.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    const int count = std::stoi(std::string(number));
    if (count <= 0) return std::nullopt;
    const std::string unit = core::lower(rest);
    using Unit = ResponseTime::Unit;
    for (const auto& [names, u] :
         {std::pair{std::array<std::string_view, 2>{"minute", "minutes"}, Unit::minutes},
          std::pair{std::array<std::string_view, 2>{"hour", "hours"}, Unit::hours},
          std::pair{std::array<std::string_view, 2>{"working hour", "working hours"},
                    Unit::working_hours},
          std::pair{std::array<std::string_view, 2>{"working day", "working days"},
                    Unit::working_days}})
        if (unit == names[0] || unit == names[1]) return ResponseTime{count, u};
    return std::nullopt;
}

void read_office(Reader& r, const json& j, Office& office) {
    const std::string p = "office";
    r.get(j, p, "webhook_url", office.webhook_url);
    read_words(r, j, p, "urgent_words", office.urgent_words);
    read_words(r, j, p, "high_words", office.high_words);
    read_words(r, j, p, "low_words", office.low_words);
    if (const json* times = r.object(j, p, "respond_within")) {
        const std::string tp = p + ".respond_within";
        read_response(r, *times, tp, "urgent", office.urgent);
        read_response(r, *times, tp, "high", office.high);
        read_response(r, *times, tp, "normal", office.normal);
        read_response(r, *times, tp, "low", office.low);
    }
    if (const json* list = r.array(j, p, "categories")) {
        office.categories.clear();
        for (std::size_t i = 0; i < list->size(); ++i) {
            const json& c = (*list)[i];
            const std::string cp = p + ".categories[" + std::to_string(i) + "]";
            if (!c.is_object()) {
                r.problem(cp + ": expected an object {\"name\": \"it\", \"words\": [...]}");
                continue;
            }
            OfficeCategory category;
            r.get(c, cp, "name", category.name);
            read_words(r, c, cp, "words", category.words);
            r.get(c, cp, "label", category.label);
            office.categories.push_back(std::move(category));
        }
    }
}

void fill_defaults(Office& office) {
    if (office.categories.empty())
        office.categories = {
            {"safety",
             {"smoke", "fire", "gas", "injured", "injury", "hurt", "fell", "alarm", "hazard",
              "spill", "broken glass", "shock", "sparks", "extinguisher", "first aid", "unsafe",
              "trip hazard"}},
            {"access",
             {"badge", "key", "keycard", "card reader", "locked out", "door code", "access", "gate",
              "parking", "fob", "entry", "cant get in", "can't get in"}},
            {"it",
             {"printer", "wifi",     "wi-fi",     "network", "internet", "laptop",
              "monitor", "screen",   "projector", "vpn",     "email",    "keyboard",
              "mouse",   "password", "tv",        "hdmi",    "zoom",     "computer",
              "dock",    "headset",  "phone",     "ethernet"},
             "IT"},
            {"supplies",
             {"paper",  "printer paper", "toner",        "toner low", "low on",  "running low",
              "ink",    "pens",          "coffee beans", "milk",      "snacks",  "soap",
              "towels", "notebooks",     "cups",         "ran out",   "run out", "out of",
              "refill", "restock",       "stationery",   "tea",       "sugar",   "batteries"}},
            {"facilities",
             {"leak",       "leaking",        "sink",   "tap",     "toilet",  "bathroom",
              "door",       "light",          "lights", "heating", "air con", "aircon",
              "ac",         "window",         "chair",  "desk",    "kitchen", "fridge",
              "dishwasher", "coffee machine", "flood",  "cold",    "hot",     "noise",
              "elevator",   "lift",           "blinds", "power",   "socket",  "clean",
              "dirty",      "smell"}},
        };
    if (office.urgent_words.empty())
        office.urgent_words = {"leak",    "leaking",  "flood",     "flooding",
                               "smoke",   "on fire",  "a fire",    "fire alarm",
                               "gas",     "no power", "power out", "locked out",
                               "injured", "injury",   "sparks",    "electric shock"};
    if (office.high_words.empty())
        office.high_words = {"broken", "not working", "doesnt work", "doesn't work", "down",
                             "cant",   "can't",       "cannot",      "stuck",        "urgent",
                             "asap",   "dead",        "not opening", "wont open",    "won't open"};
    if (office.low_words.empty())
        office.low_words = {"when you can",  "no rush",      "whenever", "suggestion",
                            "would be nice", "low priority", "sometime"};
}

void check_office(const Office& office, std::vector<std::string>& problems) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < office.categories.size(); ++i) {
        const auto& c = office.categories[i];
        const std::string cp = "office.categories[" + std::to_string(i) + "]";
        if (c.name.empty() || c.name != core::lower(c.name) ||
            c.name.find_first_of(" \t#") != std::string::npos)
            problems.push_back(cp + ".name: expected one lower-case word such as \"it\", got \"" +
                               c.name + "\"");
        else if (c.name == "other")
            problems.push_back(cp +
                               ".name: \"other\" is what matches no category; name it "
                               "otherwise");
        else if (!seen.insert(c.name).second)
            problems.push_back(cp + ".name: duplicate category \"" + c.name + "\"");
        if (c.words.empty()) problems.push_back(cp + ".words: list at least one word");
    }
    if (!office.webhook_url.empty() && !office.webhook_url.starts_with("https://") &&
        !office.webhook_url.starts_with("http://"))
        problems.push_back("office.webhook_url: expected an http(s) address, got \"" +
                           office.webhook_url + "\"");
}

}  // namespace config
