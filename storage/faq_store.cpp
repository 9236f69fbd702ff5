#include "storage/faq_store.hpp"

#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/ids.hpp"
#include "storage/audit.hpp"
#include "storage/faq_stats.hpp"
#include "storage/query.hpp"

namespace storage::faq {
namespace {

constexpr const char* kColumns =
    "id, coalesce(key, ''), site, question, answer, tags, contact, command";

Entry read(SQLite::Statement& q) {
    Entry e;
    e.id = q.getColumn(0).getInt64();
    e.key = q.getColumn(1).getString();
    e.site = q.getColumn(2).getString();
    e.question = q.getColumn(3).getString();
    e.answer = q.getColumn(4).getString();
    e.tags = q.getColumn(5).getString();
    e.contact = q.getColumn(6).getString();
    e.command = q.getColumn(7).getString();
    return e;
}

void bind(Query& q, const Entry& e) {
    q->bind(":site", e.site);
    q->bind(":question", e.question);
    q->bind(":answer", e.answer);
    q->bind(":tags", e.tags);
    q->bind(":contact", e.contact);
    q->bind(":command", e.command);
}

// Every write of an entry goes through index() or remove(): both move the
// version readers cache by.
void changed(SQLite::Database& db) {
    db.exec("UPDATE faq_version SET n = n + 1");
}

// (Re)indexes entry `id` for search.
void index(SQLite::Database& db, std::int64_t id, const Entry& e) {
    Query drop(db, "DELETE FROM faq_text WHERE rowid = :id");
    drop->bind(":id", id);
    drop->exec();
    Query q(db,
            "INSERT INTO faq_text (rowid, question, tags, answer) VALUES (:id, :question, :tags, "
            ":answer)");
    q->bind(":id", id);
    q->bind(":question", e.question);
    q->bind(":tags", e.tags);
    q->bind(":answer", e.answer);
    q->exec();
    changed(db);
}

bool same(const Entry& a, const Entry& b) {
    return a.site == b.site && a.question == b.question && a.answer == b.answer &&
           a.tags == b.tags && a.contact == b.contact && a.command == b.command;
}

}  // namespace

std::int64_t add(SQLite::Database& db, const Entry& e, const std::string& actor,
                 std::int64_t now_ms) {
    Query q(db,
            "INSERT INTO faq_entries (key, site, question, answer, tags, contact, command, "
            "created_by, created_at, updated_at) VALUES (:key, :site, :question, :answer, :tags, "
            ":contact, :command, :actor, :now, :now)");
    if (!e.key.empty()) q->bind(":key", e.key);
    bind(q, e);
    q->bind(":actor", actor);
    q->bind(":now", now_ms);
    q->exec();
    const std::int64_t id = db.getLastInsertRowid();
    if (e.key.empty()) {
        Query key(db, "UPDATE faq_entries SET key = :key WHERE id = :id");
        key->bind(":key", "faq-" + std::to_string(id));
        key->bind(":id", id);
        key->exec();
    }
    index(db, id, e);
    audit::record(db, {core::IdKind::faq, id, "added", "", "live", actor, now_ms, e.question});
    return id;
}

Upsert upsert(SQLite::Database& db, const Entry& e, const std::string& actor, std::int64_t now_ms) {
    Query find(db, std::string("SELECT ") + kColumns + " FROM faq_entries WHERE key = :key");
    find->bind(":key", e.key);
    if (!find->executeStep()) {
        add(db, e, actor, now_ms);
        return Upsert::added;
    }
    const Entry old = read(*find);
    if (same(old, e)) return Upsert::unchanged;
    Query q(db,
            "UPDATE faq_entries SET site = :site, question = :question, answer = :answer, tags = "
            ":tags, contact = :contact, command = :command, updated_at = :now WHERE id = :id");
    bind(q, e);
    q->bind(":now", now_ms);
    q->bind(":id", old.id);
    q->exec();
    index(db, old.id, e);
    audit::record(db, {core::IdKind::faq, old.id, "imported", "live", "live", actor, now_ms,
                       old.question + " | " + old.answer});
    return Upsert::changed;
}

Imported import_document(SQLite::Database& db, const nlohmann::json& doc, const std::string& actor,
                         std::int64_t now_ms) {
    const auto list = doc.find("entries");
    if (!doc.is_object() || list == doc.end() || !list->is_array())
        throw std::invalid_argument(
            "expected an object with an \"entries\" list: {\"entries\": [{\"key\": "
            "\"wifi\", \"question\": \"...\", \"answer\": \"...\"}]}");
    std::vector<Entry> entries;
    std::set<std::string> keys;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const nlohmann::json& e = (*list)[i];
        const std::string at = "entries[" + std::to_string(i) + "]";
        const auto text = [&](const char* name, bool required) {
            const auto it = e.find(name);
            if (it == e.end() && !required) return std::string();
            if (it == e.end() || !it->is_string() || (required && it->get<std::string>().empty()))
                throw std::invalid_argument(at + "." + name + ": expected " +
                                            (required ? "a non-empty string" : "a string"));
            return it->get<std::string>();
        };
        if (!e.is_object()) throw std::invalid_argument(at + ": expected an object");
        Entry entry;
        entry.key = text("key", true);
        entry.question = text("question", true);
        entry.answer = text("answer", true);
        entry.site = text("site", false);
        entry.contact = text("contact", false);
        entry.command = text("command", false);
        if (const auto tags = e.find("tags"); tags != e.end()) {
            if (!tags->is_array())
                throw std::invalid_argument(at + ".tags: expected a list of words");
            for (const auto& t : *tags) {
                if (!t.is_string())
                    throw std::invalid_argument(at + ".tags: expected a list of words");
                const std::string tag = t.get<std::string>();
                // Tags are kept as words; a phrase would come back split.
                if (tag.empty() || tag.find_first_of(" \t\n") != std::string::npos)
                    throw std::invalid_argument(at + ".tags: \"" + tag +
                                                "\" is not one word: write each word as its "
                                                "own tag, like [\"guest\", \"network\"]");
                entry.tags += (entry.tags.empty() ? "" : " ") + tag;
            }
        }
        if (!keys.insert(entry.key).second)
            throw std::invalid_argument(at + ".key: \"" + entry.key + "\" is used twice");
        entries.push_back(std::move(entry));
    }
    Imported out;
    for (const auto& entry : entries) {
        switch (upsert(db, entry, actor, now_ms)) {
            case Upsert::added:
                ++out.added;
                break;
            case Upsert::changed:
                ++out.changed;
                break;
            case Upsert::unchanged:
                ++out.unchanged;
                break;
        }
    }
    // One index segment instead of one per entry written: a search of a
    // FAQ imported entry by entry reads every segment (half its time at
    // 10,000 entries). Later single changes are merged by FTS5 as it goes.
    if (out.added + out.changed > 0) db.exec("INSERT INTO faq_text (faq_text) VALUES ('optimize')");
    return out;
}

