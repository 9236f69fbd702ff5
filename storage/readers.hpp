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

#include <memory>
#include <mutex>
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
        ~Lease();
        Lease(Lease&&) = delete;
        SQLite::Database& db();

    private:
        friend class Readers;
        Lease(Readers& owner, std::unique_ptr<Connection> c);
        Readers& owner_;
        std::unique_ptr<Connection> connection_;
        UseCache cache_;
    };

    // Throws SQLite::Exception when the database cannot be opened.
    Lease lease();

private:
    config::Database cfg_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace storage
