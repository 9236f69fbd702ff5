#pragma once
// The office itself: its name, its time zone, its calendar and its currency.

#include <string>
#include <vector>

#include <date/date.h>
#include <nlohmann/json_fwd.hpp>

#include "core/calendar.hpp"

namespace config {

using Holiday = core::Holiday;

struct Site {
    std::string name = "Office";
    std::string time_zone = "UTC";
    std::vector<date::weekday> working_days;  // default Monday to Friday
    std::vector<Holiday> holidays;
    std::string currency = "USD";

    core::Calendar calendar() const { return core::Calendar(working_days, holidays); }
};

class Reader;

void read_site(Reader& r, const nlohmann::json& j, Site& s);
// Monday to Friday when no working day is named; an empty week would make
// every day a day off.
void fill_defaults(Site& s);
void check_site(const Site& s, std::vector<std::string>& problems);

}  // namespace config
