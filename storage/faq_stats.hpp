#pragma once
// What the FAQ learns from use: every question asked of it, what it got (an
// entry, or a Q-n for the site lead), the asker's feedback on the answer, and
// the figures `/faq stats` shows. Timestamps Unix ms UTC; every function runs
// on the caller's connection and transaction.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "core/ids.hpp"

namespace storage::faq {

struct Ask {
    std::string asker, site, text;
    std::int64_t entry_id = 0;     // the entry that answered it, or 0
    std::int64_t question_id = 0;  // the Q-n it became, or 0
    double confidence = 0;
    std::int64_t asked_at = 0;
};
void record(SQLite::Database& db, const Ask& a);
// Question `question_id` (a Q-n) was answered with entry `entry_id` after
// all: the asks that became it are answered by that entry, so that the
// asker may rate it and `/faq stats` counts it.
void answered_with(SQLite::Database& db, std::int64_t question_id, std::int64_t entry_id);

// The last time entry `entry_id` answered `asker`, and what they said of it.
struct Answered {
    std::int64_t ask_id = 0;
    std::string text, site;
    double confidence = 0;
    std::optional<bool> helpful;  // none: no feedback yet
};
std::optional<Answered> last_answer(SQLite::Database& db, const std::string& asker,
                                    std::int64_t entry_id);
// The asker's feedback on an answer; a later press replaces an earlier one.
void feedback(SQLite::Database& db, std::int64_t ask_id, bool helpful, std::int64_t now_ms);

// A whole question the FAQ has learnt from: answered by entry `entry_id`
// (an answer the asker rated helpful, or a site lead's answer with an
// entry), or by none (0: a site lead answered it in words), and where it
// was asked. Each once.
struct Learnt {
    std::string text;
    std::int64_t entry_id = 0;
    std::string site;  // where it was asked
};
std::vector<Learnt> learnt(SQLite::Database& db);

// A question learnt, as a site lead reviews it (`/faq learnt`): the last
// helpful press or answer that taught it.
struct Lesson {
    core::Id source;  // ASK-n: an answer its asker rated helpful; Q-n: a site lead's answer
    std::string text, site;
    std::string taught_by;       // who pressed Helpful, or answered
    std::int64_t entry_id = 0;   // 0: answered in words
    std::string entry_question;  // the entry's, when it has one
    std::int64_t at_ms = 0;
};
// The questions learnt at `site` (any site when empty), or those of entry
// `entry_id` (any entry when 0), newest first, each text once per entry,
// at most `limit`. Lessons of removed entries are left out: they no longer
// count.
std::vector<Lesson> lessons(SQLite::Database& db, const std::string& site, std::int64_t entry_id,
                            int limit);
// The lesson `source` (an ASK-n or a Q-n) teaches, whether or not it still
// counts; none when it taught nothing.
std::optional<Lesson> lesson(SQLite::Database& db, const core::Id& source);
// The audit trail's action for a question forgotten, its text the note.
inline constexpr std::string_view kUnlearnt = "question unlearnt";
// Forgets what `l` teaches: its text for its entry, however often it was
// taught until now. False when it no longer counted. Writes the audit row
// (on the entry, or on the Q-n of a question answered in words).
bool forget(SQLite::Database& db, const Lesson& l, const std::string& actor, std::int64_t now_ms);
// Moves whenever a question is learnt (or unlearnt: a helpful press taken
// back), so that readers keep what they read of them until it does.
std::int64_t learnt_version(SQLite::Database& db);
void bump_learnt(SQLite::Database& db);

struct EntryUse {
    std::int64_t entry_id = 0;
    std::string question;
    int asked = 0, helpful = 0, not_helpful = 0;
};
struct Usage {
    // Answered: by the FAQ when asked; the others went to a site lead (and
    // count for the entry a site lead answered with, if any, in the lists).
    int asked = 0, answered = 0, helpful = 0, not_helpful = 0;
    std::vector<EntryUse> most_asked;     // most answers given first
    std::vector<EntryUse> least_helpful;  // the largest share of "not helpful" first
};
// The questions asked at `sites` from `since_ms` to before `until_ms`, at
// most `limit` entries per list.
Usage usage(SQLite::Database& db, const std::vector<std::string>& sites, std::int64_t since_ms,
            int limit, std::int64_t until_ms = std::numeric_limits<std::int64_t>::max());

}  // namespace storage::faq
