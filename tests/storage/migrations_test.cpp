#include <gtest/gtest.h>

#include <SQLiteCpp/Statement.h>

#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "tests/support/paths.hpp"

namespace {

struct FreshFile : ::testing::Test {
    testing_support::TempDir dir{"sitelead-migrate"};
    config::Database cfg{(dir / "m.db").string(), "FULL", 1000};

    // A database as the code of schema `version` left it.
    std::unique_ptr<SQLite::Database> at_version(int version) const {
        auto db = storage::open(cfg);
        const auto& steps = storage::migrations();
        for (int i = 0; i < version; ++i) db->exec(steps[i]);
        db->exec("PRAGMA user_version=" + std::to_string(version));
        return db;
    }
};

TEST_F(FreshFile, FreshDatabaseMigratesToTheCodesVersion) {
    auto db = storage::open(cfg);
    EXPECT_EQ(storage::current_version(*db), 0);
    EXPECT_EQ(storage::migrate(*db), storage::schema_version());
    EXPECT_EQ(storage::current_version(*db), storage::schema_version());
    for (const char* table : {"outbox", "processed_events", "interactions", "scheduler_runs",
                              "pto_requests", "pto_charges", "audit_trail"})
        EXPECT_TRUE(db->tableExists(table)) << table;
}

TEST_F(FreshFile, EveryMigrationStepAppliesOnItsOwn) {
    auto db = storage::open(cfg);
    const auto& steps = storage::migrations();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        ASSERT_NO_THROW(db->exec(steps[i])) << "step " << i + 1;
    }
}

TEST_F(FreshFile, MigratingTwiceChangesNothing) {
    auto db = storage::open(cfg);
    storage::migrate(*db);
    db->exec("INSERT INTO scheduler_runs (job, last_run_at) VALUES ('x', 1)");
    EXPECT_EQ(storage::migrate(*db), storage::schema_version());
    EXPECT_EQ(db->execAndGet("SELECT count(*) FROM scheduler_runs").getInt(), 1);
}

// Migration 8 rebuilds three tables; what was in them survives it.
TEST_F(FreshFile, RebuiltTablesKeepTheirRowsIdsAndSequence) {
    auto db = at_version(7);
    db->exec(R"sql(
INSERT INTO pto_requests (requester, leave_type, start_date, end_date, days, status, created_at)
VALUES ('U1', 'vacation', '2026-12-03', '2026-12-04', 2, 'pending', 1),
       ('U1', 'vacation', '2026-12-10', '2026-12-10', 1, 'pending', 2);
DELETE FROM pto_requests WHERE id = 2;  -- the sequence stays at 2
INSERT INTO pto_charges (request_id, year, days) VALUES (1, 2026, 2);
INSERT INTO pto_audit (request_id, action, actor, at) VALUES (1, 'created', 'U1', 1);
INSERT INTO outbox (request_id, created_at, recipient, method, payload, next_attempt_at)
VALUES ('r1', 1, 'UM', 'chat.postMessage', '{}', 1);
)sql");
    EXPECT_EQ(storage::migrate(*db), storage::schema_version());
    EXPECT_EQ(db->execAndGet("PRAGMA foreign_keys").getInt(), 1);
    EXPECT_EQ(db->execAndGet("SELECT group_concat(id) FROM pto_requests").getString(), "1");
    EXPECT_EQ(db->execAndGet("SELECT pending FROM pto_usage WHERE requester = 'U1'").getDouble(),
              2);
    // Migration 10 moved the PTO audit rows into the one audit trail.
    EXPECT_EQ(db->execAndGet("SELECT action || ':' || from_state || '>' || to_state FROM "
                             "audit_trail WHERE kind = 'PTO' AND item_id = 1")
                  .getString(),
              "created:>pending");
    EXPECT_EQ(db->execAndGet("SELECT state FROM outbox WHERE id = 1").getString(), "pending");
    // New ids continue after the highest ever given.
    db->exec(
        "INSERT INTO pto_requests (requester, leave_type, start_date, end_date, days, status, "
        "created_at) VALUES ('U1', 'vacation', '2026-12-17', '2026-12-17', 1, 'approved', 3)");
    EXPECT_EQ(db->getLastInsertRowid(), 3);
    db->exec("INSERT INTO pto_charges (request_id, year, days) VALUES (3, 2026, 1)");
    // The constraints still hold, and the child tables still point at the rebuilt one.
    EXPECT_THROW(db->exec("UPDATE pto_requests SET status = 'maybe' WHERE id = 3"),
                 SQLite::Exception);
    EXPECT_THROW(db->exec("UPDATE outbox SET state = 'lost' WHERE id = 1"), SQLite::Exception);
    EXPECT_THROW(db->exec("INSERT INTO pto_charges (request_id, year, days) VALUES (99, 2026, 1)"),
                 SQLite::Exception);
}

