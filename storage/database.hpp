#pragma once
// Opening the one SQLite file and bringing its schema up to date.
//
// Threading model: one writer thread owns the only read-write connection
// (storage::Writer); every state change runs there, so SQLite never sees two
// writers and there is no SQLITE_BUSY on the hot path. Anything else that
// reads (the CLI, the outbox worker's scans, tests) opens its own connection:
// WAL lets readers run beside the writer. A connection is never shared across
// threads at once.

#include <exception>
#include <memory>
#include <stdexcept>
#include <string>

#include <SQLiteCpp/Database.h>

#include "config/config.hpp"

namespace storage {

// A database file written by a newer sitelead-bot than this one.
class SchemaTooNew : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A connection is used by one thread at a time (the writer's, the outbox
// worker's strand, a mutex-guarded reader), so both open without SQLite's
// per-call mutex.
//
// Opens (creating if needed) with WAL, foreign keys, the configured
// synchronous level and busy timeout.
std::unique_ptr<SQLite::Database> open(const config::Database& cfg);
// A read-only connection for readers beside the writer.
// Why a write failed, as the person who asked can be told ("the bot's disk
// is full"), for what the operator must fix (a full disk, a lock held by
// another program, a read-only or failing disk); empty for anything else.
std::string unsaved_because(std::exception_ptr error);

std::unique_ptr<SQLite::Database> open_readonly(const config::Database& cfg);

// The schema version this code writes.
int schema_version();
// Applies every missing migration, each in its own transaction together with
// its PRAGMA user_version. Throws SchemaTooNew for a database from the future.
// Returns the version the database is at afterwards.
int migrate(SQLite::Database& db);
int current_version(SQLite::Database& db);

}  // namespace storage
