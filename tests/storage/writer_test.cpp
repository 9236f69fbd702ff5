#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <latch>
#include <memory>
#include <thread>

#include <SQLiteCpp/Statement.h>

#include "storage/savepoint.hpp"
#include "storage/writer.hpp"
#include "tests/support/db.hpp"

namespace {

using testing_support::insert_job;
using testing_support::TempDb;

// Keeps the writer busy in a unit of its own (writing `job` first, if given)
// until release(), so that what is submitted meanwhile forms one batch.
class Hold {
public:
    explicit Hold(storage::Writer& writer, std::string job = "") {
        writer.submit(
            [latches = latches_, job](SQLite::Database& db) {
                if (!job.empty()) insert_job(db, job);
                latches->running.count_down();
                latches->release.wait();
            },
            [](std::exception_ptr) {});
        latches_->running.wait();
    }
    ~Hold() { release(); }
    void release() {
        if (!released_) latches_->release.count_down();
        released_ = true;
    }

private:
    struct Latches {
        std::latch running{1}, release{1};
    };
    // Shared with the unit, which may still be waking up when the test ends.
    std::shared_ptr<Latches> latches_ = std::make_shared<Latches>();
    bool released_ = false;
};

TEST(Writer, UnitsQueuedDuringACommitShareTheNextCommit) {
    TempDb tmp;
    auto writer = tmp.writer();
    std::latch first_running(1), release_first(1);
    std::atomic<int> done{0};
    writer->submit(
        [&](SQLite::Database& db) {
            insert_job(db, "first");
            first_running.count_down();
            release_first.wait();
        },
        [&](std::exception_ptr) { ++done; });
    first_running.wait();
    for (int i = 0; i < 50; ++i)
        writer->submit([i](SQLite::Database& db) { insert_job(db, "job" + std::to_string(i)); },
                       [&](std::exception_ptr e) {
                           EXPECT_FALSE(e);
                           ++done;
                       });
    release_first.count_down();
    writer->stop();
    EXPECT_EQ(done.load(), 51);
    EXPECT_EQ(writer->units(), 51u);
    EXPECT_EQ(writer->commits(), 2u);
    EXPECT_EQ(tmp.count("scheduler_runs"), 51);
}

TEST(Writer, AFailingUnitIsRolledBackAloneAndGetsItsError) {
    TempDb tmp;
    auto writer = tmp.writer();
    Hold hold(*writer);  // what is submitted now goes into one batch
    std::promise<std::exception_ptr> a, b, c;
    writer->submit([](SQLite::Database& db) { insert_job(db, "a"); },
                   [&](std::exception_ptr e) { a.set_value(e); });
    writer->submit(
        [](SQLite::Database& db) {
            insert_job(db, "b");
            throw std::runtime_error("unit b failed");
        },
        [&](std::exception_ptr e) { b.set_value(e); });
    writer->submit([](SQLite::Database& db) { insert_job(db, "c"); },
                   [&](std::exception_ptr e) { c.set_value(e); });
    hold.release();
    EXPECT_FALSE(a.get_future().get());
    auto error = b.get_future().get();
    ASSERT_TRUE(error);
    EXPECT_THROW(std::rethrow_exception(error), std::runtime_error);
    EXPECT_FALSE(c.get_future().get());
    writer->stop();
    EXPECT_EQ(tmp.count("scheduler_runs", "job IN ('a', 'c')"), 2);
    EXPECT_EQ(tmp.count("scheduler_runs", "job = 'b'"), 0);
    EXPECT_EQ(writer->commits(), 2u);
}

// Units run without savepoints; when one fails after writing, the units
// before it run again (each in a savepoint now), and those after it too.
TEST(Writer, AUnitThatFailsAfterWritingMakesTheOthersRunAgainWithoutIt) {
    TempDb tmp;
    auto writer = tmp.writer();
    Hold hold(*writer);  // what is submitted now goes into one batch
    std::atomic<int> runs_a{0}, runs_b{0}, runs_c{0};
    std::promise<std::exception_ptr> b;
    writer->submit(
        [&](SQLite::Database& db) {
            ++runs_a;
            insert_job(db, "a");
        },
        [](std::exception_ptr) {});
    writer->submit(
        [&](SQLite::Database& db) {
            ++runs_b;
            insert_job(db, "b");
            throw std::runtime_error("unit b failed");
        },
        [&](std::exception_ptr e) { b.set_value(e); });
    writer->submit(
        [&](SQLite::Database& db) {
            ++runs_c;
            insert_job(db, "c");
        },
        [](std::exception_ptr) {});
    hold.release();
    EXPECT_TRUE(b.get_future().get());
    writer->stop();
    EXPECT_EQ(runs_a.load(), 2);  // once optimistically, once after the rollback
    EXPECT_EQ(runs_b.load(), 1);  // a failed unit is not run again
    EXPECT_EQ(runs_c.load(), 1);
    EXPECT_EQ(tmp.count("scheduler_runs", "job IN ('a', 'c')"), 2);
    EXPECT_EQ(tmp.count("scheduler_runs", "job = 'b'"), 0);
}

TEST(Writer, AUnitThatFailsBeforeWritingCostsTheOthersNothing) {
    TempDb tmp;
    auto writer = tmp.writer();
    Hold hold(*writer, "first");
    std::atomic<int> runs_first_after{0};
    std::promise<std::exception_ptr> refused;
    writer->submit([](SQLite::Database&) { throw std::runtime_error("checked, refused"); },
                   [&](std::exception_ptr e) { refused.set_value(e); });
    writer->submit(
        [&](SQLite::Database& db) {
            ++runs_first_after;
            insert_job(db, "after");
        },
        [](std::exception_ptr) {});
    hold.release();
    EXPECT_TRUE(refused.get_future().get());
    writer->stop();
    EXPECT_EQ(runs_first_after.load(), 1);
    EXPECT_EQ(tmp.count("scheduler_runs"), 2);
}

// A part of a unit (a handler's writes) is undone alone when it throws: with
// no savepoint if it threw before writing, else by running the unit again
// with savepoints. Either way the unit's other writes stay and it sees the
// part's exception.
TEST(Writer, AnUndoablePartIsUndoneAloneAndTheUnitGoesOn) {
    TempDb tmp;
    auto writer = tmp.writer();
    std::atomic<int> runs{0};
    for (const bool wrote_first : {false, true}) {
        const std::string tag = wrote_first ? "late" : "early";
        writer->run([&](SQLite::Database& db) {
            ++runs;
            insert_job(db, tag + "-before");
            try {
                storage::undoable(db, [&] {
                    if (wrote_first) insert_job(db, tag + "-part");
                    throw std::invalid_argument("refused");
                    return 0;
                });
            } catch (const std::invalid_argument&) {
                insert_job(db, tag + "-refusal-noted");
            }
        });
    }
    EXPECT_EQ(runs.load(), 3);  // the late refusal ran its unit a second time
    EXPECT_EQ(tmp.count("scheduler_runs", "job LIKE '%-part'"), 0);
    EXPECT_EQ(tmp.count("scheduler_runs", "job LIKE '%-before'"), 2);
    EXPECT_EQ(tmp.count("scheduler_runs", "job LIKE '%-refusal-noted'"), 2);
}

// Outside the writer's optimistic runs (a test, the CLI) a part simply has
// its own savepoint.
TEST(Writer, AnUndoablePartOutsideTheWriterUsesASavepoint) {
    TempDb tmp;
    auto db = tmp.connect();
    db->exec("BEGIN");
    insert_job(*db, "kept");
    EXPECT_THROW(storage::undoable(*db,
                                   [&] {
                                       insert_job(*db, "undone");
                                       throw std::invalid_argument("refused");
                                       return 0;
                                   }),
                 std::invalid_argument);
    db->exec("COMMIT");
    EXPECT_EQ(tmp.count("scheduler_runs", "job = 'kept'"), 1);
    EXPECT_EQ(tmp.count("scheduler_runs", "job = 'undone'"), 0);
}

TEST(Writer, CompletionRunsOnlyAfterTheDataIsCommitted) {
    TempDb tmp;
    auto writer = tmp.writer();
    auto reader = tmp.connect();
    std::promise<long long> seen;
    writer->submit([](SQLite::Database& db) { insert_job(db, "visible"); },
                   [&](std::exception_ptr) {
                       // Another connection sees the row: the commit has happened. The
                       // statement is finished before the test may end and close it.
                       const long long rows =
                           reader->execAndGet("SELECT count(*) FROM scheduler_runs").getInt64();
                       seen.set_value(rows);
                   });
    EXPECT_EQ(seen.get_future().get(), 1);
}

TEST(Writer, RunRethrowsTheUnitsException) {
    TempDb tmp;
    auto writer = tmp.writer();
    EXPECT_THROW(writer->run([](SQLite::Database&) { throw std::logic_error("boom"); }),
                 std::logic_error);
    EXPECT_NO_THROW(writer->run([](SQLite::Database& db) { insert_job(db, "after"); }));
    EXPECT_EQ(tmp.count("scheduler_runs"), 1);
}

TEST(Writer, StopFinishesQueuedWorkAndRefusesNewWork) {
    TempDb tmp;
    auto writer = tmp.writer();
    std::atomic<int> done{0};
    for (int i = 0; i < 20; ++i)
        writer->submit([i](SQLite::Database& db) { insert_job(db, std::to_string(i)); },
                       [&](std::exception_ptr e) {
                           if (!e) ++done;
                       });
    writer->stop();
    EXPECT_EQ(done.load(), 20);
    std::exception_ptr refused;
    writer->submit([](SQLite::Database&) {}, [&](std::exception_ptr e) { refused = e; });
    EXPECT_TRUE(refused);
}

}  // namespace