// Migration 14 rebuilds the outbox so that it takes webhooks; its rows,
// their links and its indexes come through unchanged.
TEST_F(FreshFile, OutboxRebuiltForWebhooksKeepsItsRowsAndIndexes) {
    auto db = at_version(13);
    db->exec(R"sql(
INSERT INTO outbox (request_id, created_at, recipient, method, payload, next_attempt_at)
VALUES ('r1', 1, 'UM', 'chat.postMessage', '{"text":"hi"}', 1);
INSERT INTO outbox (request_id, created_at, recipient, method, target_id, payload, state,
                    next_attempt_at)
VALUES ('r2', 2, 'UM', 'chat.update', 1, '{}', 'dead', 2);
)sql");
    const auto indexes = [&] {
        SQLite::Statement q(*db,
                            "SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index' "
                            "AND tbl_name = 'outbox' ORDER BY name");
        std::vector<std::string> out;
        while (q.executeStep()) out.push_back(q.getColumn(0).getString());
        return out;
    };
    const auto before = indexes();
    const char* webhook =
        "INSERT INTO outbox (request_id, created_at, recipient, method, payload, "
        "next_attempt_at) VALUES ('r3', 3, 'https://hooks.example/x', 'webhook', '{}', 3)";
    EXPECT_THROW(db->exec(webhook), SQLite::Exception);

    EXPECT_EQ(storage::migrate(*db), storage::schema_version());
    // The same indexes, and (steps 20 and 30) the one of pending Home tab
    // publishes, less (step 29) the one by request.
    auto expected = before;
    expected.insert(
        expected.begin() + 1,
        "outbox_home: CREATE INDEX outbox_home ON outbox (recipient, next_attempt_at, state, "
        "method)\n"
        "WHERE state = 'pending' AND method = 'views.publish'");
    ASSERT_EQ(expected[3].rfind("outbox_request: ", 0), 0u) << expected[3];
    expected.erase(expected.begin() + 3);
    EXPECT_EQ(indexes(), expected);
    EXPECT_EQ(before.size(), 4u);
    EXPECT_EQ(db->execAndGet("SELECT group_concat(id || method || state || coalesce(target_id, "
                             "'-') || payload, ' ') FROM outbox")
                  .getString(),
              R"(1chat.postMessagepending-{"text":"hi"} 2chat.updatedead1{})");
    EXPECT_NO_THROW(db->exec(webhook));
    EXPECT_THROW(db->exec("UPDATE outbox SET method = 'chat.delete' WHERE id = 1"),
                 SQLite::Exception);
    EXPECT_FALSE(SQLite::Statement(*db, "PRAGMA foreign_key_check").executeStep());
}

// Migration 30 makes the charges their key alone; they survive it, and the
// request they belong to must still exist.
TEST_F(FreshFile, ChargesRebuiltWithoutRowidKeepTheirRowsAndForeignKey) {
    auto db = at_version(29);
    db->exec(R"sql(
INSERT INTO pto_requests (requester, leave_type, start_date, end_date, days, status, created_at)
VALUES ('U1', 'vacation', '2026-12-30', '2027-01-04', 4, 'pending', 1);
INSERT INTO pto_charges (request_id, year, days) VALUES (1, 2026, 2), (1, 2027, 2);
)sql");
    EXPECT_EQ(storage::migrate(*db), storage::schema_version());
    EXPECT_EQ(db->execAndGet("SELECT group_concat(request_id || ':' || year || ':' || days, ' ') "
                             "FROM pto_charges")
                  .getString(),
              "1:2026:2.0 1:2027:2.0");
    EXPECT_NE(db->execAndGet("SELECT sql FROM sqlite_master WHERE name = 'pto_charges'")
                  .getString()
                  .find("WITHOUT ROWID"),
              std::string::npos);
    EXPECT_THROW(db->exec("INSERT INTO pto_charges (request_id, year, days) VALUES (9, 2026, 1)"),
                 SQLite::Exception);
    EXPECT_THROW(db->exec("INSERT INTO pto_charges (request_id, year, days) VALUES (1, 2026, 1)"),
                 SQLite::Exception);
}

