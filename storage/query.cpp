#include "storage/query.hpp"

namespace storage {
namespace {
thread_local StatementCache* active_cache = nullptr;
}  // namespace

SQLite::Statement& StatementCache::get(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end())
        it = statements_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first;
    return *it->second;
}

UseCache::UseCache(StatementCache& cache) : previous_(active_cache) { active_cache = &cache; }
UseCache::~UseCache() { active_cache = previous_; }

Query::Query(SQLite::Database& db, const std::string& sql) {
    if (active_cache && &active_cache->db() == &db) {
        statement_ = &active_cache->get(sql);
    } else {
        owned_ = std::make_unique<SQLite::Statement>(db, sql);
        statement_ = owned_.get();
    }
}

Query::~Query() {
    if (owned_) return;
    // A borrowed statement goes back ready for its next use.
    try {
        statement_->reset();
        statement_->clearBindings();
    } catch (...) {
    }
}

void execute(SQLite::Database& db, const std::string& sql) {
    Query q(db, sql);
    q->exec();
}

}  // namespace storage
