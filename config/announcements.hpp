#pragma once
// Announcements: where a site's go, and how fast they go out as DMs.
//
// Slack lets an app post about one message per second to a channel, with
// short bursts, and several hundred per minute across a workspace (each DM
// is its own channel). An announcement's DMs are spread at `dms_per_minute`
// so that one to the whole directory stays well within both and leaves room
// for everything else the bot sends.

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace config {

struct Announcements {
    // The channel of the sites that do not name their own
    // (sites[].announcements_channel); empty: those sites have none.
    std::string channel;
    // How many DMs of announcements go out per minute, all announcements
    // together: one every 60/dms_per_minute seconds.
    int dms_per_minute = 60;
};

class Reader;

void read_announcements(Reader& r, const nlohmann::json& j, Announcements& announcements);
void check_announcements(const Announcements& announcements, std::vector<std::string>& problems);

}  // namespace config
