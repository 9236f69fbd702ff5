#pragma once
// The Home tab publishes this process has committed, by person, with when
// each falls due. A change for someone whose publish falls due later than a
// margin from now need not queue another: that one renders when it goes,
// this change included (it commits well within the margin). So a burst of
// changes for one person asks the writer once, not at every change.
//
// Only committed rows are known here. A person with none known (a restart,
// a publish due within the margin or gone) is left to the writer's own
// check (storage::outbox::enqueue), which sees every committed row.

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/outbox.hpp"

namespace bot {

class HomeWaits {
public:
    // How long before its due time a publish counts as on its way: the
    // change then queues another (the writer's check keeps a smaller one).
    static constexpr std::int64_t kMarginMs = 250;

    // Notes the Home tab publishes among `rows`, just committed.
    void committed(const std::vector<storage::outbox::Row>& rows);
    // Whether `user`'s Home tab has a committed publish due after now_ms
    // plus the margin.
    bool waiting(std::string_view user, std::int64_t now_ms) const;

private:
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::int64_t> due_;  // by user id
};

}  // namespace bot
