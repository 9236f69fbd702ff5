#pragma once
// Read-only connections for the io threads: what a handler reads before it
// asks the writer for anything (a person's requests, who is out) is read
// here, beside the writer (WAL lets readers run while it commits), so the one
// writer thread spends its time only on what must be atomic.
//
// A lease lends one connection, with its own statement cache in use on this
// thread, for as long as it lives; connections are kept for the next lease,
// at most one per thread that reads at once. Everything read through one
// lease is one snapshot, in one read transaction: consistent, and one
// transaction start instead of one per statement.

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "config/config.hpp"
#include "storage/query.hpp"

namespace storage {

class Readers {
    struct Connection;

public:
    explicit Readers(config::Database cfg);
    ~Readers();
    Readers(const Readers&) = delete;
    Readers& operator=(const Readers&) = delete;

    class Lease {
    public:
        // A connection of `owner`'s (an idle one, or a new one), in a read
        // transaction. Throws SQLite::Exception when the database cannot be
        // opened.
        explicit Lease(Readers& owner);
        ~Lease();
        Lease(Lease&&) = delete;
        SQLite::Database& db();

    private:
        Readers& owner_;
        std::unique_ptr<Connection> connection_;
        UseCache cache_;
    };

    // Throws SQLite::Exception when the database cannot be opened.
    Lease lease() { return Lease(*this); }

private:
    std::unique_ptr<Connection> take();

    config::Database cfg_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Connection>> idle_;
};

// The reads of one request, or of a run of requests on one thread (the
// dispatcher's preparing threads): a lease taken at the first read and kept
// for the run, so that its requests read one snapshot and SQLite reads each
// page once (a read transaction that finds the database changed since the
// connection's last one empties its page cache, and under load every one
// does).
//
// A run may only go on with a snapshot while no commit has been announced
// since it began: a request's sender may have heard of a commit (its own
// answer, a DM) and act on it ("/pto cancel PTO-12" after "Requested
// PTO-12"), and must find it. `announced` counts the commits whose outcome
// has been told (storage::Writer::announced); next() starts a new snapshot
// when it has moved.
class Snapshot {
public:
    explicit Snapshot(Readers& readers, std::function<std::uint64_t()> announced = {})
        : readers_(readers), announced_(std::move(announced)) {}

    // Before each request of a run but the first.
    void next() {
        if (lease_ && announced_ && announced_() != began_at_) renew();
    }
    // Ends the read transaction: the next read begins a new one.
    void renew() { lease_.reset(); }
    // The connection, in the run's read transaction (begun here at the first
    // read).
    SQLite::Database& db() {
        if (!lease_) {
            // Read before the transaction's first read: every commit counted
            // by then is in the snapshot.
            began_at_ = announced_ ? announced_() : 0;
            lease_.emplace(readers_);
        }
        return lease_->db();
    }

private:
    Readers& readers_;
    std::function<std::uint64_t()> announced_;
    std::uint64_t began_at_ = 0;
    std::optional<Readers::Lease> lease_;
};

}  // namespace storage
