#include "bot/outbox/handover.hpp"

#include <algorithm>
#include <iterator>

namespace bot {

bool Handover::put(std::vector<Row> rows) {
    std::lock_guard lock(mutex_);
    if (rows.empty())
        unknown_ = true;
    else if (rows_.empty())
        rows_ = std::move(rows);
    else
        std::move(rows.begin(), rows.end(), std::back_inserter(rows_));
    if (waiting_) return false;
    waiting_ = true;
    return true;
}

Handover::Taken Handover::take() {
    Taken taken;
    {
        std::lock_guard lock(mutex_);
        taken.rows.swap(rows_);
        taken.unknown = unknown_;
        unknown_ = false;
        waiting_ = false;
    }
    std::sort(taken.rows.begin(), taken.rows.end(),
              [](const Row& a, const Row& b) { return a.id < b.id; });
    return taken;
}

}  // namespace bot
