#pragma once
// Deadlines for answers: a thread that runs a callback once its time has
// come. A request arms one when it starts and lets it find, when it fires,
// that the answer has already gone (the usual case).

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

    AckTimer();
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
    std::thread thread_;
};

}  // namespace bot
