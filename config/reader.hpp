#pragma once
// What every section reads its keys with. Not part of config.hpp: it needs all
// of nlohmann/json, which the code that only uses a Config does not.

#include <chrono>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

namespace config {

// Reads typed values out of a JSON object and collects, instead of throwing,
// every problem with the dotted key it belongs to. It remembers the keys it
// was asked for, so that a key nobody reads (a misspelling, most likely) is
// reported too instead of silently keeping a default.
class Reader {
public:
    using json = nlohmann::json;

    Reader(std::vector<std::string>& problems) : problems_(problems) {}

    template <typename T>
    void get(const json& obj, const std::string& path, const char* key, T& out) {
        expect(obj, path, key);
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return;
        // Checked first: nlohmann turns true into 1 and 2.5 into 2 without a word.
        if (fits<T>(*it)) {
            try {
                out = it->get<T>();
                return;
            } catch (const json::exception&) {
            }
        }
        problems_.push_back(join(path, key) + ": expected " + kind<T>() + ", got " +
                            (it->is_number() ? it->dump() : std::string(it->type_name())));
    }

    void seconds(const json& obj, const std::string& path, const char* key,
                 std::chrono::seconds& out);
    const json* object(const json& obj, const std::string& path, const char* key);
    const json* array(const json& obj, const std::string& path, const char* key);

    void problem(std::string p) { problems_.push_back(std::move(p)); }

    // `key` is one `obj` (at `path`) may hold.
    void expect(const json& obj, const std::string& path, const char* key);

    // One problem for every key of a read object that nothing asked for.
    void report_unknown_keys();

    static std::string join(const std::string& path, const char* key) {
        return path.empty() ? std::string(key) : path + "." + key;
    }

private:
    // obj[key] when it is of `type`; null when absent or null, or (noted as
    // a problem) of another type.
    const json* member(const json& obj, const std::string& path, const char* key,
                       json::value_t type);

    struct Expected {
        const json* obj;
        std::string path;
        std::set<std::string> keys;
    };
    std::vector<Expected> expected_;  // in the order the objects were read
    std::map<const json*, std::size_t> index_;

    template <typename T>
    static const char* kind() {
        if constexpr (std::is_same_v<T, std::string>)
            return "a string";
        else if constexpr (std::is_same_v<T, bool>)
            return "true or false";
        else if constexpr (std::is_unsigned_v<T>)
            return "a whole number of at least 0";
        else if constexpr (std::is_integral_v<T>)
            return "a whole number";
        else if constexpr (std::is_arithmetic_v<T>)
            return "a number";
        else
            return "a list of strings";
    }

    template <typename T>
    static bool fits(const json& v) {
        if constexpr (std::is_same_v<T, bool>)
            return v.is_boolean();
        else if constexpr (std::is_unsigned_v<T>)
            return v.is_number_unsigned();
        else if constexpr (std::is_integral_v<T>)
            return v.is_number_integer();
        else if constexpr (std::is_arithmetic_v<T>)
            return v.is_number();
        else
            return true;  // strings and lists: get<T> checks them
    }

    std::vector<std::string>& problems_;
};

}  // namespace config
