#include "storage/savepoint.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "storage/query.hpp"

namespace storage {

namespace detail {
thread_local bool optimistic = false;

std::int64_t total_changes(SQLite::Database& db) {
    return sqlite3_total_changes64(db.getHandle());
}
}  // namespace detail

Savepoint::Savepoint(SQLite::Database& db, std::string_view name) : db_(db), name_(name) {
    execute(db_, "SAVEPOINT " + name_);
}

void Savepoint::release() {
    execute(db_, "RELEASE " + name_);
    open_ = false;
}

Savepoint::~Savepoint() {
    if (!open_) return;
    try {
        execute(db_, "ROLLBACK TO " + name_);
        execute(db_, "RELEASE " + name_);
    } catch (const std::exception& e) {
        // The enclosing transaction is broken too; its owner rolls it back.
        spdlog::error("rolling back savepoint {} failed: {}", name_, e.what());
    }
}

}  // namespace storage
