#pragma once
// Checkpoints for the pipelined writer, done by its sync thread.
//
// SQLite's automatic checkpoint runs on the writer, inside the commit that
// crosses its threshold: it copies the WAL's pages into the database file
// and fsyncs both, about a tenth of the writer's CPU per request. Here the
// sync thread does it, in two halves:
//
//   1. after it has synced the WAL of the commit that crossed the threshold,
//      it copies the pages into the database file without syncing. The
//      writer begins its next transaction only after this half: SQLite
//      starts the WAL over only from a transaction that began on a WAL all
//      copied;
//   2. it fsyncs the database file while the writer runs its next batch.
//      The writer does not commit that batch, whose first frame starts the
//      WAL over, before this returns, and writes no frame before its commit
//      (no cache spill): until then the WAL still holds every page the file
//      may not.
//
// The requests of those two batches still wait for the copy and the fsync
// (as they did when the writer did both): SQLite cannot start a WAL over
// without that pause, only make it rarer with a longer WAL, which makes it
// longer. Measured in bench/README.md.

#include <memory>

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

    // On the writer, after a commit: true when the WAL has grown by
    // `every_frames` since it started over or since the last checkpoint
    // (which readers may have kept from starting it over).
    bool due();
    // On the sync thread, the two halves above.
    void copy();
    void sync_database();

private:
    static int on_commit(void* self, sqlite3*, const char*, int frames);

    sqlite3* writer_;
    std::unique_ptr<SQLite::Database> db_;  // synchronous=OFF: the sync is ours
    std::string path_;
    int fd_ = -1;
    const int every_;
    int frames_ = 0;  // in the WAL after the last commit
    int next_at_;
};

}  // namespace storage
