#include "config/pto.hpp"

#include "config/reader.hpp"
#include "core/text.hpp"

namespace config {

using json = nlohmann::json;

using core::lower;

const LeaveType* find_leave_type(const Pto& pto, std::string_view name) {
    const std::string l = lower(name);
    for (const auto& t : pto.types)
        if (t.name == l) return &t;
    return nullptr;
}

double allowance_of(const Person& p, const LeaveType& type) {
    if (auto it = p.allowances.find(type.name); it != p.allowances.end()) return it->second;
    return type.allowance ? *type.allowance : -1.0;
}

std::set<std::string> leave_type_names(const Pto& pto) {
    std::set<std::string> names;
    for (const auto& t : pto.types) names.insert(t.name);
    return names;
}

void read_pto(Reader& r, const json& j, Pto& pto) {
    const std::string p = "pto";
    r.get(j, p, "default_type", pto.default_type);
    r.get(j, p, "max_request_days", pto.max_request_days);
    r.get(j, p, "slack_status", pto.slack_status);
    if (const json* types = r.array(j, p, "types")) {
        pto.types.clear();
        for (std::size_t i = 0; i < types->size(); ++i) {
            const json& t = (*types)[i];
            const std::string tp = "pto.types[" + std::to_string(i) + "]";
            if (!t.is_object()) {
                r.problem(tp + ": expected an object {\"name\": ..., \"allowance\": ...}");
                continue;
            }
            LeaveType lt;
            r.get(t, tp, "name", lt.name);
            // Anything below zero, like null or an absent key, leaves the type unlimited.
            double allowance = -1;
            r.get(t, tp, "allowance", allowance);
            if (allowance >= 0) lt.allowance = allowance;
            r.get(t, tp, "needs_approval", lt.needs_approval);
            r.get(t, tp, "status_emoji", lt.status_emoji);
            r.get(t, tp, "status_text", lt.status_text);
            pto.types.push_back(std::move(lt));
        }
    }
}

void fill_defaults(Pto& pto) {
    if (!pto.types.empty()) return;
    pto.types = {{"vacation", 20.0, true}, {"personal", 3.0, true}, {"sick", std::nullopt, false}};
}

void check_pto(const Pto& pto, std::vector<std::string>& problems) {
    auto add = [&](std::string p) { problems.push_back(std::move(p)); };
    std::set<std::string> seen;
    for (std::size_t i = 0; i < pto.types.size(); ++i) {
        const auto& t = pto.types[i];
        const std::string tp = "pto.types[" + std::to_string(i) + "]";
        if (t.name.empty()) add(tp + ".name: must not be empty");
        if (t.name != lower(t.name)) add(tp + ".name: must be lower case");
        if (!seen.insert(t.name).second) add(tp + ".name: duplicate leave type \"" + t.name + "\"");
        const auto& e = t.status_emoji;
        if (e.size() < 3 || e.front() != ':' || e.back() != ':' ||
            e.find_first_of(" :", 1) != e.size() - 1)
            add(tp + ".status_emoji: expected an emoji code such as \":palm_tree:\", got \"" + e +
                "\"");
        // Slack's limit on a status text.
        const auto characters = core::utf8_characters(t.status_text);
        if (characters == 0 || characters > 100)
            add(tp + ".status_text: expected 1 to 100 characters, such as \"Out of office\"");
    }
    if (!seen.count(pto.default_type))
        add("pto.default_type: \"" + pto.default_type + "\" is not one of pto.types");
    if (pto.max_request_days < 1 || pto.max_request_days > kLongestRequestDays)
        add("pto.max_request_days: must be between 1 and " + std::to_string(kLongestRequestDays));
}

}  // namespace config
