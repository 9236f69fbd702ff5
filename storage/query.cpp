#include "storage/query.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace storage {
namespace {
thread_local StatementCache* active_cache = nullptr;
}  // namespace

SQLite::Statement& StatementCache::get(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
        std::string text(sql);
        auto statement = std::make_unique<SQLite::Statement>(db_, text);
        it = statements_.emplace(std::move(text), std::move(statement)).first;
    }
    return *it->second;
}

UseCache::UseCache(StatementCache& cache) : previous_(active_cache) {
    active_cache = &cache;
}
UseCache::~UseCache() {
    active_cache = previous_;
}

Query::Query(SQLite::Database& db, std::string_view sql) {
    if (active_cache && &active_cache->db() == &db) {
        statement_ = &active_cache->get(sql);
    } else {
        owned_ = std::make_unique<SQLite::Statement>(db, std::string(sql));
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

void execute(SQLite::Database& db, std::string_view sql) {
    Query q(db, sql);
    q->exec();
}

namespace detail {

void check_count(SQLite::Statement& statement, int count) {
    const int wanted = statement.getBindParameterCount();
    if (wanted != count)
        throw std::logic_error(fmt::format("{} values bound to a statement of {} parameters: {}",
                                           count, wanted, statement.getQuery()));
}

}  // namespace detail

}  // namespace storage
