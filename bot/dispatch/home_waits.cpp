#include "bot/dispatch/home_waits.hpp"

#include <algorithm>

namespace bot {

using storage::outbox::kHomeMethod;
using storage::outbox::kHomePrefix;

void HomeWaits::committed(const std::vector<storage::outbox::Row>& rows) {
    const auto is_publish = [](const storage::outbox::Row& row) {
        return row.method == kHomeMethod && row.recipient.starts_with(kHomePrefix);
    };
    if (std::none_of(rows.begin(), rows.end(), is_publish)) return;
    std::lock_guard lock(mutex_);
    for (const auto& row : rows) {
        if (!is_publish(row)) continue;
        auto& due = due_[row.recipient.substr(kHomePrefix.size())];
        due = std::max(due, row.next_attempt_at);
    }
}

bool HomeWaits::waiting(std::string_view user, std::int64_t now_ms) const {
    std::lock_guard lock(mutex_);
    const auto found = due_.find(std::string(user));
    return found != due_.end() && found->second > now_ms + kMarginMs;
}

}  // namespace bot
