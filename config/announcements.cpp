#include "config/announcements.hpp"

#include "config/reader.hpp"

namespace config {

void read_announcements(Reader& r, const nlohmann::json& j, Announcements& announcements) {
    const std::string p = "announcements";
    r.get(j, p, "channel", announcements.channel);
    r.get(j, p, "dms_per_minute", announcements.dms_per_minute);
}

void check_announcements(const Announcements& announcements, std::vector<std::string>& problems) {
    if (announcements.dms_per_minute < 1 || announcements.dms_per_minute > 6000)
        problems.push_back(
            "announcements.dms_per_minute: expected a number of DMs per minute from 1 to 6000 "
            "(Slack takes several hundred a minute from an app; 60 leaves room for the rest), "
            "got " +
            std::to_string(announcements.dms_per_minute));
}

}  // namespace config
