#pragma once
// Webhooks through the outbox: a row of method storage::outbox::kWebhookMethod
// is POSTed to the URL in its recipient with its payload, a JSON document, as
// the body, under the same order, retries and dead letters as Slack messages.
//
// Headers: Content-Type: application/json; X-Sitelead-Delivery: the row's
// id, the same on every attempt (a receiver's idempotency key); and, when
// SITELEAD_WEBHOOK_SECRET is set, X-Sitelead-Signature: "sha256=" and the
// lower-case hex HMAC-SHA256 of the exact body bytes keyed with it.
//
// Outcome, by status alone: 2xx is sent; 429 (after its Retry-After), 5xx,
// network and TLS failures are retried; any other status parks the row as
// dead. Webhooks go out whether or not a Slack bot token is set.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bot/slack/web_client.hpp"
#include "config/config.hpp"
#include "storage/outbox.hpp"

namespace bot {

inline constexpr const char* kWebhookSignatureHeader = "X-Sitelead-Signature";
inline constexpr const char* kWebhookDeliveryHeader = "X-Sitelead-Delivery";

inline bool is_webhook(const storage::outbox::Row& row) {
    return row.method == storage::outbox::kWebhookMethod;
}

// "sha256=" + lower-case hex HMAC-SHA256 of `body` keyed with `secret`.
std::string webhook_signature(std::string_view secret, std::string_view body);

// The headers of delivery `id` of `body`; no signature when `secret` is empty.
std::vector<slack::WebClient::Header> webhook_headers(std::int64_t id, std::string_view secret,
                                                      std::string_view body);

// POSTs `row` to its URL; `done` as for WebClient::post.
void post_webhook(slack::WebClient& client, const storage::outbox::Row& row,
                  std::string_view secret, slack::WebClient::Callback done);

// How a row's recipient appears in the log: a webhook's URL only up to its
// host, since its path or query may hold a token.
std::string logged_recipient(const storage::outbox::Row& row);

// At start-up: a warning, once, when a webhook is configured without a
// secret to sign it. Never logs the secret.
void log_webhook_setup(const config::Config& cfg);

}  // namespace bot
