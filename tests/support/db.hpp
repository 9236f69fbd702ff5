#pragma once
// A real SQLite file in a fresh temp directory, migrated, for tests.

#include <exception>
#include <filesystem>
#include <future>
#include <memory>

#include <SQLiteCpp/Database.h>

#include "config/config.hpp"
#include "storage/database.hpp"
#include "storage/writer.hpp"
#include "tests/support/paths.hpp"

namespace testing_support {

struct TempDb {
    TempDb();
    TempDir dir;
    config::Database cfg;  // path inside dir, synchronous FULL
    // A fresh read-write connection (already migrated).
    std::unique_ptr<SQLite::Database> connect() const;
    // A writer over its own connection.
    std::unique_ptr<storage::Writer> writer() const;
    long long count(const std::string& table, const std::string& where = "1") const;
};

// A row of the scheduler's table, for tests that need some row to write.
void insert_job(SQLite::Database& db, const std::string& name);

// Holds the writer until released: every unit queued behind it waits.
struct HeldWriter {
    // The future is taken here: the writer may start the unit only after
    // this object is gone.
    explicit HeldWriter(storage::Writer& writer) {
        writer.submit([held = release_.get_future().share()](SQLite::Database&) { held.wait(); },
                      [](std::exception_ptr) {});
    }
    ~HeldWriter() { release(); }
    void release() {
        if (!released_) release_.set_value();
        released_ = true;
    }
    std::promise<void> release_;
    bool released_ = false;
};

}  // namespace testing_support
