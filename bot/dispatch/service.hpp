#pragma once
// The application behind the one HTTP surface: routes paths, verifies and
// parses Slack requests and hands each command to the dispatcher. Knows
// nothing about sockets.

#include <atomic>
#include <functional>
#include <string>

#include "bot/dispatch/command.hpp"
#include "bot/dispatch/dispatcher.hpp"
#include "bot/dispatch/router.hpp"
#include "bot/http/request.hpp"
#include "bot/metrics.hpp"
#include "config/config.hpp"
#include "core/clock.hpp"
#include "storage/readers.hpp"
#include "storage/writer.hpp"

namespace bot {

class Service {
public:
    Service(const config::Config& cfg, storage::Writer& writer, Metrics& metrics, core::Clock clock,
            std::chrono::milliseconds ack_deadline = std::chrono::milliseconds(2500));

    // respond is called exactly once, on this thread or the writer's.
    void handle(HttpRequest req, Respond respond);

    void set_ready(bool ready) { ready_ = ready; }
    // Hands what is queued for preparation to the writer: call before the
    // writer stops.
    void stop() { dispatcher_.stop(); }
    // Called after a commit that wrote outbox rows, with them (for the outbox worker).
    void on_messages_committed(Dispatcher::MessagesCommitted f) {
        dispatcher_.on_messages_committed(std::move(f));
    }
    // Opens the modals requests ask for (bot/slack/views.hpp).
    void on_view(Dispatcher::ShowView f) { dispatcher_.on_view(std::move(f)); }
    const Router& router() const { return router_; }

private:
    void handle_slack(HttpRequest req, Respond respond);
    HttpResponse calendar(std::string_view target);

    const config::Config& cfg_;
    storage::Writer& writer_;
    Metrics& metrics_;
    core::Clock clock_;
    Router router_;
    storage::Readers readers_;
    Dispatcher dispatcher_;
    std::atomic<bool> ready_{false};
};

}  // namespace bot
