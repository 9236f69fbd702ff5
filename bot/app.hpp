#pragma once
// The running service behind `sitelead-bot serve`: configuration, database
// and its writer, the Slack service, the HTTP server on an io_context with
// cfg.server.threads threads, and SIGINT/SIGTERM handling.
//
// Shutdown order (stop()): readiness off; stop accepting and close idle
// connections; wait until every request under way is answered or
// shutdown_grace has passed; stop the scheduler and the outbox worker; stop
// the io threads; let the writer finish its queue; close the database.

#include <memory>

#include "config/config.hpp"
#include "core/clock.hpp"

namespace bot {

class Metrics;

class App {
public:
    // Opens and migrates the database. Throws std::runtime_error with a
    // message fit for the operator: no signing secret, a database that
    // cannot be opened or is newer than this program, an invalid config.
    explicit App(config::Config cfg, core::Clock clock = core::system_clock());
    ~App();  // stop()
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // Binds (throws if it cannot), starts the io threads and marks the
    // service ready. Returns at once; requests are served from then on.
    void start();
    unsigned short port() const;
    // Blocks until SIGINT, SIGTERM or stop().
    void wait();
    // The graceful shutdown above. Idempotent; any thread but an io thread.
    void stop();
    const config::Config& config() const;
    // The counters /metrics serves.
    const Metrics& metrics() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace bot