TEST_F(FreshFile, TicketStemsAreFilledFromTheFullTextIndexOfOpenTickets) {
    auto db = at_version(14);
    db->exec(R"sql(
INSERT INTO tickets (requester, site, description, category, priority, status, due_at,
                     created_at, updated_at)
VALUES ('U1', 'lisbon', 'Printers jammed', 'it', 'normal', 'open', 1, 1, 1),
       ('U2', 'lisbon', 'toner low', 'supplies', 'low', 'resolved', 1, 1, 1);
INSERT INTO ticket_text (rowid, description) VALUES (1, 'Printers jammed');
)sql");
    EXPECT_EQ(storage::migrate(*db), storage::schema_version());
    EXPECT_EQ(db->execAndGet("SELECT group_concat(site || ':' || stem || ':' || ticket_id, ' ') "
                             "FROM (SELECT * FROM ticket_stems ORDER BY stem)")
                  .getString(),
              "lisbon:jam:1 lisbon:printer:1");
}

// A CHECK written as an IN list of three or more values makes SQLite build a
// temporary index each time a row is written; the writes of a new request and
// of its delivery have none. (A decision's usage trigger still joins through a
// temporary table: UPDATE ... FROM does.)
TEST_F(FreshFile, WritingTheHotTablesBuildsNoTemporaryIndex) {
    auto db = storage::open(cfg);
    storage::migrate(*db);
    for (const char* sql :
         {"INSERT INTO pto_requests (requester, leave_type, start_date, end_date, part, days, "
          "reason, status, approver, created_at) VALUES ('U', 'v', 'a', 'b', 'full', 1, '', "
          "'pending', 'M', 1)",
          "INSERT INTO pto_charges (request_id, year, days) VALUES (1, 2026, 1)",
          "INSERT INTO audit_trail (kind, item_id, action, to_state, actor, at) VALUES ('PTO', 1, "
          "'created', 'pending', 'U', 1)",
          "INSERT INTO outbox (request_id, created_at, recipient, method, payload, "
          "next_attempt_at) VALUES ('r', 1, 'U', 'chat.postMessage', '{}', 1)",
          "UPDATE outbox SET state = 'sent' WHERE id = 1"}) {
        SQLite::Statement explain(*db, std::string("EXPLAIN ") + sql);
        while (explain.executeStep())
            EXPECT_NE(explain.getColumn(1).getString(), "OpenEphemeral") << sql;
    }
}

TEST_F(FreshFile, DatabaseFromANewerVersionIsRefusedWithAClearMessage) {
    {
        auto db = storage::open(cfg);
        db->exec("PRAGMA user_version=" + std::to_string(storage::schema_version() + 1));
    }
    auto db = storage::open(cfg);
    try {
        storage::migrate(*db);
        FAIL() << "expected SchemaTooNew";
    } catch (const storage::SchemaTooNew& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("schema version " + std::to_string(storage::schema_version() + 1)),
                  std::string::npos)
            << what;
        EXPECT_NE(what.find("newer sitelead-bot"), std::string::npos) << what;
    }
    EXPECT_EQ(storage::current_version(*db), storage::schema_version() + 1);
}

TEST_F(FreshFile, ConnectionUsesWalForeignKeysAndConfiguredSynchronous) {
    cfg.synchronous = "NORMAL";
    auto db = storage::open(cfg);
    EXPECT_EQ(db->execAndGet("PRAGMA journal_mode").getString(), "wal");
    EXPECT_EQ(db->execAndGet("PRAGMA foreign_keys").getInt(), 1);
    EXPECT_EQ(db->execAndGet("PRAGMA synchronous").getInt(), 1);  // NORMAL
}

}  // namespace
