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
    call("views.open",
         R"({"trigger_id":)" + core::json_string(trigger_id) + R"(,"view":)" + view + '}', view,
         request_id);
}

void ViewOpener::update(const std::string& view_id, const std::string& hash, std::string view,
                        const std::string& request_id) {
    call("views.update",
         R"({"view_id":)" + core::json_string(view_id) + R"(,"hash":)" + core::json_string(hash) +
             R"(,"view":)" + view + '}',
         view, request_id);
}

void ViewOpener::call(const char* method, std::string body, const std::string& view,
                      const std::string& request_id) {
    if (impl_->to_log) {
        spdlog::info("{} {} (no bot token, so shown here instead): {}", request_id, method, view);
        impl_->metrics.count(kOpened);
        return;
    }
    const auto started = std::chrono::steady_clock::now();
    impl_->client.call(
        method, std::move(body),
        [impl = impl_, id = request_id, method, started](ApiResult result) {
            const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - started)
                                .count();
            if (result.outcome == ApiResult::Outcome::ok) {
                impl->metrics.count(kOpened);
                spdlog::debug("{} {} in {} ms", id, method, ms);
                return;
            }
            impl->metrics.count(kFailed);
            spdlog::warn(
                "{} {} failed ({} after {} ms); nothing was saved, the person can ask again", id,
                method, result.error.empty() ? "no answer" : result.error, ms);
        });
}

}  // namespace bot::slack
