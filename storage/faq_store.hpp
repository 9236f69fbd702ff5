#pragma once
// FAQ entries in SQLite: the curated entries (each for every site or for
// one), a full-text index of their question, tags and answer (FTS5, porter
// stems), and the questions people asked with what they got. Changes of an
// entry go to the audit trail (storage/audit.hpp) with the text they
// replaced. Timestamps Unix ms UTC; every function runs on the caller's
// connection and transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <nlohmann/json_fwd.hpp>

namespace storage::faq {

struct Entry {
    std::int64_t id = 0;
    std::string key;       // the seed file's stable name ("wifi"); empty for one added in Slack
    std::string site;      // a site id, or empty for every site
    std::string question;  // as the site lead titled it
    std::string answer;    // Slack mrkdwn
    std::string tags;      // lower-case words, space-separated
    std::string contact;   // a Slack id of who handles it, or empty
    std::string command;   // the command that gives the live figure, or empty
};

enum class Upsert { added, changed, unchanged };

// Adds or replaces the entry with `e.key` (which must not be empty), for the
// import of a seed file: the same file twice changes nothing the second time.
Upsert upsert(SQLite::Database& db, const Entry& e, const std::string& actor, std::int64_t now_ms);
// Adds an entry made in Slack; returns its id. One without a key gets
// "faq-<id>", so that an export can be imported again.
std::int64_t add(SQLite::Database& db, const Entry& e, const std::string& actor,
                 std::int64_t now_ms);
struct Imported {
    int added = 0, changed = 0, unchanged = 0;
};
// Imports a FAQ file ({"entries": [{"key", "question", "answer", "tags"?,
// "site"?, "contact"?, "command"?}, ...]}, config/faq.json) by key, in the
// caller's transaction. Throws std::invalid_argument naming the first entry
// that is not written so, before writing anything.
Imported import_document(SQLite::Database& db, const nlohmann::json& doc, const std::string& actor,
                         std::int64_t now_ms);
// The FAQ in that format, entries in the order they were added and their
// fields in the file's order: importing it changes nothing.
nlohmann::ordered_json export_document(SQLite::Database& db);

std::optional<Entry> get(SQLite::Database& db, std::int64_t id);
// The entries not removed, by id.
std::vector<Entry> all(SQLite::Database& db);
std::int64_t count(SQLite::Database& db);
// Moves with every change of the entries (added, changed, edited, removed).
std::int64_t version(SQLite::Database& db);

// A question the FAQ could not answer: Q-n.
struct Question {
    std::int64_t id = 0;
    std::string asker, site, text;
    double confidence = 0;
    std::string answer, answered_by;
    std::int64_t entry_id = 0;  // the entry its answer became, or 0
    std::int64_t asked_at = 0;
    std::int64_t answered_at = 0;  // 0 while unanswered
    bool answered() const { return !answered_by.empty(); }
};
std::int64_t ask(SQLite::Database& db, const Question& q);
std::optional<Question> question(SQLite::Database& db, std::int64_t id);
// Records the answer of an unanswered question; false when it was answered
// meanwhile. With an entry, the asks that became the question are answered
// by it too (answered_with), so that the asker may rate it.
bool answer(SQLite::Database& db, std::int64_t id, const std::string& answer, const std::string& by,
            std::int64_t entry_id, std::int64_t now_ms);
// Takes an unanswered question off the list with no answer, audited as
// "dismissed" with `reason`; false when it was answered meanwhile. As an
// answer in words does, it teaches that such a question has no entry.
inline constexpr std::string_view kDismissed = "dismissed";  // its audit action
bool dismiss(SQLite::Database& db, std::int64_t id, const std::string& by, std::string_view reason,
             std::int64_t now_ms);

// Replaces entry `id`'s answer, keeping the old one in the audit trail;
// false when there is no such entry (or it was removed).
bool edit(SQLite::Database& db, std::int64_t id, const std::string& answer,
          const std::string& actor, std::int64_t now_ms);
// Replaces entry `id`'s tags (lower-case words, space-separated), keeping
// the old ones in the audit trail; false when there is no such entry.
bool set_tags(SQLite::Database& db, std::int64_t id, const std::string& tags,
              const std::string& actor, std::int64_t now_ms);
// Sets who handles entry `id` (a Slack id, or empty for nobody), keeping the
// one it replaced in the audit trail; false when there is no such entry.
bool set_contact(SQLite::Database& db, std::int64_t id, const std::string& contact,
                 const std::string& actor, std::int64_t now_ms);
// Takes entry `id` out of the FAQ (its row stays, for its history); false
// when there is no such entry.
bool remove(SQLite::Database& db, std::int64_t id, const std::string& actor, std::int64_t now_ms);
// The questions of `site` nobody has answered yet, oldest first.
std::vector<Question> unanswered(SQLite::Database& db, const std::string& site);

struct Hit {
    std::int64_t id = 0;
    double rank = 0;  // bm25 with the columns weighted: lower is better
};
// The entries for `site` (its own and every site's) matching the FTS5 query
// `match`, best first by BM25 weighting question over tags over answer.
std::vector<Hit> search(SQLite::Database& db, const std::string& site, const std::string& match,
                        int limit);

}  // namespace storage::faq
