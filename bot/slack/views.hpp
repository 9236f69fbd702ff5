#pragma once
// The fast lane for modals (views.open, and views.update of a modal that
// shows what its fields change). A trigger_id expires three seconds after Slack
// sends it, so views.open cannot wait in the outbox's queue: it is called
// as soon as the request is answered, on its own kept-alive connections,
// with its own short timeout, and counted (sitelead_views_opened_total,
// sitelead_views_failed_total). A view that fails to open changes no state
// (the person can ask again); the log says why.
//
// Without a bot token the view is written to the log instead, so the forms
// can be seen locally.

#include <memory>
#include <string>

#include "bot/metrics.hpp"
#include "config/config.hpp"

namespace boost::asio {
class io_context;
}

namespace bot::slack {

class ViewOpener {
public:
    ViewOpener(boost::asio::io_context& ioc, const config::Config& cfg, Metrics& metrics);
    ~ViewOpener();
    ViewOpener(const ViewOpener&) = delete;
    ViewOpener& operator=(const ViewOpener&) = delete;

    // views.open of `view` (a view's JSON text). Safe from any thread.
    void open(const std::string& trigger_id, std::string view, const std::string& request_id);
    // views.update of the open view `view_id`, unless it changed since
    // version `hash` (a later change shows its own). Safe from any thread.
    void update(const std::string& view_id, const std::string& hash, std::string view,
                const std::string& request_id);
    // Closes its connections; opens still under way fail. Idempotent.
    void close();

private:
    void call(const char* method, std::string body, const std::string& view,
              const std::string& request_id);
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace bot::slack
