#pragma once
// What `/sitelead announce` was given: its options (--dm, --send, --at,
// --site) and its text, read and checked before anything is prepared
// (handlers/announce.cpp).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "handlers/context.hpp"

namespace handlers::announce {

struct Draft {
    bool dm = false;
    bool send = false;  // --send: no preview to confirm first
    std::optional<std::chrono::system_clock::time_point> at;
    const config::Site* site = nullptr;
    std::string text;
};

// The options and text of `args`; throws core::Refusal saying what is wrong
// and how to write it.
Draft read_command(const Context& ctx, std::string_view args);

}  // namespace handlers::announce
