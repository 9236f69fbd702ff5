#pragma once
// Checkpoints for the pipelined writer, off the writer's thread.
//
// SQLite's automatic checkpoint runs on the writer, inside the commit that
// crosses its threshold: it copies the WAL's pages into the database file
// and fsyncs both, about a tenth of the writer's CPU per request. Here it
// is done in three parts:
//
//   1. the early half, on a thread of its own while commits go on: a read
//      transaction pins the WAL as it is (SQLite does not start a WAL over
//      while a reader may need its frames), the WAL is synced (no page of a
//      commit whose log could still be lost may reach the file), its pages
//      are copied into the database file and the file is synced; then the
//      pin goes. Commits meanwhile append to the WAL;
//   2. at the next commit, the sync thread, after syncing the WAL of that
//      commit, copies what the WAL gained since (fewer frames than the
//      early half copied) without syncing. The writer begins its
//      next transaction only after this: SQLite starts the WAL over only
//      from a transaction that began on a WAL all copied;
//   3. it fsyncs the database file (only the pages of part 2 are dirty)
//      while the writer runs its next batch. The writer does not commit
//      that batch, whose first frame starts the WAL over, before this
//      returns, and writes no frame before its commit (no cache spill):
//      until then the WAL still holds every page the file may not.
//
// The requests of those two batches still wait for parts 2 and 3: SQLite
// cannot start a WAL over without that pause, only make it rarer with a
// longer WAL (which makes it longer) or shorter, as the early half does.
// What sets the tail of commits, though, is the size of each checkpoint's
// burst of writes to the disk (the early half's copy and file sync come
// before the WAL's next sync in the disk's queue): hence a short WAL, 250
// frames by default (storage/writer.hpp). Copying again before the pause
// until the WAL gained little did not shorten the tail. Measured in
// bench/history/3-the-ratio-from-session-18.md.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <SQLiteCpp/Database.h>

namespace storage {

class Checkpointer {
public:
    // Takes over the WAL hook of `writer` (SQLite's automatic checkpoints
    // stop) and opens a connection of its own to the same file.
    Checkpointer(SQLite::Database& writer, int every_frames);
    ~Checkpointer();
    Checkpointer(const Checkpointer&) = delete;
    Checkpointer& operator=(const Checkpointer&) = delete;

    // On the writer, after a commit: true when the sync thread is to run
    // parts 2 and 3 now, the early half having run since the WAL grew by
    // `every_frames` (since it started over or since the last checkpoint,
    // which readers may have kept from starting it over). When it has
    // grown so, starts the early half instead.
    bool due();
    // The early half (part 1), as its thread runs it; `between`, for tests,
    // runs after the copy, before the file is synced and the pin goes.
    void copy_early(const std::function<void()>& between = {});
    // On the sync thread, parts 2 and 3.
    void copy();
    void sync_database();
    // Early halves done. One its thread ran is counted as it is made ready,
    // so that due() after the count sees it.
    std::uint64_t early_copies() const;

private:
    static int on_commit(void* self, sqlite3*, const char*, int frames);
    void early_loop();
    // The early half; false when the WAL could not be synced first (nothing
    // was copied).
    bool early_half(const std::function<void()>& between);

    sqlite3* writer_;
    std::unique_ptr<SQLite::Database> db_;   // synchronous=OFF: the sync is ours
    std::unique_ptr<SQLite::Database> pin_;  // holds the WAL during the early half
    std::string path_, wal_path_;
    int fd_ = -1;
    int wal_fd_ = -1;  // opened by the early half on first use
    const int every_;
    int frames_ = 0;  // in the WAL after the last commit
    int next_at_;

    enum class Stage { idle, early, ready };
    mutable std::mutex mutex_;  // guards the three below
    std::condition_variable wake_;
    Stage stage_ = Stage::idle;
    bool stopping_ = false;
    std::uint64_t early_copies_ = 0;
    std::thread thread_;
};

}  // namespace storage
