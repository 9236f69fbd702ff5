#include "storage/database.hpp"

#include <filesystem>
#include <mutex>

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include "storage/migrations.hpp"

namespace storage {

namespace {
// SQLite counts every allocation under one process-wide mutex unless told not
// to; the writer and the readers then queue on it. Nothing here reads those
// counts. Must run before the first connection opens (later it is a no-op).
void configure_sqlite() {
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}
}  // namespace

std::unique_ptr<SQLite::Database> open(const config::Database& cfg) {
    configure_sqlite();
    // SQLite creates the file, not the folder it goes in ("data/sitelead.db").
    if (const auto folder = std::filesystem::path(cfg.path).parent_path(); !folder.empty())
        std::filesystem::create_directories(folder);
    auto db = std::make_unique<SQLite::Database>(
        cfg.path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX,
        cfg.busy_timeout_ms);
    db->exec("PRAGMA journal_mode=WAL");
    db->exec("PRAGMA foreign_keys=ON");
    db->exec("PRAGMA synchronous=" + cfg.synchronous);
    // The writer runs each request in a SAVEPOINT; SQLite keeps the pages a
    // savepoint may have to restore in a sub-journal, which spills to a temp
    // file (a pwrite per page) past 64 KiB unless temp storage is in memory.
    db->exec("PRAGMA temp_store=MEMORY");
    if (cfg.max_size_mb > 0) {
        const std::int64_t page = db->execAndGet("PRAGMA page_size").getInt64();
        db->exec("PRAGMA max_page_count=" +
                 std::to_string(std::int64_t{cfg.max_size_mb} * 1024 * 1024 / page));
    }
    return db;
}

std::string unsaved_because(std::exception_ptr error) {
    try {
        if (error) std::rethrow_exception(error);
    } catch (const SQLite::Exception& e) {
        switch (e.getErrorCode()) {
            case SQLITE_FULL:
                return "the bot's disk is full";
            case SQLITE_BUSY:
            case SQLITE_LOCKED:
                return "its database is held by another program";
            case SQLITE_READONLY:
                return "its database cannot be written to";
            case SQLITE_IOERR:
                return "its disk failed to write";
            default:
                break;
        }
    } catch (...) {
    }
    return {};
}

std::unique_ptr<SQLite::Database> open_readonly(const config::Database& cfg) {
    configure_sqlite();
    auto db = std::make_unique<SQLite::Database>(
        cfg.path, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX, cfg.busy_timeout_ms);
    return db;
}

int schema_version() {
    return static_cast<int>(migrations().size());
}

int current_version(SQLite::Database& db) {
    return db.execAndGet("PRAGMA user_version").getInt();
}

int migrate(SQLite::Database& db) {
    const auto& steps = migrations();
    const int code = static_cast<int>(steps.size());
    int version = current_version(db);
    if (version > code)
        throw SchemaTooNew("the database is at schema version " + std::to_string(version) +
                           " but this sitelead-bot knows versions up to " + std::to_string(code) +
                           "; run a newer sitelead-bot or restore a backup of the database");
    if (version == code) return version;
    // A step may rebuild a table that others reference, as SQLite documents
    // it: with foreign keys off, and checked before its commit.
    struct ForeignKeysOff {
        SQLite::Database& db;
        bool were_on = db.execAndGet("PRAGMA foreign_keys").getInt() != 0;
        explicit ForeignKeysOff(SQLite::Database& d) : db(d) { db.exec("PRAGMA foreign_keys=OFF"); }
        ~ForeignKeysOff() {
            if (were_on) db.exec("PRAGMA foreign_keys=ON");
        }
    } off(db);
    for (; version < code; ++version) {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        db.exec(steps[version]);
        SQLite::Statement check(db, "PRAGMA foreign_key_check");
        if (check.executeStep())
            throw std::runtime_error("migration " + std::to_string(version + 1) +
                                     " left a row of " + check.getColumn(0).getString() +
                                     " referring to a missing row of " +
                                     check.getColumn(2).getString());
        db.exec("PRAGMA user_version=" + std::to_string(version + 1));
        tx.commit();
    }
    return version;
}

}  // namespace storage
