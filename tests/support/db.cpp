#include "tests/support/db.hpp"

#include <SQLiteCpp/Statement.h>

#include "tests/support/paths.hpp"

namespace testing_support {

TempDb::TempDb() : dir("sitelead-db") {
    cfg.path = (dir / "test.db").string();
    auto db = storage::open(cfg);
    storage::migrate(*db);
}

std::unique_ptr<SQLite::Database> TempDb::connect() const {
    return storage::open(cfg);
}

std::unique_ptr<storage::Writer> TempDb::writer() const {
    return std::make_unique<storage::Writer>(storage::open(cfg));
}

long long TempDb::count(const std::string& table, const std::string& where) const {
    auto db = storage::open(cfg);
    return db->execAndGet("SELECT count(*) FROM " + table + " WHERE " + where).getInt64();
}

void insert_job(SQLite::Database& db, const std::string& name) {
    SQLite::Statement q(db, "INSERT INTO scheduler_runs (job, last_run_at) VALUES (:job, 0)");
    q.bind(":job", name);
    q.exec();
}

}  // namespace testing_support
