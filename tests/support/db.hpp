#pragma once
// A real SQLite file in a fresh temp directory, migrated, for tests.

#include <filesystem>
#include <memory>

#include <SQLiteCpp/Database.h>

#include "config/config.hpp"
#include "storage/database.hpp"
#include "storage/writer.hpp"

namespace testing_support {

struct TempDb {
    TempDb();
    ~TempDb();
    std::filesystem::path dir;
    config::Database cfg;  // path inside dir, synchronous FULL
    // A fresh read-write connection (already migrated).
    std::unique_ptr<SQLite::Database> connect() const;
    // A writer over its own connection.
    std::unique_ptr<storage::Writer> writer() const;
    long long count(const std::string& table, const std::string& where = "1") const;
};

}  // namespace testing_support