TEST(Writer, SyncsTheLogBeforeAnyCompletionWhenCommitsMustBeDurable) {
    TempDb tmp;  // synchronous=FULL, the default
    auto writer = tmp.writer();
    std::atomic<std::uint64_t> syncs_seen{0};
    writer->run([](SQLite::Database& db) { insert_job(db, "one"); });
    writer->submit([](SQLite::Database& db) { insert_job(db, "two"); },
                   [&](std::exception_ptr) { syncs_seen = writer->syncs(); });
    writer->run([](SQLite::Database&) {});
    // The second unit's completion ran after a sync that covered it.
    EXPECT_GE(syncs_seen.load(), 2u);
    EXPECT_EQ(tmp.count("scheduler_runs"), 2);
}

TEST(Writer, LeavesDurabilityToSqliteWhenTheConfigurationAsksForLess) {
    TempDb tmp;
    tmp.cfg.synchronous = "NORMAL";
    auto writer = tmp.writer();
    writer->run([](SQLite::Database& db) { insert_job(db, "one"); });
    EXPECT_EQ(writer->syncs(), 0u);
}

// How many times the WAL has started over: its header's checkpoint
// sequence (bytes 12 to 15, big-endian), written anew at each start.
std::uint32_t wal_starts(const TempDb& tmp) {
    std::ifstream in(tmp.cfg.path + "-wal", std::ios::binary);
    unsigned char b[16] = {};
    in.read(reinterpret_cast<char*>(b), sizeof b);
    return std::uint32_t{b[12]} << 24 | std::uint32_t{b[13]} << 16 | std::uint32_t{b[14]} << 8 |
           b[15];
}

