#include "bot/outbox/gauge_reader.hpp"

#include <limits>

#include <spdlog/spdlog.h>

#include "storage/database.hpp"
#include "storage/outbox.hpp"

namespace bot {

double GaugeReader::count(const char* state) {
    std::lock_guard lock(mutex_);
    try {
        if (!db_) db_ = storage::open_readonly(cfg_);
        return static_cast<double>(storage::outbox::count(*db_, state));
    } catch (const std::exception& e) {
        db_.reset();
        spdlog::warn("outbox: cannot count {} rows for /metrics: {}", state, e.what());
        return std::numeric_limits<double>::quiet_NaN();
    }
}

}  // namespace bot
