#pragma once
// Office tickets in SQLite: the ticket, its followers, and a full-text index
// (FTS5, Porter stems) of the open ones' descriptions for finding repeats.
// Timestamps Unix ms UTC. Every function runs on the caller's connection, in
// the caller's transaction; the audit trail is storage/audit.hpp's.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

namespace storage::office {

enum class Status { open, acknowledged, resolved, closed };
std::string_view to_string(Status s);
// Throws std::invalid_argument for a value the schema does not allow.
Status parse_status(std::string_view s);

struct Ticket {
    std::int64_t id = 0;
    std::string requester, site, description, category, priority;
    Status status = Status::open;
    std::string assignee;
    std::string photo;             // a shared file's permalink, or empty
    std::int64_t similar_to = 0;   // the open ticket it resembled when filed, or 0
    std::int64_t due_at = 0;       // BizOps' response deadline
    std::int64_t escalate_at = 0;  // when the site lead hears of it: twice the response time
    int escalated = 0;             // 0 none yet, 1 posted again in the channel, 2 site lead told
    std::int64_t created_at = 0, updated_at = 0;
};

// Returns the new ticket's id; an open ticket is indexed for repeats.
std::int64_t insert(SQLite::Database& db, const Ticket& t, std::int64_t now_ms);
std::optional<Ticket> get(SQLite::Database& db, std::int64_t id);

// Moves ticket `id` from `from` to `to` with `assignee`, when it is still in
// `from` (false, nothing changed, otherwise). A ticket leaving the open
// states leaves the repeat index; one reopened comes back to it.
bool move(SQLite::Database& db, std::int64_t id, Status from, Status to,
          const std::string& assignee, std::int64_t now_ms);

// A reopened ticket's clock starts again: new deadlines, no escalation yet.
void restart_clock(SQLite::Database& db, std::int64_t id, std::int64_t due_at,
                   std::int64_t escalate_at);
// Records that ticket `id` was escalated to `level` (1 or 2).
void mark_escalated(SQLite::Database& db, std::int64_t id, int level);

// Followers get every update the requester gets. Following twice is once.
void follow(SQLite::Database& db, std::int64_t id, const std::string& person);
std::vector<std::string> followers(SQLite::Database& db, std::int64_t id);

// The tickets `person` filed or follows, open ones first, newest first.
std::vector<Ticket> of_person(SQLite::Database& db, const std::string& person);
// The open and acknowledged tickets of `site`: urgent first, then by age.
std::vector<Ticket> queue(SQLite::Database& db, const std::string& site);
// Open or acknowledged tickets of `site` that were reopened (still broken
// after they were resolved), oldest first.
std::vector<Ticket> reopened(SQLite::Database& db, const std::string& site);
// Open (not acknowledged) tickets of `site` with an escalation due by
// `now_ms`: past their deadline and not posted again yet, or past twice it
// and the site lead not told yet. Oldest deadline first.
std::vector<Ticket> overdue(SQLite::Database& db, const std::string& site, std::int64_t now_ms);

// Open or acknowledged tickets of `site` whose descriptions share words with
// `text`, best first by BM25: at most `limit` of them.
std::vector<Ticket> resembling(SQLite::Database& db, const std::string& site,
                               const std::vector<std::string>& words, int limit);
// Whether an open or acknowledged ticket of `site` shares two stems with
// `words`: a cheap look (a plain index) before ranking with resembling(),
// whose cost grows with the open tickets.
bool may_repeat(SQLite::Database& db, const std::string& site, const std::string& words);
// Whether ticket `id`'s description has `word` (stemmed as the index stems).
bool has_word(SQLite::Database& db, std::int64_t id, const std::string& word);

}  // namespace storage::office
