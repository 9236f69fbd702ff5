#pragma once
// Office issues: the categories a ticket falls in and the words that say
// so, the priorities with the words that raise them and how soon BizOps
// must respond, and the optional webhook every change is sent to.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace config {

enum class Priority { low, normal, high, urgent };
std::string_view to_string(Priority p);
std::optional<Priority> parse_priority(std::string_view name);

struct OfficeCategory {
    std::string name;                // "facilities", "it", ... one lower-case word
    std::vector<std::string> words;  // lower case; a phrase may have spaces ("no power")
    std::string label = {};          // as shown ("IT"); empty: the name, capitalised
};

// How soon BizOps must respond: wall-clock time, or working time at the
// ticket's site (a working day is the length of that site's working hours).
struct ResponseTime {
    enum class Unit { minutes, hours, working_hours, working_days };
    int count = 0;
    Unit unit = Unit::working_hours;

    bool working_time() const { return unit == Unit::working_hours || unit == Unit::working_days; }
    // The time to count: wall clock, or working time given a working day's length.
    std::chrono::minutes length(std::chrono::minutes working_day) const;
};

struct Office {
    std::vector<OfficeCategory> categories;  // a report matching none is "other"
    std::vector<std::string> urgent_words;   // any of them: urgent
    std::vector<std::string> high_words;     // else any of them: high
    std::vector<std::string> low_words;      // else any of them: low
    ResponseTime urgent{30, ResponseTime::Unit::minutes};
    ResponseTime high{4, ResponseTime::Unit::working_hours};
    ResponseTime normal{1, ResponseTime::Unit::working_days};
    ResponseTime low{3, ResponseTime::Unit::working_days};
    std::string webhook_url;  // empty: none

    const ResponseTime& response(Priority p) const;
    // Category `name` as people read it: its label, "Facilities" for
    // "facilities", "Other" for "other". The name stays what is typed (#it).
    std::string label_of(std::string_view name) const;
};

class Reader;

void read_office(Reader& r, const nlohmann::json& j, Office& office);
// Facilities, IT, supplies, access and safety with their words, and the
// priority words, when the file gives none.
void fill_defaults(Office& office);
void check_office(const Office& office, std::vector<std::string>& problems);

// "30 minutes", "4 hours" (wall clock), "4 working hours", "1 working day";
// nothing for anything else.
std::optional<ResponseTime> parse_response_time(std::string_view text);

}  // namespace config
