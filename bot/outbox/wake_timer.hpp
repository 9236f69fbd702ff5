#pragma once
// A timer that, while a wait is under way, only ever moves earlier: asking
// to be woken later than it already will be keeps the earlier wake (the
// woken side then finds less to do). Setting an Asio timer again cancels the
// wait under way, which wakes a thread to run its handler, and resets the
// kernel's timer: the outbox worker asks after every scan, mostly for the
// same wake.

#include <chrono>
#include <utility>

#include <boost/asio/steady_timer.hpp>

namespace bot {

class WakeTimer {
public:
    using Clock = std::chrono::steady_clock;

    template <class Executor>
    explicit WakeTimer(const Executor& executor) : timer_(executor) {}

    // Calls `on_wake()` (on the timer's executor) once `wait` has passed, or
    // at the earlier wake already set; the latest handler given is the one
    // called.
    template <class Handler>
    void wake_within(std::chrono::milliseconds wait, Handler on_wake) {
        const auto at = Clock::now() + wait;
        if (armed_ && timer_.expiry() <= at) return;
        armed_ = true;
        timer_.expires_at(at);
        timer_.async_wait([this, on_wake = std::move(on_wake)](boost::system::error_code ec) {
            if (ec) return;  // set again, or cancelled
            armed_ = false;
            on_wake();
        });
    }
    // The wake under way, if any, never comes.
    void cancel() {
        timer_.cancel();
        armed_ = false;
    }
    bool armed() const { return armed_; }
    Clock::time_point expiry() const { return timer_.expiry(); }

private:
    boost::asio::steady_timer timer_;
    bool armed_ = false;
};

}  // namespace bot
