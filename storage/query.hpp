#pragma once
// A statement for one use. On the writer's thread, inside a batch, it is
// borrowed from the writer's cache of prepared statements (each SQL text is
// parsed once per connection, not once per request: parsing was a third of
// the writer's time); anywhere else it is prepared afresh. Either way it
// comes reset, with no bindings.

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace storage {

// Prepared statements of one connection, keyed by their SQL text. Must be
// destroyed before the connection closes.
class StatementCache {
public:
    explicit StatementCache(SQLite::Database& db) : db_(db) {}
    SQLite::Database& db() const { return db_; }
    SQLite::Statement& get(std::string_view sql);

private:
    SQLite::Database& db_;
    std::map<std::string, std::unique_ptr<SQLite::Statement>, std::less<>> statements_;
};

// Makes `cache` the one Query uses on this thread while the scope lasts.
class UseCache {
public:
    explicit UseCache(StatementCache& cache);
    ~UseCache();
    UseCache(const UseCache&) = delete;
    UseCache& operator=(const UseCache&) = delete;

private:
    StatementCache* previous_;
};

class Query {
public:
    // `sql` is only copied when it is prepared: a literal costs no allocation.
    Query(SQLite::Database& db, std::string_view sql);
    ~Query();
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;

    SQLite::Statement* operator->() { return statement_; }
    SQLite::Statement& operator*() { return *statement_; }

private:
    std::unique_ptr<SQLite::Statement> owned_;
    SQLite::Statement* statement_;
};

// Runs a statement that returns no rows (SAVEPOINT, COMMIT, ...) through the
// cache when there is one: cheaper than SQLite::Database::exec, which parses
// the text on every call.
void execute(SQLite::Database& db, std::string_view sql);

}  // namespace storage
