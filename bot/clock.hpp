#pragma once
#include <chrono>
#include <functional>

namespace bot {
// Injected everywhere time matters, so tests can set it.
using Clock = std::function<std::chrono::system_clock::time_point()>;
inline Clock system_clock() {
    return [] { return std::chrono::system_clock::now(); };
}
inline std::int64_t unix_ms(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
}  // namespace bot
