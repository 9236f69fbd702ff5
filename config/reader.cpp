#include "config/reader.hpp"

namespace config {

void Reader::seconds(const json& obj, const std::string& path, const char* key,
                     std::chrono::seconds& out) {
    long long v = out.count();
    get(obj, path, key, v);
    if (v <= 0) problems_.push_back(join(path, key) + ": must be a positive number of seconds");
    out = std::chrono::seconds(v);
}

const Reader::json* Reader::object(const json& obj, const std::string& path, const char* key) {
    return member(obj, path, key, json::value_t::object);
}

const Reader::json* Reader::array(const json& obj, const std::string& path, const char* key) {
    return member(obj, path, key, json::value_t::array);
}

const Reader::json* Reader::member(const json& obj, const std::string& path, const char* key,
                                   json::value_t type) {
    expect(obj, path, key);
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    if (it->type() != type) {
        problems_.push_back(join(path, key) + ": expected an " + json(type).type_name() + ", got " +
                            it->type_name());
        return nullptr;
    }
    return &*it;
}

void Reader::expect(const json& obj, const std::string& path, const char* key) {
    auto [at, added] = index_.emplace(&obj, expected_.size());
    if (added) expected_.push_back({&obj, path, {}});
    expected_[at->second].keys.insert(key);
}

void Reader::report_unknown_keys() {
    for (const auto& [obj, path, keys] : expected_) {
        for (auto it = obj->begin(); it != obj->end(); ++it) {
            if (keys.count(it.key())) continue;
            std::string known;
            for (const auto& k : keys) known += (known.empty() ? "" : ", ") + k;
            problems_.push_back(join(path, it.key().c_str()) + ": unknown key; the keys here are " +
                                known);
        }
    }
}

}  // namespace config
