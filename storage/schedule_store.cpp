#include "storage/schedule_store.hpp"

#include "storage/query.hpp"

namespace storage::schedule {

std::int64_t first_seen(SQLite::Database& db, const std::string& job, std::int64_t at_ms) {
    storage::Query first(db,
                         "INSERT INTO scheduler_runs (job, last_run_at) VALUES (:job, :at) "
                         "ON CONFLICT (job) DO NOTHING");
    first->bind(":job", job);
    first->bind(":at", at_ms);
    first->exec();
    storage::Query read(db, "SELECT last_run_at FROM scheduler_runs WHERE job = :job");
    read->bind(":job", job);
    read->executeStep();
    return read->getColumn(0).getInt64();
}

bool claim(SQLite::Database& db, const std::string& job, std::int64_t due_ms) {
    storage::Query q(db,
                     "INSERT INTO scheduler_runs (job, last_run_at) VALUES (:job, :due) "
                     "ON CONFLICT (job) DO UPDATE SET last_run_at = excluded.last_run_at "
                     "WHERE last_run_at < excluded.last_run_at");
    q->bind(":job", job);
    q->bind(":due", due_ms);
    return q->exec() > 0;
}

}  // namespace storage::schedule
