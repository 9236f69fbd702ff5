#pragma once
// The one writer: owns the read-write connection on its own thread and
// commits many requests' work in one transaction (group commit).
//
// A unit of work is a function over the connection. The writer takes all
// units queued, opens one BEGIN IMMEDIATE, runs them, commits once, and only
// then calls each unit's completion. A unit that throws gets its exception
// and leaves no trace. Units run without savepoints (their sub-journal was a
// fifth of the writer's work): when one throws after writing, or a part of
// it (storage::undoable) does, the transaction is rolled back and the units
// before it run again, each in its own savepoint, as does the rest of the
// batch. So a unit may run more than once and only its last run commits:
// whatever it does outside the database must be an assignment, not an
// accumulation. So no completion (and no
// HTTP reply built from it) runs before the commit that holds its data is
// durable. Under light load a batch holds one unit and adds no delay; under
// heavy load it holds everything that arrived during the previous commit.
//
// Durability is pipelined. When the connection asks for synchronous=FULL in
// WAL mode, the writer commits without waiting for the disk (NORMAL) and a
// second thread fdatasyncs the WAL, then runs the completions of every batch
// that sync covers. The writer meanwhile runs the next batch: the disk flush
// is off the serial path, and still no completion runs before its data is
// on disk. (A reader may see a committed row a few milliseconds before it is
// durable; nothing is acknowledged before.) Other settings are left as the
// configuration says.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "storage/checkpoint.hpp"
#include "storage/query.hpp"

namespace storage {

class Writer {
public:
    using Work = std::function<void(SQLite::Database&)>;
    // Called after the commit is durable (or the failure), on the writer's
    // or the sync thread: keep it short, post to your own executor.
    using Done = std::function<void(std::exception_ptr)>;

    // A checkpoint every `checkpoint_frames` WAL frames (storage/checkpoint.hpp):
    // each one's copy and database-file sync is a burst of writes the disk
    // serves before the WAL's next sync, so the tail of commit latency
    // follows its size. 250 frames (1 MiB) rather than SQLite's 1,000:
    // p99 of created PTO requests 7.5 to 9.5 ms against 11.2 to 12.7 at 32
    // connections, throughput within the runs' swing
    // (bench/history/3-the-ratio-from-session-18.md).
    explicit Writer(std::unique_ptr<SQLite::Database> db, std::size_t max_batch = 512,
                    int checkpoint_frames = 250);
    ~Writer();
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void submit(Work work, Done done);
    // Blocks the caller until the work is committed; rethrows its exception.
    // For start-up, the CLI and tests, never for the io threads.
    void run(Work work);
    // Finishes everything queued, then joins the thread. Idempotent.
    void stop();

    std::uint64_t commits() const;
    std::uint64_t units() const;
    // fdatasyncs of the WAL by the sync thread (0 when durability is left
    // to SQLite).
    std::uint64_t syncs() const;
    // Batches whose outcome has been told (their completions called): a
    // commit is counted before anyone can hear of it (storage::Snapshot).
    std::uint64_t announced() const { return announced_.load(std::memory_order_acquire); }

    // A copy of a table kept in memory follows the writes: after each
    // transaction that wrote rows of `table` has ended, committed or rolled
    // back, and before its commit is announced, `reread` is called on the
    // writer's thread, in a read transaction of its own, with the rowids
    // written (ascending, each once), to read them again as they now are.
    // `start` runs first, on the writer's thread in a transaction, to read
    // the table whole: no write falls between the two. Blocks until it has.
    // Call it before the writer has other work; one follower a table. Only
    // writes through this writer are seen.
    using Reread = std::function<void(SQLite::Database&, const std::vector<std::int64_t>&)>;
    void follow(std::string table, Work start, Reread reread);

private:
    struct Unit {
        Work work;
        Done done;
    };
    // A batch whose completions wait for the sync thread.
    struct Committed {
        std::deque<Unit> units;
        std::vector<std::exception_ptr> errors;  // per unit
        bool needs_sync = false;                 // false: it was rolled back
        bool checkpoint = false;                 // the sync thread checkpoints after it
    };
    void loop();
    std::size_t take(std::deque<Unit>& into);  // with mutex_ held
    void apply(Committed& batch, std::size_t n);
    void replay(Committed& batch, std::size_t count);
    void run_guarded(Committed& batch, std::size_t i);
    void hand_over(Committed batch, bool committed);
    void sync_loop();
    void complete(Committed& batch, std::exception_ptr sync_error);
    void tell_followers();

    std::unique_ptr<SQLite::Database> db_;
    std::unique_ptr<StatementCache> statements_;  // before db_ closes, it goes
    std::size_t max_batch_;
    bool optimistic_ = true;    // this transaction runs units without savepoints
    mutable std::mutex mutex_;  // guards everything below but the threads
    std::condition_variable wake_;
    std::deque<Unit> queue_;
    bool stopping_ = false;
    std::uint64_t commits_ = 0;
    std::uint64_t units_ = 0;

    bool pipelined_ = false;
    std::string wal_path_;
    int wal_fd_ = -1;         // opened by the sync thread on first use
    bool sync_busy_ = false;  // a committed batch waits for its sync
    // The WAL is being copied into the database file: the next transaction
    // begins after that, so that SQLite can start the WAL over.
    bool checkpoint_pending_ = false;
    std::unique_ptr<Checkpointer> checkpointer_;
    // Only the writer's thread touches these (follow() installs through run()).
    struct Follower {
        std::string table;
        Reread reread;
        std::vector<std::int64_t> written;
    };
    std::vector<Follower> followers_;
    std::condition_variable sync_wake_;
    std::deque<Committed> to_sync_;
    bool sync_stopping_ = false;
    std::uint64_t syncs_ = 0;
    std::atomic<std::uint64_t> announced_{0};
    std::thread syncer_;

    std::thread thread_;
};

}  // namespace storage