std::int64_t ask(SQLite::Database& db, const Question& q) {
    Query insert(db,
                 "INSERT INTO faq_questions (asker, site, text, confidence, asked_at) VALUES "
                 "(:asker, :site, :text, :confidence, :at)");
    insert->bind(":asker", q.asker);
    insert->bind(":site", q.site);
    insert->bind(":text", q.text);
    insert->bind(":confidence", q.confidence);
    insert->bind(":at", q.asked_at);
    insert->exec();
    return db.getLastInsertRowid();
}

std::optional<Question> question(SQLite::Database& db, std::int64_t id) {
    Query q(db,
            "SELECT id, asker, site, text, confidence, answer, answered_by, "
            "coalesce(entry_id, 0), asked_at, coalesce(answered_at, 0) FROM faq_questions "
            "WHERE id = :id");
    q->bind(":id", id);
    if (!q->executeStep()) return std::nullopt;
    Question out;
    out.id = q->getColumn(0).getInt64();
    out.asker = q->getColumn(1).getString();
    out.site = q->getColumn(2).getString();
    out.text = q->getColumn(3).getString();
    out.confidence = q->getColumn(4).getDouble();
    out.answer = q->getColumn(5).getString();
    out.answered_by = q->getColumn(6).getString();
    out.entry_id = q->getColumn(7).getInt64();
    out.asked_at = q->getColumn(8).getInt64();
    out.answered_at = q->getColumn(9).getInt64();
    return out;
}

bool answer(SQLite::Database& db, std::int64_t id, const std::string& text, const std::string& by,
            std::int64_t entry_id, std::int64_t now_ms) {
    Query q(db,
            "UPDATE faq_questions SET answer = :answer, answered_by = :by, entry_id = :entry, "
            "answered_at = :now WHERE id = :id AND answered_at IS NULL");
    q->bind(":answer", text);
    q->bind(":by", by);
    if (entry_id > 0) q->bind(":entry", entry_id);
    q->bind(":now", now_ms);
    q->bind(":id", id);
    if (q->exec() != 1) return false;
    if (entry_id > 0) answered_with(db, id, entry_id);
    bump_learnt(db);  // either way, the FAQ learns the question
    return true;
}

bool dismiss(SQLite::Database& db, std::int64_t id, const std::string& by, std::string_view reason,
             std::int64_t now_ms) {
    if (!answer(db, id, "", by, 0, now_ms)) return false;
    audit::record(
        db, {core::IdKind::question, id, "dismissed", "open", "dismissed", by, now_ms, reason});
    return true;
}

namespace {

// One field of entry `id` replaced by `value` (`sql` updates it from :value),
// reindexed (which moves the version readers cache by) and audited as
// `action` with the text it replaced (`empty_as` when there was none).
bool replace_field(SQLite::Database& db, std::int64_t id, std::string Entry::*field,
                   std::string_view sql, const std::string& value, const char* action,
                   const char* empty_as, const std::string& actor, std::int64_t now_ms) {
    auto e = get(db, id);
    if (!e) return false;
    Query q(db, sql);
    q->bind(":value", value);
    q->bind(":now", now_ms);
    q->bind(":id", id);
    q->exec();
    const std::string old = (*e).*field;
    (*e).*field = value;
    index(db, id, *e);
    audit::record(db, {core::IdKind::faq, id, action, "live", "live", actor, now_ms,
                       old.empty() ? std::string(empty_as) : old});
    return true;
}

}  // namespace

