#include "storage/writer.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <future>

#include <fcntl.h>
#include <unistd.h>

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "core/threads.hpp"
#include "storage/savepoint.hpp"

namespace storage {

namespace {

// True when the connection is a file in WAL mode asking for a sync at every
// commit (FULL or EXTRA).
bool wants_synced_commits(SQLite::Database& db) {
    const std::string mode = db.execAndGet("PRAGMA journal_mode").getString();
    const int synchronous = db.execAndGet("PRAGMA synchronous").getInt();
    const char* file = sqlite3_db_filename(db.getHandle(), "main");
    return mode == "wal" && synchronous >= 2 && file && *file;
}

}  // namespace

Writer::Writer(std::unique_ptr<SQLite::Database> db, std::size_t max_batch, int checkpoint_frames)
    : db_(std::move(db)),
      statements_(std::make_unique<StatementCache>(*db_)),
      max_batch_(max_batch) {
    if (wants_synced_commits(*db_)) {
        pipelined_ = true;
        wal_path_ = sqlite3_filename_wal(sqlite3_db_filename(db_->getHandle(), "main"));
        db_->exec("PRAGMA synchronous=NORMAL");
        // No frame before the commit: a batch's first frame may start the
        // WAL over, which must wait until the database file is synced after
        // a checkpoint (storage/checkpoint.hpp). A batch that outgrows the
        // page cache would otherwise spill pages to the WAL mid-transaction.
        db_->exec("PRAGMA cache_spill=OFF");
        checkpointer_ = std::make_unique<Checkpointer>(*db_, checkpoint_frames);
        syncer_ = std::thread([this] { sync_loop(); });
    }
    thread_ = std::thread([this] { loop(); });
}

Writer::~Writer() {
    stop();
}

void Writer::submit(Work work, Done done) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) {
            done(std::make_exception_ptr(std::runtime_error("the database writer has stopped")));
            return;
        }
        queue_.push_back(Unit{std::move(work), std::move(done)});
    }
    wake_.notify_one();
}

void Writer::run(Work work) {
    std::promise<void> committed;
    auto result = committed.get_future();
    submit(std::move(work), [&committed](std::exception_ptr error) {
        if (error)
            committed.set_exception(error);
        else
            committed.set_value();
    });
    result.get();
}

void Writer::follow(std::string table, Work start, Reread reread) {
    run([&](SQLite::Database& db) {
        // An assignment, as a unit must be (it may run again): one follower
        // a table.
        start(db);
        std::erase_if(followers_, [&](const Follower& f) { return f.table == table; });
        followers_.push_back(Follower{table, reread, {}});
        // A row was inserted, updated or deleted by the transaction under
        // way (which may yet be rolled back).
        auto written = [](void* self, int, const char*, const char* table, sqlite3_int64 rowid) {
            for (auto& f : static_cast<Writer*>(self)->followers_)
                if (f.table == table) f.written.push_back(rowid);
        };
        sqlite3_update_hook(db.getHandle(), written, this);
    });
}

void Writer::tell_followers() {
    if (std::all_of(followers_.begin(), followers_.end(),
                    [](const Follower& f) { return f.written.empty(); }))
        return;
    // One read transaction for all the rows. Without it (it failed to
    // begin), each follower reads anyway and meets the failure itself.
    bool began = false;
    try {
        execute(*db_, "BEGIN");
        began = true;
    } catch (const std::exception& e) {
        spdlog::error("writer: cannot begin reading written rows again: {}", e.what());
    }
    for (auto& f : followers_) {
        if (f.written.empty()) continue;
        std::sort(f.written.begin(), f.written.end());
        f.written.erase(std::unique(f.written.begin(), f.written.end()), f.written.end());
        try {
            f.reread(*db_, f.written);
        } catch (const std::exception& e) {
            spdlog::error("writer: reading {} row(s) of {} again failed: {}", f.written.size(),
                          f.table, e.what());
        }
        f.written.clear();
    }
    try {
        if (began) execute(*db_, "COMMIT");
    } catch (const std::exception& e) {
        spdlog::error("writer: cannot end reading written rows again: {}", e.what());
    }
}

