#include "storage/checkpoint.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

#include <spdlog/spdlog.h>
#include <sqlite3.h>

namespace storage {

Checkpointer::Checkpointer(SQLite::Database& writer, int every_frames)
    : writer_(writer.getHandle()),
      path_(sqlite3_db_filename(writer_, "main")),
      every_(every_frames),
      next_at_(every_frames) {
    db_ = std::make_unique<SQLite::Database>(path_, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX);
    db_->exec("PRAGMA synchronous=OFF");
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0)
        throw std::runtime_error("cannot open the database file " + path_ + ": " +
                                 std::strerror(errno));
    sqlite3_wal_hook(writer_, &Checkpointer::on_commit, this);
}

Checkpointer::~Checkpointer() {
    sqlite3_wal_hook(writer_, nullptr, nullptr);
    if (fd_ >= 0) ::close(fd_);
}

int Checkpointer::on_commit(void* self, sqlite3*, const char*, int frames) {
    auto& c = *static_cast<Checkpointer*>(self);
    if (frames < c.frames_) c.next_at_ = c.every_;  // the WAL started over
    c.frames_ = frames;
    return SQLITE_OK;
}

bool Checkpointer::due() {
    if (frames_ < next_at_) return false;
    next_at_ = frames_ + every_;
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
