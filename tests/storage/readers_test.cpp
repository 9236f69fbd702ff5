// The read-only connections: a snapshot kept for a run of requests, and
// when it must start over.

#include <gtest/gtest.h>

#include <cstdint>
#include <future>

#include "storage/readers.hpp"
#include "storage/writer.hpp"
#include "tests/support/db.hpp"

namespace {

using testing_support::insert_job;
using testing_support::TempDb;

long long jobs(storage::Snapshot& reads) {
    return reads.db().execAndGet("SELECT count(*) FROM scheduler_runs").getInt64();
}

// A run reads one snapshot, whatever is committed meanwhile, until a
// commit is announced: then the next request reads what is committed.
TEST(Snapshot, ServesARunUntilACommitIsAnnounced) {
    TempDb tmp;
    storage::Readers readers(tmp.cfg);
    std::uint64_t announced = 0;
    storage::Snapshot reads(readers, [&] { return announced; });
    EXPECT_EQ(jobs(reads), 0);

    auto db = tmp.connect();
    insert_job(*db, "reminders");  // committed, not yet told to anyone
    reads.next();
    EXPECT_EQ(jobs(reads), 0);

    ++announced;
    EXPECT_EQ(jobs(reads), 0) << "a request reads one snapshot to its end";
    reads.next();
    EXPECT_EQ(jobs(reads), 1);
}

// After a failed read the dispatcher renews: the next request reads a new
// snapshot, whatever the count says.
TEST(Snapshot, RenewedReadsWhatIsCommittedNow) {
    TempDb tmp;
    storage::Readers readers(tmp.cfg);
    storage::Snapshot reads(readers, [] { return std::uint64_t{0}; });
    EXPECT_EQ(jobs(reads), 0);
    auto db = tmp.connect();
    insert_job(*db, "weekly");
    reads.next();
    EXPECT_EQ(jobs(reads), 0);
    reads.renew();
    EXPECT_EQ(jobs(reads), 1);
}

// The writer counts a batch as announced before its completions run, so
// a completion (which answers the request) never runs with the count still
// behind.
TEST(Snapshot, TheWriterCountsACommitBeforeItsOutcomeIsTold) {
    TempDb tmp;
    storage::Writer writer(tmp.connect());
    const std::uint64_t before = writer.announced();
    std::uint64_t seen_when_told = 0;
    std::promise<void> told;
    writer.submit([](SQLite::Database& db) { insert_job(db, "digest"); },
                  [&](std::exception_ptr) {
                      seen_when_told = writer.announced();
                      told.set_value();
                  });
    told.get_future().wait();
    EXPECT_EQ(seen_when_told, before + 1);
}

// Without a count (one request on an io thread) a snapshot is taken at the
// first read and sees everything committed before it.
TEST(Snapshot, OfOneRequestSeesWhatWasCommittedBeforeItsFirstRead) {
    TempDb tmp;
    storage::Readers readers(tmp.cfg);
    auto db = tmp.connect();
    insert_job(*db, "weekly");
    storage::Snapshot reads(readers);
    EXPECT_EQ(jobs(reads), 1);
}

}  // namespace