void Writer::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && !thread_.joinable()) return;
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
    {
        std::lock_guard lock(mutex_);
        sync_stopping_ = true;
    }
    sync_wake_.notify_one();
    if (syncer_.joinable() && syncer_.get_id() != std::this_thread::get_id()) syncer_.join();
    if (wal_fd_ >= 0) {
        ::close(wal_fd_);
        wal_fd_ = -1;
    }
}

std::uint64_t Writer::commits() const {
    std::lock_guard lock(mutex_);
    return commits_;
}

std::uint64_t Writer::units() const {
    std::lock_guard lock(mutex_);
    return units_;
}

std::uint64_t Writer::syncs() const {
    std::lock_guard lock(mutex_);
    return syncs_;
}

void Writer::loop() {
    core::start_thread("sitelead-writer", core::ThreadRole::writing);
    const UseCache cached(*statements_);
    for (;;) {
        Committed batch;
        std::size_t taken = 0;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock,
                       [this] { return (stopping_ || !queue_.empty()) && !checkpoint_pending_; });
            if (queue_.empty()) return;  // stopping and drained
            taken = take(batch.units);
        }
        std::exception_ptr batch_error;
        try {
            execute(*db_, "BEGIN IMMEDIATE");
            optimistic_ = true;
            apply(batch, taken);
            // While the last batch is being synced, keep the transaction open
            // and take what arrives: the next commit carries it all. It never
            // commits before that sync (and a checkpoint's) has returned.
            for (;;) {
                std::unique_lock lock(mutex_);
                wake_.wait(lock, [this, &batch] {
                    return !sync_busy_ || (!queue_.empty() && batch.units.size() < max_batch_);
                });
                if (!sync_busy_) break;
                taken = take(batch.units);
                lock.unlock();
                apply(batch, taken);
            }
            execute(*db_, "COMMIT");
        } catch (...) {
            // The transaction itself failed (disk full, I/O error): nothing in
            // this batch is durable, so every unit gets the error.
            batch_error = std::current_exception();
            spdlog::error("database commit failed; {} unit(s) rolled back", batch.units.size());
            try {
                if (!db_->getHandle() || sqlite3_get_autocommit(db_->getHandle()) == 0)
                    db_->exec("ROLLBACK");
            } catch (...) {
            }
            // Units taken but not run yet get the same error.
            batch.errors.resize(batch.units.size());
            for (auto& e : batch.errors) e = batch_error;
        }
        tell_followers();
        hand_over(std::move(batch), !batch_error);
    }
}

std::size_t Writer::take(std::deque<Unit>& into) {
    std::size_t n = 0;
    while (!queue_.empty() && into.size() < max_batch_) {
        into.push_back(std::move(queue_.front()));
        queue_.pop_front();
        ++n;
    }
    return n;
}

// Runs the last `n` units of the batch: optimistically, with no savepoints,
// until something has to be undone; from then on, for the rest of this
// transaction, each unit in its own savepoint.
void Writer::apply(Committed& batch, std::size_t n) {
    for (std::size_t i = batch.units.size() - n; i < batch.units.size(); ++i) {
        batch.errors.emplace_back();
        if (!optimistic_) {
            run_guarded(batch, i);
            continue;
        }
        const std::int64_t before = detail::total_changes(*db_);
        try {
            detail::Optimistic scope;
            batch.units[i].work(*db_);
        } catch (const NeedsSavepoints&) {
            replay(batch, i + 1);  // this unit too: it did not fail, a part of it did
        } catch (...) {
            // SQLite itself rolled the transaction back (a full disk, say):
            // the units before this one are undone too, and what follows
            // must not run outside a transaction. The batch fails whole.
            if (sqlite3_get_autocommit(db_->getHandle()) != 0) throw;
            batch.errors[i] = std::current_exception();
            // A unit that failed before writing anything leaves nothing to undo.
            if (detail::total_changes(*db_) != before) replay(batch, i);
        }
    }
}

