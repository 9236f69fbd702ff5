#pragma once
// A site's announcements (handlers/announce.hpp): scheduled, sent or
// cancelled. Their messages are outbox rows whose subject is "ANN-<id>",
// which is how their delivery is followed.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

namespace storage::announcement {

struct Announcement {
    std::int64_t id = 0;
    std::string site;
    std::string author;
    std::string text;
    std::string channel;      // the channel it goes to; empty for none
    bool dm = false;          // and to everyone of the site by DM
    std::string state;        // scheduled, sent, cancelled
    std::int64_t due_at = 0;  // when it goes, or went (UTC ms)
    std::int64_t created_at = 0;
    int messages = 0;            // outbox rows written when it went
    std::int64_t dms_until = 0;  // when its last DM is due (UTC ms); 0 without DMs
};

// How far its messages have gone.
struct Progress {
    int delivered = 0;
    int failed = 0;   // Slack refused them for good (dead rows)
    int waiting = 0;  // still in the outbox
};

// Writes `a` (its id is ignored) and returns its id.
std::int64_t add(SQLite::Database& db, const Announcement& a);
std::optional<Announcement> get(SQLite::Database& db, std::int64_t id);
// The scheduled ones of `site` due at or before `at_ms`, oldest first.
std::vector<Announcement> due(SQLite::Database& db, const std::string& site, std::int64_t at_ms);
// The scheduled ones of `sites`, soonest first.
std::vector<Announcement> scheduled(SQLite::Database& db, const std::vector<std::string>& sites);
// The others of `sites` that went (or were due) after `since_ms`, newest
// first, at most `limit` of them.
std::vector<Announcement> recent(SQLite::Database& db, const std::vector<std::string>& sites,
                                 std::int64_t since_ms, int limit);
// Marks a scheduled one sent at `at_ms` with its count of messages and the
// due time of its last DM; false when it is not scheduled any more.
bool mark_sent(SQLite::Database& db, std::int64_t id, std::int64_t at_ms, int messages,
               std::int64_t dms_until);
// Cancels a scheduled one; false when it is not scheduled any more.
bool cancel(SQLite::Database& db, std::int64_t id);
// When the last DM of any announcement is due (UTC ms); 0 for none.
std::int64_t dms_paced_until(SQLite::Database& db);
Progress progress(SQLite::Database& db, std::int64_t id);

}  // namespace storage::announcement
