#pragma once
// The Slack-facing application behind the one HTTP surface: routes paths,
// verifies and parses Slack requests, runs the router inside the writer's
// transaction (with de-duplication of retried events and repeated button
// presses) and answers only after the commit. Knows nothing about sockets.

#include <atomic>
#include <functional>
#include <string>

#include "core/clock.hpp"
#include "bot/dispatch/command.hpp"
#include "bot/http/request.hpp"
#include "bot/metrics.hpp"
#include "bot/dispatch/router.hpp"
#include "config/config.hpp"
#include "storage/writer.hpp"

namespace bot {

class Service {
public:
    Service(const config::Config& cfg, storage::Writer& writer, Metrics& metrics, core::Clock clock);

    // respond is called exactly once, on this thread or the writer's.
    void handle(HttpRequest req, Respond respond);

    void set_ready(bool ready) { ready_ = ready; }
    // Called after a commit that wrote outbox rows (wakes the outbox worker).
    void on_messages_committed(std::function<void()> f) { messages_committed_ = std::move(f); }
    const Router& router() const { return router_; }

private:
    void handle_slack(HttpRequest req, Respond respond);
    void dispatch(Command cmd, std::string request_id, Respond respond);

    const config::Config& cfg_;
    storage::Writer& writer_;
    Metrics& metrics_;
    core::Clock clock_;
    Router router_;
    std::atomic<bool> ready_{false};
    std::function<void()> messages_committed_;
};

}  // namespace bot