// The transaction holds writes that must not commit (a failed unit's, or a
// part's with no savepoint). Rolls it all back, then runs again, each in its
// own savepoint, the first `count` units that have not failed; they ran
// before on the same state, minus the writes now undone.
void Writer::replay(Committed& batch, std::size_t count) {
    spdlog::debug("writer: rolling back {} unit(s) to run them with savepoints", count);
    if (sqlite3_get_autocommit(db_->getHandle()) == 0) execute(*db_, "ROLLBACK");
    execute(*db_, "BEGIN IMMEDIATE");
    optimistic_ = false;
    for (std::size_t j = 0; j < count; ++j)
        if (!batch.errors[j]) run_guarded(batch, j);
}

void Writer::run_guarded(Committed& batch, std::size_t i) {
    try {
        Savepoint unit(*db_, "unit");
        batch.units[i].work(*db_);
        unit.release();
    } catch (...) {
        // As in apply(): a transaction SQLite rolled back fails the batch.
        if (sqlite3_get_autocommit(db_->getHandle()) != 0) throw;
        batch.errors[i] = std::current_exception();
    }
}

void Writer::hand_over(Committed batch, bool committed) {
    batch.needs_sync = committed;
    batch.checkpoint = committed && checkpointer_ && checkpointer_->due();
    {
        std::lock_guard lock(mutex_);
        if (committed) ++commits_;
        units_ += batch.units.size();
        if (pipelined_) {
            if (batch.checkpoint) checkpoint_pending_ = true;
            to_sync_.push_back(std::move(batch));
            sync_busy_ = true;
        }
    }
    if (pipelined_)
        sync_wake_.notify_one();
    else
        complete(batch, nullptr);
}

void Writer::complete(Committed& batch, std::exception_ptr sync_error) {
    announced_.fetch_add(1, std::memory_order_release);
    for (std::size_t i = 0; i < batch.units.size(); ++i) {
        try {
            batch.units[i].done(batch.errors[i] ? batch.errors[i] : sync_error);
        } catch (const std::exception& e) {
            spdlog::error("writer completion threw: {}", e.what());
        }
    }
}

// One fdatasync covers every batch committed before it starts, so it takes
// all that are waiting.
void Writer::sync_loop() {
    core::start_thread("sitelead-sync", core::ThreadRole::writing);
    std::deque<Committed> batches;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            sync_wake_.wait(lock, [this] { return sync_stopping_ || !to_sync_.empty(); });
            if (to_sync_.empty()) return;  // stopping and drained
            batches.swap(to_sync_);
        }
        std::exception_ptr error;
        const bool any = std::any_of(batches.begin(), batches.end(),
                                     [](const Committed& b) { return b.needs_sync; });
        if (any) {
            if (wal_fd_ < 0) wal_fd_ = ::open(wal_path_.c_str(), O_RDONLY | O_CLOEXEC);
            if (wal_fd_ < 0 || ::fdatasync(wal_fd_) != 0) {
                const std::string why = std::strerror(errno);
                spdlog::critical("cannot sync the database's log {}: {}", wal_path_, why);
                error = std::make_exception_ptr(
                    std::runtime_error("the database could not be synced to disk: " + why));
            }
            std::lock_guard lock(mutex_);
            ++syncs_;
        }
        for (auto& batch : batches) complete(batch, error);
        const bool checkpoint = std::any_of(batches.begin(), batches.end(),
                                            [](const Committed& b) { return b.checkpoint; });
        batches.clear();
        if (checkpoint) {
            if (!error) checkpointer_->copy();
            {
                std::lock_guard lock(mutex_);
                checkpoint_pending_ = false;
            }
            wake_.notify_one();  // it may begin; it commits after the next lines
            if (!error) checkpointer_->sync_database();
        }
        {
            std::lock_guard lock(mutex_);
            sync_busy_ = !to_sync_.empty();
        }
        wake_.notify_one();
    }
}

}  // namespace storage
