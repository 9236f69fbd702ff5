#pragma once
// What every handler is given besides its arguments and the store.

#include <chrono>
#include <string>

#include <date/date.h>

#include "config/config.hpp"
#include "core/message.hpp"

namespace handlers {

// Handlers speak the core vocabulary: they return a Result (the reply and the
// messages) or throw a Refusal.
using core::Message;
using core::Refusal;
using core::Reply;
using core::Result;

struct Context {
    const config::Config& cfg;
    std::string user_id;                  // the Slack user who asked
    const config::Person* caller = nullptr;  // null when not in the site directory
    std::chrono::system_clock::time_point now;
    date::local_days today;               // "today" in the site's time zone
    bool via_button = false;
    std::string request_id;
};

}  // namespace handlers