bool edit(SQLite::Database& db, std::int64_t id, const std::string& answer,
          const std::string& actor, std::int64_t now_ms) {
    return replace_field(db, id, &Entry::answer,
                         "UPDATE faq_entries SET answer = :value, updated_at = :now WHERE id = :id",
                         answer, "edited", "", actor, now_ms);
}

bool set_tags(SQLite::Database& db, std::int64_t id, const std::string& tags,
              const std::string& actor, std::int64_t now_ms) {
    return replace_field(db, id, &Entry::tags,
                         "UPDATE faq_entries SET tags = :value, updated_at = :now WHERE id = :id",
                         tags, "tags changed", "none", actor, now_ms);
}

bool set_contact(SQLite::Database& db, std::int64_t id, const std::string& contact,
                 const std::string& actor, std::int64_t now_ms) {
    return replace_field(
        db, id, &Entry::contact,
        "UPDATE faq_entries SET contact = :value, updated_at = :now WHERE id = :id", contact,
        "contact changed", "nobody", actor, now_ms);
}

bool remove(SQLite::Database& db, std::int64_t id, const std::string& actor, std::int64_t now_ms) {
    const auto e = get(db, id);
    if (!e) return false;
    Query q(db, "UPDATE faq_entries SET removed = 1, updated_at = :now WHERE id = :id");
    q->bind(":now", now_ms);
    q->bind(":id", id);
    q->exec();
    Query drop(db, "DELETE FROM faq_text WHERE rowid = :id");
    drop->bind(":id", id);
    drop->exec();
    changed(db);
    audit::record(db, {core::IdKind::faq, id, "removed", "live", "removed", actor, now_ms,
                       e->question + " | " + e->answer});
    return true;
}

std::vector<Question> unanswered(SQLite::Database& db, const std::string& site) {
    Query q(db,
            "SELECT id FROM faq_questions WHERE site = :site AND answered_at IS NULL ORDER BY "
            "asked_at, id");
    q->bind(":site", site);
    std::vector<std::int64_t> ids;
    while (q->executeStep()) ids.push_back(q->getColumn(0).getInt64());
    std::vector<Question> out;
    for (const auto id : ids) out.push_back(*question(db, id));
    return out;
}

nlohmann::ordered_json export_document(SQLite::Database& db) {
    nlohmann::ordered_json entries = nlohmann::ordered_json::array();
    for (const auto& e : all(db)) {
        nlohmann::ordered_json out;
        out["key"] = e.key;
        out["question"] = e.question;
        out["answer"] = e.answer;
        nlohmann::ordered_json tags = nlohmann::ordered_json::array();
        for (std::size_t at = 0; at < e.tags.size();) {
            const std::size_t space = e.tags.find(' ', at);
            const std::size_t end = space == std::string::npos ? e.tags.size() : space;
            if (end > at) tags.push_back(e.tags.substr(at, end - at));
            at = end + 1;
        }
        out["tags"] = tags;
        if (!e.site.empty()) out["site"] = e.site;
        if (!e.contact.empty()) out["contact"] = e.contact;
        if (!e.command.empty()) out["command"] = e.command;
        entries.push_back(std::move(out));
    }
    nlohmann::ordered_json doc;
    doc["entries"] = std::move(entries);
    return doc;
}

std::optional<Entry> get(SQLite::Database& db, std::int64_t id) {
    Query q(db,
            std::string("SELECT ") + kColumns + " FROM faq_entries WHERE id = :id AND removed = 0");
    q->bind(":id", id);
    if (!q->executeStep()) return std::nullopt;
    return read(*q);
}

std::vector<Entry> all(SQLite::Database& db) {
    Query q(db,
            std::string("SELECT ") + kColumns + " FROM faq_entries WHERE removed = 0 ORDER BY id");
    std::vector<Entry> out;
    while (q->executeStep()) out.push_back(read(*q));
    return out;
}

std::int64_t version(SQLite::Database& db) {
    Query q(db, "SELECT n FROM faq_version");
    q->executeStep();
    return q->getColumn(0).getInt64();
}

std::int64_t count(SQLite::Database& db) {
    return db.execAndGet("SELECT count(*) FROM faq_entries WHERE removed = 0").getInt64();
}

std::vector<Hit> search(SQLite::Database& db, const std::string& site, const std::string& match,
                        int limit) {
    Query q(db,
            "SELECT e.id, bm25(faq_text, 10.0, 5.0, 1.0) AS r FROM faq_text JOIN faq_entries e "
            "ON e.id = faq_text.rowid WHERE faq_text MATCH :match AND e.removed = 0 AND "
            "(e.site = '' OR e.site = :site) ORDER BY r LIMIT :limit");
    q->bind(":match", match);
    q->bind(":site", site);
    q->bind(":limit", limit);
    std::vector<Hit> out;
    while (q->executeStep())
        out.push_back({q->getColumn(0).getInt64(), q->getColumn(1).getDouble()});
    return out;
}

}  // namespace storage::faq
