#include "bot/outbox/delivery_queue.hpp"

#include <algorithm>
#include <iterator>

namespace bot {

DeliveryQueue::DeliveryQueue(std::size_t per_recipient)
    : per_recipient_(std::max<std::size_t>(per_recipient, 1)) {}

bool DeliveryQueue::add(Row row) {
    cursor_ = std::max(cursor_, row.id);
    if (rows_.count(row.id) != 0 || settling_.count(row.id) != 0) return false;
    const std::int64_t id = row.id;
    Line& line = lines_[row.recipient];
    if (line.ids.size() >= per_recipient_) {
        line.skipped = true;
        ++skipped_;
        return false;
    }
    const bool new_head = line.ids.empty() || id < *line.ids.begin();
    if (new_head && !line.taken && !line.ids.empty()) unindex_head(line);
    rows_.emplace(id, std::move(row));
    line.ids.insert(id);
    if (new_head && !line.taken) index_head(line);
    return true;
}

bool DeliveryQueue::add_following(std::vector<Row>& rows, std::size_t max_held) {
    if (rows.empty() || rows_.size() + rows.size() > max_held) return false;
    std::int64_t next = cursor_ + 1;
    for (const Row& row : rows)
        if (row.id != next++) return false;
    for (Row& row : rows) add(std::move(row));
    return true;
}

std::size_t DeliveryQueue::held_through(std::int64_t id) const {
    return static_cast<std::size_t>(std::distance(rows_.begin(), rows_.upper_bound(id)) +
                                    std::distance(settling_.begin(), settling_.upper_bound(id)));
}

std::vector<const DeliveryQueue::Row*> DeliveryQueue::take(std::int64_t now_ms, std::size_t limit) {
    while (!waiting_.empty() && waiting_.begin()->first <= now_ms) {
        ready_.insert(waiting_.begin()->second);
        waiting_.erase(waiting_.begin());
    }
    std::vector<const Row*> taken;
    for (auto it = ready_.begin(); taken.size() < limit && it != ready_.end();) {
        const Row& row = rows_.at(*it);
        it = ready_.erase(it);
        if (row.next_attempt_at > now_ms) {
            // Found due at a later now_ms than this one: the clock went back.
            waiting_.emplace(row.next_attempt_at, row.id);
            continue;
        }
        times_.erase(times_.find(row.next_attempt_at));
        lines_.at(row.recipient).taken = row.id;
        taken.push_back(&row);
    }
    return taken;
}

DeliveryQueue::Line* DeliveryQueue::release(std::int64_t id) {
    auto row = rows_.find(id);
    if (row == rows_.end()) return nullptr;
    Line& line = lines_.at(row->second.recipient);
    if (line.taken != id) return nullptr;
    line.taken.reset();
    return &line;
}

std::optional<DeliveryQueue::Row> DeliveryQueue::settle(std::int64_t id) {
    Line* line = release(id);
    if (!line) return std::nullopt;
    settling_.insert(id);
    auto held = rows_.extract(id);
    line->ids.erase(id);
    if (line->skipped && line->ids.empty()) wants_reread_ = true;
    if (line->ids.empty())
        lines_.erase(held.mapped().recipient);
    else
        index_head(*line);
    return std::move(held.mapped());
}

void DeliveryQueue::recorded(std::int64_t id) {
    settling_.erase(id);
}

void DeliveryQueue::retry(std::int64_t id, int attempts, std::int64_t next_attempt_at) {
    Line* line = release(id);
    if (!line) return;
    Row& row = rows_.at(id);
    row.attempts = attempts;
    row.next_attempt_at = next_attempt_at;
    index_head(*line);
}

std::optional<std::int64_t> DeliveryQueue::next_due_at() const {
    if (times_.empty()) return std::nullopt;
    return *times_.begin();
}

void DeliveryQueue::reset() {
    for (auto it = lines_.begin(); it != lines_.end();) {
        Line& line = it->second;
        for (auto id : line.ids)
            if (id != line.taken) rows_.erase(id);
        if (!line.taken) {
            it = lines_.erase(it);
            continue;
        }
        line.ids = {*line.taken};
        ++it;
    }
    waiting_.clear();
    ready_.clear();
    times_.clear();
    cursor_ = 0;
    skipped_ = 0;
    wants_reread_ = false;
}

void DeliveryQueue::index_head(const Line& line) {
    const std::int64_t id = *line.ids.begin();
    const std::int64_t at = rows_.at(id).next_attempt_at;
    waiting_.emplace(at, id);
    times_.insert(at);
}

void DeliveryQueue::unindex_head(const Line& line) {
    const std::int64_t id = *line.ids.begin();
    const std::int64_t at = rows_.at(id).next_attempt_at;
    if (waiting_.erase({at, id}) == 0) ready_.erase(id);
    times_.erase(times_.find(at));
}

}  // namespace bot
