#include "storage/faq_stats.hpp"

#include <nlohmann/json.hpp>

#include "storage/audit.hpp"
#include "storage/query.hpp"

namespace storage::faq {
namespace {

// The sites as the JSON array the queries take apart with json_each: one
// constant statement for any number of sites.
std::string site_list(const std::vector<std::string>& sites) {
    return nlohmann::json(sites).dump();
}

std::vector<EntryUse> entries(SQLite::Database& db, std::string_view sql, const std::string& sites,
                              std::int64_t since_ms, std::int64_t until_ms, int limit) {
    Query q(db, sql);
    q->bind(":sites", sites);
    q->bind(":since", since_ms);
    q->bind(":until", until_ms);
    q->bind(":limit", limit);
    std::vector<EntryUse> out;
    while (q->executeStep()) {
        EntryUse u;
        u.entry_id = q->getColumn(0).getInt64();
        u.question = q->getColumn(1).getString();
        u.asked = q->getColumn(2).getInt();
        u.helpful = q->getColumn(3).getInt();
        u.not_helpful = q->getColumn(4).getInt();
        out.push_back(std::move(u));
    }
    return out;
}

}  // namespace

void record(SQLite::Database& db, const Ask& a) {
    Query q(db,
            "INSERT INTO faq_asks (asker, site, text, entry_id, question_id, confidence, asked_at) "
            "VALUES (:asker, :site, :text, :entry, :question, :confidence, :at)");
    q->bind(":asker", a.asker);
    q->bind(":site", a.site);
    q->bind(":text", a.text);
    if (a.entry_id > 0) q->bind(":entry", a.entry_id);
    if (a.question_id > 0) q->bind(":question", a.question_id);
    q->bind(":confidence", a.confidence);
    q->bind(":at", a.asked_at);
    q->exec();
}

void answered_with(SQLite::Database& db, std::int64_t question_id, std::int64_t entry_id) {
    Query q(db,
            "UPDATE faq_asks SET entry_id = :entry WHERE question_id = :question AND entry_id IS "
            "NULL");
    q->bind(":entry", entry_id);
    q->bind(":question", question_id);
    q->exec();
}

std::optional<Answered> last_answer(SQLite::Database& db, const std::string& asker,
                                    std::int64_t entry_id) {
    Query q(db,
            "SELECT id, text, site, helpful, confidence FROM faq_asks WHERE asker = :asker AND "
            "entry_id = "
            ":entry ORDER BY id DESC LIMIT 1");
    q->bind(":asker", asker);
    q->bind(":entry", entry_id);
    if (!q->executeStep()) return std::nullopt;
    Answered out;
    out.ask_id = q->getColumn(0).getInt64();
    out.text = q->getColumn(1).getString();
    out.site = q->getColumn(2).getString();
    if (!q->getColumn(3).isNull()) out.helpful = q->getColumn(3).getInt() != 0;
    out.confidence = q->getColumn(4).getDouble();
    return out;
}

void feedback(SQLite::Database& db, std::int64_t ask_id, bool helpful, std::int64_t now_ms) {
    Query q(db, "UPDATE faq_asks SET helpful = :helpful, feedback_at = :now WHERE id = :id");
    q->bind(":helpful", helpful ? 1 : 0);
    q->bind(":now", now_ms);
    q->bind(":id", ask_id);
    if (q->exec() > 0) bump_learnt(db);
}

std::vector<Learnt> learnt(SQLite::Database& db) {
    Query q(db, "SELECT DISTINCT text, entry_id, site FROM faq_lessons");
    std::vector<Learnt> out;
    while (q->executeStep())
        out.push_back(
            {q->getColumn(0).getString(), q->getColumn(1).getInt64(), q->getColumn(2).getString()});
    return out;
}

namespace {

Lesson read_lesson(SQLite::Statement& q) {
    Lesson l;
    const bool ask = q.getColumn(0).getString() == core::prefix(core::IdKind::ask);
    l.source = {ask ? core::IdKind::ask : core::IdKind::question, q.getColumn(1).getInt64()};
    l.text = q.getColumn(2).getString();
    l.site = q.getColumn(3).getString();
    l.taught_by = q.getColumn(4).getString();
    l.entry_id = q.getColumn(5).getInt64();
    l.entry_question = q.getColumn(6).isNull() ? std::string() : q.getColumn(6).getString();
    l.at_ms = q.getColumn(7).isNull() ? 0 : q.getColumn(7).getInt64();
    return l;
}

}  // namespace

std::vector<Lesson> lessons(SQLite::Database& db, const std::string& site, std::int64_t entry_id,
                            int limit) {
    // SQLite takes the other columns from the row holding max(at).
    Query q(db,
            "SELECT l.kind, l.id, l.text, l.site, l.taught_by, l.entry_id, e.question, "
            "max(l.at) AS at FROM faq_lessons AS l LEFT JOIN faq_entries AS e ON e.id = "
            "l.entry_id WHERE (l.entry_id = 0 OR e.removed = 0) AND (:site = '' OR l.site = "
            ":site) AND (:entry = 0 OR l.entry_id = :entry) GROUP BY l.text, l.entry_id "
            "ORDER BY at DESC, l.kind, l.id DESC LIMIT :limit");
    q->bind(":site", site);
    q->bind(":entry", entry_id);
    q->bind(":limit", limit);
    std::vector<Lesson> out;
    while (q->executeStep()) out.push_back(read_lesson(*q));
    return out;
}

std::optional<Lesson> lesson(SQLite::Database& db, const core::Id& source) {
    if (source.kind != core::IdKind::ask && source.kind != core::IdKind::question)
        return std::nullopt;
    const char* sql =
        source.kind == core::IdKind::ask
            ? "SELECT 'ASK', a.id, a.text, a.site, a.asker, a.entry_id, e.question, "
              "a.feedback_at FROM faq_asks AS a LEFT JOIN faq_entries AS e ON e.id = a.entry_id "
              "WHERE a.id = :id AND a.helpful = 1"
            : "SELECT 'Q', q.id, q.text, q.site, q.answered_by, coalesce(q.entry_id, 0), "
              "e.question, q.answered_at FROM faq_questions AS q LEFT JOIN faq_entries AS e ON "
              "e.id = q.entry_id WHERE q.id = :id AND q.answered_at IS NOT NULL";
    Query q(db, sql);
    q->bind(":id", source.number);
    if (!q->executeStep()) return std::nullopt;
    return read_lesson(*q);
}

bool forget(SQLite::Database& db, const Lesson& l, const std::string& actor, std::int64_t now_ms) {
    Query counts(db, "SELECT 1 FROM faq_lessons WHERE text = :text AND entry_id = :entry");
    counts->bind(":text", l.text);
    counts->bind(":entry", l.entry_id);
    if (!counts->executeStep()) return false;
    Query q(db,
            "INSERT INTO faq_forgotten (text, entry_id, forgotten_by, forgotten_at) "
            "VALUES (:text, :entry, :by, :at) ON CONFLICT (text, entry_id) DO UPDATE SET "
            "forgotten_by = excluded.forgotten_by, forgotten_at = excluded.forgotten_at");
    q->bind(":text", l.text);
    q->bind(":entry", l.entry_id);
    q->bind(":by", actor);
    q->bind(":at", now_ms);
    q->exec();
    bump_learnt(db);
    if (l.entry_id > 0)
        audit::record(db,
                      {core::IdKind::faq, l.entry_id, kUnlearnt, "", "", actor, now_ms, l.text});
    else
        audit::record(db, {core::IdKind::question, l.source.number, kUnlearnt, "", "", actor,
                           now_ms, l.text});
    return true;
}

std::int64_t learnt_version(SQLite::Database& db) {
    Query q(db, "SELECT n FROM faq_learnt");
    return q->executeStep() ? q->getColumn(0).getInt64() : 0;
}

void bump_learnt(SQLite::Database& db) {
    Query q(db, "UPDATE faq_learnt SET n = n + 1");
    q->exec();
}

Usage usage(SQLite::Database& db, const std::vector<std::string>& sites, std::int64_t since_ms,
            int limit, std::int64_t until_ms) {
    const std::string list = site_list(sites);
    Usage out;
    {
        Query q(db,
                "SELECT count(*), coalesce(sum(question_id IS NULL AND entry_id IS NOT NULL), 0), "
                "coalesce(sum(helpful = "
                "1), 0), "
                "coalesce(sum(helpful = 0), 0) FROM faq_asks WHERE site IN (SELECT value FROM "
                "json_each(:sites)) AND asked_at >= :since AND asked_at < :until");
        q->bind(":sites", list);
        q->bind(":since", since_ms);
        q->bind(":until", until_ms);
        q->executeStep();
        out.asked = q->getColumn(0).getInt();
        out.answered = q->getColumn(1).getInt();
        out.helpful = q->getColumn(2).getInt();
        out.not_helpful = q->getColumn(3).getInt();
    }
    // One shape for both lists: an entry's answers in the period, and the
    // feedback they got.
    out.most_asked = entries(
        db,
        "SELECT a.entry_id, e.question, count(*) AS asked, coalesce(sum(a.helpful = 1), 0), "
        "coalesce(sum(a.helpful = 0), 0) FROM faq_asks a JOIN faq_entries e ON e.id = a.entry_id "
        "WHERE a.site IN (SELECT value FROM json_each(:sites)) AND a.asked_at >= :since AND "
        "a.asked_at < :until GROUP BY a.entry_id ORDER BY asked DESC, a.entry_id LIMIT :limit",
        list, since_ms, until_ms, limit);
    out.least_helpful = entries(
        db,
        "SELECT a.entry_id, e.question, count(*), coalesce(sum(a.helpful = 1), 0) AS yes, "
        "coalesce(sum(a.helpful = 0), 0) AS no FROM faq_asks a JOIN faq_entries e ON e.id = "
        "a.entry_id WHERE a.site IN (SELECT value FROM json_each(:sites)) AND a.asked_at >= "
        ":since AND a.asked_at < :until GROUP BY a.entry_id HAVING no > 0 ORDER BY 1.0 * no / "
        "(yes + no) DESC, no DESC, a.entry_id LIMIT :limit",
        list, since_ms, until_ms, limit);
    return out;
}

}  // namespace storage::faq
