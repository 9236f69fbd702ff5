#pragma once
// Deadlines for answers: a thread that runs a callback once its time has
// come. A request arms one when it starts and lets it find, when it fires,
// that the answer has already gone (the usual case). Deadlines that come due
// close together run in one round, at most one round per `slack`: under load
// one comes due every few hundred microseconds, and waking for each cost more
// than the request's own reply. A callback runs up to `slack` late.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

namespace bot {

class AckTimer {
public:
    using Clock = std::chrono::steady_clock;

    explicit AckTimer(std::chrono::milliseconds slack = std::chrono::milliseconds(50));
    ~AckTimer();  // runs nothing more
    AckTimer(const AckTimer&) = delete;
    AckTimer& operator=(const AckTimer&) = delete;

    void arm(Clock::time_point when, std::function<void()> fire);

private:
    struct Entry {
        Clock::time_point when;
        std::function<void()> fire;
        bool operator>(const Entry& o) const { return when > o.when; }
    };
    void loop();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> entries_;
    bool stopping_ = false;
    const std::chrono::milliseconds slack_;
    Clock::time_point last_round_{};
    std::thread thread_;
};

}  // namespace bot
