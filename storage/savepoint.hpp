#pragma once
// Undoing part of a transaction.
//
// A Savepoint rolls back unless released. Savepoints are not free: SQLite
// copies every page first changed under one into a sub-journal, which was a
// fifth of the writer's instructions per request when every unit and every
// handler had its own. So the writer runs units optimistically, without
// them, and only pays when something has to be undone (see writer.hpp);
// undoable() is how a unit marks a part it may have to undo alone.

#include <cstdint>
#include <exception>
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

// Thrown out of a unit when a part of it failed after writing and has no
// savepoint to roll back to: the writer rolls the transaction back and runs
// the unit again with savepoints.
struct NeedsSavepoints : std::exception {
    const char* what() const noexcept override {
        return "a part of the unit failed after writing; run it again with savepoints";
    }
};

namespace detail {
// Set by the writer on its thread while it runs a unit without savepoints.
extern thread_local bool optimistic;
struct Optimistic {
    Optimistic() { optimistic = true; }
    ~Optimistic() { optimistic = false; }
    Optimistic(const Optimistic&) = delete;
    Optimistic& operator=(const Optimistic&) = delete;
};
std::int64_t total_changes(SQLite::Database& db);
}  // namespace detail

// Runs `part` so that, if it throws, what it wrote is undone and its
// exception comes out, while the rest of the unit's writes stay. Without a
// savepoint when the writer runs optimistically: a part that throws before
// it writes anything (the usual refusal: checks come first) costs nothing.
template <class Part>
auto undoable(SQLite::Database& db, Part&& part) -> decltype(part()) {
    if (!detail::optimistic) {
        Savepoint savepoint(db, "part");
        auto result = part();
        savepoint.release();
        return result;
    }
    const std::int64_t before = detail::total_changes(db);
    try {
        return part();
    } catch (...) {
        if (detail::total_changes(db) != before) throw NeedsSavepoints{};
        throw;
    }
}

}  // namespace storage
