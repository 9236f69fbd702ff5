#include "storage/checkpoint.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "core/threads.hpp"

namespace storage {

Checkpointer::Checkpointer(SQLite::Database& writer, int every_frames)
    : writer_(writer.getHandle()),
      path_(sqlite3_db_filename(writer_, "main")),
      wal_path_(sqlite3_filename_wal(sqlite3_db_filename(writer_, "main"))),
      every_(every_frames),
      next_at_(every_frames) {
    db_ = std::make_unique<SQLite::Database>(path_, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX);
    db_->exec("PRAGMA synchronous=OFF");
    pin_ = std::make_unique<SQLite::Database>(path_, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0)
        throw std::runtime_error("cannot open the database file " + path_ + ": " +
                                 std::strerror(errno));
    sqlite3_wal_hook(writer_, &Checkpointer::on_commit, this);
    thread_ = std::thread([this] { early_loop(); });
}

Checkpointer::~Checkpointer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
    sqlite3_wal_hook(writer_, nullptr, nullptr);
    if (fd_ >= 0) ::close(fd_);
    if (wal_fd_ >= 0) ::close(wal_fd_);
}

int Checkpointer::on_commit(void* self, sqlite3*, const char*, int frames) {
    auto& c = *static_cast<Checkpointer*>(self);
    if (frames < c.frames_) c.next_at_ = c.every_;  // the WAL started over
    c.frames_ = frames;
    return SQLITE_OK;
}

bool Checkpointer::due() {
    std::lock_guard lock(mutex_);
    if (stage_ == Stage::ready) {
        stage_ = Stage::idle;
        next_at_ = frames_ + every_;
        return true;
    }
    if (stage_ == Stage::idle && frames_ >= next_at_) {
        stage_ = Stage::early;
        wake_.notify_one();
    }
    return false;
}

std::uint64_t Checkpointer::early_copies() const {
    std::lock_guard lock(mutex_);
    return early_copies_;
}

void Checkpointer::early_loop() {
    core::start_thread("sitelead-ckpt", core::ThreadRole::writing);
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || stage_ == Stage::early; });
        if (stopping_) return;
        lock.unlock();
        bool copied = false;
        try {
            copied = early_half({});
        } catch (const std::exception& e) {
            // The final half copies all there is, as it would alone.
            spdlog::error("checkpoint: the early copy failed: {}", e.what());
        }
        lock.lock();
        if (copied) ++early_copies_;
        stage_ = Stage::ready;
    }
}

void Checkpointer::copy_early(const std::function<void()>& between) {
    if (!early_half(between)) return;
    std::lock_guard lock(mutex_);
    ++early_copies_;
}

bool Checkpointer::early_half(const std::function<void()>& between) {
    // The pin: a read transaction on the WAL as it is now. While it lasts,
    // a commit appends to the WAL instead of starting it over (SQLite
    // cannot take every reader's lock), and the copy goes no further than
    // its snapshot.
    pin_->exec("BEGIN");
    struct Unpin {
        SQLite::Database& db;
        ~Unpin() {
            try {
                db.exec("COMMIT");
            } catch (const std::exception& e) {
                spdlog::error("checkpoint: ending the WAL's pin: {}", e.what());
            }
        }
    } unpin{*pin_};
    pin_->execAndGet("SELECT count(*) FROM sqlite_schema");
    // Every frame up to the pin's snapshot is in the WAL's file; the sync
    // thread may not have synced the last commits' yet.
    if (wal_fd_ < 0) wal_fd_ = ::open(wal_path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (wal_fd_ < 0 || ::fdatasync(wal_fd_) != 0) {
        // The sync thread meets the same error and says so; the final half
        // copies instead, after a sync that succeeded.
        spdlog::warn("checkpoint: cannot sync the WAL {}: {}", wal_path_, std::strerror(errno));
        return false;
    }
    copy();
    if (between) between();
    sync_database();
    return true;
}

void Checkpointer::copy() {
    int in_wal = 0;
    int copied = 0;
    const int rc = sqlite3_wal_checkpoint_v2(db_->getHandle(), "main", SQLITE_CHECKPOINT_PASSIVE,
                                             &in_wal, &copied);
    if (rc != SQLITE_OK)
        spdlog::warn("checkpoint of {}: {}", path_, sqlite3_errstr(rc));
    else
        spdlog::debug("checkpoint: {} of {} WAL frames in the database file", copied, in_wal);
}

void Checkpointer::sync_database() {
    if (::fdatasync(fd_) == 0) return;
    // After a failed fsync the kernel may have dropped the pages it could
    // not write, and a second fsync would report success (PostgreSQL's
    // lesson). The WAL still holds them: it has not started over. Stopping
    // here lets the next start replay it.
    spdlog::critical(
        "cannot sync the database file {}: {}; stopping so that the next start "
        "recovers from the WAL",
        path_, std::strerror(errno));
    std::abort();
}

}  // namespace storage