// The sync thread checkpoints every so many frames, and the WAL starts over
// instead of growing: without checkpoints, or without the writer beginning
// its next transaction on a WAL that is all copied, it would never start
// over. Commits go on while the early half copies (storage/checkpoint.hpp),
// so how many pass before it does depends on how soon that thread (at a
// lower priority) runs: a loaded machine saw the WAL reach 105 frames
// first, and 240 with four busy loops beside the test on two cores. So the
// test commits until the WAL has started over three times.
TEST(Writer, CheckpointsOffTheWriterAndTheLogStartsOver) {
    TempDb tmp;  // synchronous=FULL: pipelined
    auto writer = std::make_unique<storage::Writer>(storage::open(tmp.cfg), 512, 20);
    const std::string page(3000, 'x');
    writer->run([&](SQLite::Database& db) { insert_job(db, "first" + page); });
    const auto before = wal_starts(tmp);
    int commits = 1;
    for (; commits < 5000 && wal_starts(tmp) < before + 3; ++commits)
        writer->run([&](SQLite::Database& db) { insert_job(db, std::to_string(commits) + page); });
    EXPECT_GE(wal_starts(tmp), before + 3) << "in " << commits << " commits";
    writer.reset();
    EXPECT_EQ(tmp.count("scheduler_runs"), commits);
}

