#pragma once
// Announcements (issue "The site lead's day"): a site lead or an admin tells
// a site something. `/sitelead announce <text>` posts it to the site's
// announcements channel; `--dm` also sends it to everyone of the site by DM;
// `--at "2026-12-01 09:00"` schedules it for that local time of the site.
// `/sitelead announcements` lists the scheduled ones and those that went
// out lately, each with how far its delivery has got, and `cancel ANN-n`
// takes back one that is still scheduled.
//
// The DMs go through the outbox like every other message, spread at
// announcements.dms_per_minute across all announcements (config/
// announcements.hpp): each is due one interval after the one before, after
// the last DM of any earlier announcement. Other messages are not held up
// by them, and a 429 from Slack holds every send for its Retry-After and
// then resumes. Nothing is dropped: every DM is an outbox row, sent or, if
// Slack refuses it for good (a deactivated account), counted as failed.

#include <chrono>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "handlers/blocks.hpp"
#include "handlers/context.hpp"
#include "handlers/help.hpp"

namespace handlers::announce {

// `/sitelead announce [--dm] [--at "YYYY-MM-DD HH:MM"] [--site ID] <text>`
Plan announce(const Context& ctx, std::string_view args, SQLite::Database& reads);
// `/sitelead announcements [cancel ANN-n]`
Plan announcements(const Context& ctx, std::string_view args, SQLite::Database& reads);

// The scheduler's "announcements" job at `site`, every minute: the
// scheduled announcements due by `due` go out, each once.
std::vector<Message> send_due(const config::Config& cfg, const config::Site& site,
                              SQLite::Database& db, std::chrono::system_clock::time_point due);

std::vector<HelpLine> help_lines();
// A site lead's Home tab: the announcements scheduled for their sites, each
// with a Cancel button (`/sitelead announcements cancel ANN-n`).
void home(const Context& ctx, SQLite::Database& reads, std::vector<blocks::Block>& out);

}  // namespace handlers::announce
