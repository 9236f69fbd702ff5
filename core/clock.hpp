#pragma once
// Time is injected everywhere it matters, so that tests can set it.

#include <chrono>
#include <cstdint>
#include <functional>

namespace core {

using Clock = std::function<std::chrono::system_clock::time_point()>;

inline Clock system_clock() {
    return [] { return std::chrono::system_clock::now(); };
}

// Timestamps are stored as Unix milliseconds, UTC.
inline std::int64_t unix_ms(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

}  // namespace core