// A batch's first frame may start the WAL over, which must wait for the
// database file's sync after a checkpoint (storage/checkpoint.hpp): so the
// pipelined writer never writes frames before its commit, not even when a
// batch outgrows SQLite's page cache (which would otherwise spill pages to
// the WAL in the middle of the transaction).
TEST(Writer, APipelinedBatchWritesNothingToTheLogBeforeItCommits) {
    TempDb tmp;  // synchronous=FULL: pipelined
    auto db = storage::open(tmp.cfg);
    db->exec("PRAGMA cache_size=10");  // pages: a few rows outgrow it
    auto writer = std::make_unique<storage::Writer>(std::move(db));
    writer->run([](SQLite::Database& db) { insert_job(db, "first"); });
    const std::string wal = tmp.cfg.path + "-wal";
    std::uintmax_t before = 0, during = 0;
    writer->run([&](SQLite::Database& db) {
        before = std::filesystem::file_size(wal);
        for (int i = 0; i < 200; ++i) insert_job(db, std::to_string(i) + std::string(3000, 'x'));
        during = std::filesystem::file_size(wal);
    });
    EXPECT_EQ(during, before) << "pages spilled to the WAL before the commit";
    EXPECT_GT(std::filesystem::file_size(wal), before);
    writer.reset();
    EXPECT_EQ(tmp.count("scheduler_runs"), 201);
}

namespace {

std::uintmax_t wal_size(const TempDb& tmp) {
    return std::filesystem::file_size(tmp.cfg.path + "-wal");
}

// The frames in the WAL: a 32-byte header, then a 24-byte header and a page
// (4 KiB, SQLite's default) a frame.
std::uintmax_t wal_frames(const TempDb& tmp) {
    const auto size = wal_size(tmp);
    return size < 32 ? 0 : (size - 32) / (24 + 4096);
}

}  // namespace

// The early half of a checkpoint copies the WAL into the database file while
// commits go on (storage/checkpoint.hpp): until its pin goes, a commit
// appends to the WAL, whose frames the file may not hold durably yet,
// instead of starting it over; after the final half, the next commit
// starts it over.
TEST(Checkpointer, ACommitDuringTheEarlyHalfAppendsAndTheLogStartsOverAfterTheFinalHalf) {
    TempDb tmp;
    auto db = storage::open(tmp.cfg);
    db->exec("PRAGMA synchronous=NORMAL");
    storage::Checkpointer checkpointer(*db, 1'000'000);  // never due by itself
    const std::string page(3000, 'x');
    for (int i = 0; i < 10; ++i) insert_job(*db, "before " + std::to_string(i) + page);
    const auto full = wal_size(tmp);
    checkpointer.copy_early([&] {
        insert_job(*db, "during" + page);
        EXPECT_GT(wal_size(tmp), full) << "a commit started the WAL over during the early half";
    });
    EXPECT_EQ(checkpointer.early_copies(), 1u);
    const auto grown = wal_size(tmp);
    EXPECT_GT(grown, full);
    checkpointer.copy();
    checkpointer.sync_database();
    insert_job(*db, "after" + page);
    EXPECT_EQ(wal_size(tmp), grown) << "the WAL did not start over";
    EXPECT_EQ(tmp.count("scheduler_runs"), 12);
}

// Once the WAL has grown by its frames, due() starts the early half on the
// checkpointer's thread; the commit after it has run is told to run the
// final half, once.
TEST(Checkpointer, WhenDueTheEarlyHalfRunsOnItsThreadThenTheFinalHalfIsDueOnce) {
    TempDb tmp;
    auto db = storage::open(tmp.cfg);
    db->exec("PRAGMA synchronous=NORMAL");
    // The migrations' frames out of the WAL, so that it counts from zero.
    db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    constexpr int kEvery = 20;
    storage::Checkpointer checkpointer(*db, kEvery);
    const std::string page(3000, 'x');
    insert_job(*db, "first" + page);
    ASSERT_LT(wal_frames(tmp), std::uintmax_t{kEvery});
    EXPECT_FALSE(checkpointer.due());
    EXPECT_EQ(checkpointer.early_copies(), 0u);
    for (int i = 0; wal_frames(tmp) < kEvery; ++i) insert_job(*db, std::to_string(i) + page);
    EXPECT_FALSE(checkpointer.due());  // the early half begins
    for (int i = 0; i < 500 && checkpointer.early_copies() == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_EQ(checkpointer.early_copies(), 1u);
    EXPECT_TRUE(checkpointer.due());
    EXPECT_FALSE(checkpointer.due());
}
