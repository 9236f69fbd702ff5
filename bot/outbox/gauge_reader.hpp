#pragma once
// The outbox's row counts for /metrics.

#include <memory>
#include <mutex>

#include <SQLiteCpp/Database.h>

#include "config/config.hpp"

namespace bot {

// Gauges are read at scrape time on whatever thread renders /metrics, so they
// get a connection of their own, opened on first use.
class GaugeReader {
public:
    explicit GaugeReader(config::Database cfg) : cfg_(std::move(cfg)) {}
    // The rows in `state`; NaN (and a warning) when they cannot be read.
    double count(const char* state);

private:
    std::mutex mutex_;
    config::Database cfg_;
    std::unique_ptr<SQLite::Database> db_;
};

}  // namespace bot
