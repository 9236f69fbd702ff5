#pragma once
// The one writer: owns the read-write connection on its own thread and
// commits many requests' work in one transaction (group commit).
//
// A unit of work is a function over the connection. The writer takes all
// units queued, opens one BEGIN IMMEDIATE, runs each inside its own SAVEPOINT
// (a unit that throws is rolled back alone and gets its exception), commits
// once, and only then calls each unit's completion. So no completion (and no
// HTTP reply built from it) runs before the commit that holds its data is
// durable. Under light load a batch holds one unit and adds no delay; under
// heavy load it holds everything that arrived during the previous commit.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include <SQLiteCpp/Database.h>

#include "storage/query.hpp"

namespace storage {

class Writer {
public:
    using Work = std::function<void(SQLite::Database&)>;
    // Called on the writer thread after the commit (or the failure): keep it
    // short, post to your own executor.
    using Done = std::function<void(std::exception_ptr)>;

    explicit Writer(std::unique_ptr<SQLite::Database> db, std::size_t max_batch = 512);
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

private:
    struct Unit {
        Work work;
        Done done;
    };
    void loop();
    void commit_batch(std::deque<Unit>& batch);

    std::unique_ptr<SQLite::Database> db_;
    std::unique_ptr<StatementCache> statements_;  // before db_ closes, it goes
    std::size_t max_batch_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Unit> queue_;
    bool stopping_ = false;
    std::uint64_t commits_ = 0;
    std::uint64_t units_ = 0;
    std::thread thread_;
};

}  // namespace storage
