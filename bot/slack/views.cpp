#include "bot/slack/views.hpp"

#include <chrono>

#include <spdlog/spdlog.h>

#include "bot/slack/web_client.hpp"
#include "core/json_text.hpp"

namespace bot::slack {
namespace {

constexpr const char* kOpened = "sitelead_views_opened_total";
constexpr const char* kFailed = "sitelead_views_failed_total";

WebClient::Options fast_lane() {
    WebClient::Options o;
    o.connections = 2;
    // Slack gave the trigger three seconds, some of them already spent.
    o.timeout = std::chrono::seconds(2);
    return o;
}

}  // namespace

struct ViewOpener::Impl {
    Impl(boost::asio::io_context& ioc, const config::Config& cfg, Metrics& m)
        : client(ioc, cfg.slack, fast_lane()), to_log(cfg.slack.bot_token.empty()), metrics(m) {}
    WebClient client;
    bool to_log;
    Metrics& metrics;
};

ViewOpener::ViewOpener(boost::asio::io_context& ioc, const config::Config& cfg, Metrics& metrics)
    : impl_(std::make_shared<Impl>(ioc, cfg, metrics)) {}

ViewOpener::~ViewOpener() {
    close();
}

void ViewOpener::close() {
    impl_->client.close();
}

void ViewOpener::open(const std::string& trigger_id, std::string view,
                      const std::string& request_id) {
    if (impl_->to_log) {
        spdlog::info("{} views.open (no bot token, so shown here instead): {}", request_id, view);
        impl_->metrics.count(kOpened);
        return;
    }
    std::string body =
        R"({"trigger_id":)" + core::json_string(trigger_id) + R"(,"view":)" + std::move(view) + '}';
    const auto started = std::chrono::steady_clock::now();
    impl_->client.call("views.open", std::move(body),
                       [impl = impl_, id = request_id, started](ApiResult result) {
                           const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                               std::chrono::steady_clock::now() - started)
                                               .count();
                           if (result.outcome == ApiResult::Outcome::ok) {
                               impl->metrics.count(kOpened);
                               spdlog::debug("{} views.open in {} ms", id, ms);
                               return;
                           }
                           impl->metrics.count(kFailed);
                           spdlog::warn(
                               "{} the form did not open ({} after {} ms); nothing was saved, "
                               "the person can ask again",
                               id, result.error.empty() ? "no answer" : result.error, ms);
                       });
}

}  // namespace bot::slack
