#pragma once
// A savepoint that rolls back unless released: a unit of the writer's batch,
// a handler's changes. Its statements go through the statement cache.

#include <string>
#include <string_view>

#include <SQLiteCpp/Database.h>

namespace storage {

class Savepoint {
public:
    // SAVEPOINT <name>; `name` is an SQL identifier of the code's, never input.
    Savepoint(SQLite::Database& db, std::string_view name);
    // ROLLBACK TO and RELEASE, unless release() ran.
    ~Savepoint();
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;

    // Keeps the changes (RELEASE).
    void release();

private:
    SQLite::Database& db_;
    std::string name_;
    bool open_ = true;
};

}  // namespace storage
