#include "storage/readers.hpp"

#include <spdlog/spdlog.h>

#include "storage/database.hpp"

namespace storage {

struct Readers::Connection {
    explicit Connection(const config::Database& cfg) : db(open_readonly(cfg)), statements(*db) {}
    std::unique_ptr<SQLite::Database> db;
    StatementCache statements;  // declared after db: destroyed before it closes
};

Readers::Readers(config::Database cfg) : cfg_(std::move(cfg)) {}
Readers::~Readers() = default;

std::unique_ptr<Readers::Connection> Readers::take() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto c = std::move(idle_.back());
            idle_.pop_back();
            return c;
        }
    }
    return std::make_unique<Connection>(cfg_);
}

Readers::Lease::Lease(Readers& owner)
    : owner_(owner), connection_(owner.take()), cache_(connection_->statements) {
    execute(*connection_->db, "BEGIN");
}

Readers::Lease::~Lease() {
    try {
        execute(*connection_->db, "COMMIT");
    } catch (const std::exception& e) {
        // Still in a transaction: the connection would keep an old snapshot.
        spdlog::error("cannot end a read transaction: {}", e.what());
        return;
    }
    std::lock_guard lock(owner_.mutex_);
    owner_.idle_.push_back(std::move(connection_));
}

SQLite::Database& Readers::Lease::db() {
    return *connection_->db;
}

}  // namespace storage
