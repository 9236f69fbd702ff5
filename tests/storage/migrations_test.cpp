#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "tests/support/paths.hpp"

namespace {

struct FreshFile : ::testing::Test {
    std::filesystem::path dir = testing_support::make_temp_dir("sitelead-migrate");
    config::Database cfg{(dir / "m.db").string(), "FULL", 1000};
    ~FreshFile() override { std::filesystem::remove_all(dir); }
};

TEST_F(FreshFile, FreshDatabaseMigratesToTheCodesVersion) {
    auto db = storage::open(cfg);
    EXPECT_EQ(storage::current_version(*db), 0);
    EXPECT_EQ(storage::migrate(*db), storage::schema_version());
    EXPECT_EQ(storage::current_version(*db), storage::schema_version());
    for (const char* table : {"outbox", "processed_events", "interactions", "scheduler_runs",
                              "pto_requests", "pto_charges", "pto_audit"})
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
