#include "bot/dispatch/ack_timer.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "core/threads.hpp"

namespace bot {

AckTimer::AckTimer(std::chrono::milliseconds slack) : slack_(slack), thread_([this] { loop(); }) {}

AckTimer::~AckTimer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void AckTimer::arm(Clock::time_point when, std::function<void()> fire) {
    bool earliest = false;
    {
        std::lock_guard lock(mutex_);
        earliest = entries_.empty() || when < entries_.top().when;
        entries_.push(Entry{when, std::move(fire)});
    }
    // Deadlines mostly come in order: the thread needs waking only for a new
    // earliest one.
    if (earliest) wake_.notify_one();
}

void AckTimer::loop() {
    core::start_thread("sitelead-ack", core::ThreadRole::answering);
    std::vector<std::function<void()>> due;
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        if (entries_.empty()) {
            wake_.wait(lock);
            continue;
        }
        const auto next = std::max(entries_.top().when, last_round_ + slack_);
        if (Clock::now() < next) {
            wake_.wait_until(lock, next);
            continue;
        }
        last_round_ = Clock::now();
        while (!entries_.empty() && entries_.top().when <= last_round_) {
            due.push_back(std::move(const_cast<Entry&>(entries_.top()).fire));
            entries_.pop();
        }
        lock.unlock();
        for (auto& fire : due) {
            try {
                fire();
            } catch (const std::exception& e) {
                spdlog::error("answer deadline: {}", e.what());
            }
        }
        due.clear();
        lock.lock();
    }
}

}  // namespace bot
