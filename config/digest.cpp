#include "config/digest.hpp"

#include "config/reader.hpp"
#include "core/dates.hpp"

namespace config {

void read_digest(Reader& r, const nlohmann::json& j, Digest& digest) {
    const std::string p = "digest";
    std::string time;
    r.get(j, p, "time", time);
    if (!time.empty()) {
        if (auto t = core::parse_time_of_day(time))
            digest.time = *t;
        else
            r.problem("digest.time: expected a time as HH:MM (24-hour), e.g. \"08:30\", got \"" +
                      time + "\"");
    }
    r.get(j, p, "managers", digest.managers);
    r.get(j, p, "unreimbursed_after_days", digest.unreimbursed_after_days);
}

void check_digest(const Digest& digest, std::vector<std::string>& problems) {
    if (digest.unreimbursed_after_days < 1 || digest.unreimbursed_after_days > 250)
        problems.push_back(
            "digest.unreimbursed_after_days: expected a number of working days from 1 to 250, "
            "got " +
            std::to_string(digest.unreimbursed_after_days));
}

}  // namespace config
