#include "bot/outbox/webhook.hpp"

#include <utility>

#include <spdlog/spdlog.h>

#include "bot/hmac.hpp"

namespace bot {

std::string webhook_signature(std::string_view secret, std::string_view body) {
    return "sha256=" + hmac_sha256_hex(secret, {body});
}

std::vector<slack::WebClient::Header> webhook_headers(std::int64_t id, std::string_view secret,
                                                      std::string_view body) {
    std::vector<slack::WebClient::Header> headers{
        {"Content-Type", "application/json"},
        {kWebhookDeliveryHeader, std::to_string(id)},
    };
    if (!secret.empty())
        headers.emplace_back(kWebhookSignatureHeader, webhook_signature(secret, body));
    return headers;
}

void post_webhook(slack::WebClient& client, const storage::outbox::Row& row,
                  std::string_view secret, slack::WebClient::Callback done) {
    client.post(row.recipient, row.payload, webhook_headers(row.id, secret, row.payload),
                std::move(done));
}

std::string logged_recipient(const storage::outbox::Row& row) {
    if (!is_webhook(row)) return row.recipient;
    const std::string& url = row.recipient;
    const auto scheme = url.find("://");
    const auto host_end =
        scheme == std::string::npos ? std::string::npos : url.find_first_of("/?#", scheme + 3);
    return "webhook " + url.substr(0, host_end);
}

void log_webhook_setup(const config::Config& cfg) {
    if (!cfg.office.webhook_url.empty() && cfg.webhook_secret.empty())
        spdlog::warn(
            "outbox: SITELEAD_WEBHOOK_SECRET is not set; webhooks are sent without an {} header",
            kWebhookSignatureHeader);
}

}  // namespace bot
