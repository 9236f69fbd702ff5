#include "bot/outbox/outcome.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "bot/outbox/file_share.hpp"
#include "bot/outbox/webhook.hpp"

namespace bot {

Outcome answered(const storage::outbox::Row& row, const slack::ApiResult& result,
                 int max_attempts) {
    using slack::ApiResult;
    Outcome out;
    out.attempts = row.attempts + 1;
    out.error = result.error;
    switch (result.outcome) {
        case ApiResult::Outcome::ok:
            out.kind = Outcome::Kind::sent;
            if (is_webhook(row) || is_file(row)) break;  // no channel or ts to keep
            out.channel = result.response.contains("channel") ? result.response.value("channel", "")
                                                              : row.body().value("channel", "");
            out.ts = result.response.value("ts", "");
            break;
        case ApiResult::Outcome::permanent:
            out.kind = Outcome::Kind::dead;
            break;
        case ApiResult::Outcome::retry:
            // Slack out of reach is an outage, not this message's fault: it
            // waits (the backoff grows to its cap) however long it lasts. A
            // 429 is Slack pacing us, not refusing the message: it waits its
            // Retry-After, as often as Slack asks.
            if (out.attempts >= max_attempts && !result.unreachable && !result.rate_limited) {
                out.kind = Outcome::Kind::dead;
                out.error = "gave up after " + std::to_string(out.attempts) +
                            " attempts; last error: " + result.error;
                break;
            }
            out.kind = Outcome::Kind::retry;
            break;
    }
    return out;
}

Outcome logged(const storage::outbox::Row& row, const std::optional<storage::outbox::Row>& target) {
    Outcome sent;
    sent.kind = Outcome::Kind::sent;
    sent.attempts = row.attempts + 1;
    sent.channel = target ? target->slack_channel : row.recipient;
    sent.ts = row.method == "chat.update" && target ? target->slack_ts
                                                    : "local." + std::to_string(row.id);
    return sent;
}

storage::outbox::Row as_target(std::int64_t id, const Outcome& out) {
    storage::outbox::Row target;
    target.id = id;
    target.state = out.kind == Outcome::Kind::sent ? "sent" : "dead";
    target.slack_channel = out.channel;
    target.slack_ts = out.ts;
    return target;
}

void write_outcome(SQLite::Database& db, const Settlement& s) {
    switch (s.out.kind) {
        case Outcome::Kind::sent:
            storage::outbox::mark_sent(db, s.row.id, s.out.channel, s.out.ts, s.at);
            break;
        case Outcome::Kind::retry:
            storage::outbox::mark_retry(db, s.row.id, s.out.attempts, s.out.next_attempt_at,
                                        s.out.error);
            break;
        case Outcome::Kind::dead:
            storage::outbox::mark_dead(db, s.row.id, s.out.attempts, s.out.error);
            break;
    }
}

void log_outcome(const storage::outbox::Row& row, const Outcome& out) {
    switch (out.kind) {
        case Outcome::Kind::sent:
            spdlog::debug("outbox #{} delivered to {} (ts {})", row.id,
                          is_webhook(row) ? logged_recipient(row) : out.channel, out.ts);
            break;
        case Outcome::Kind::retry:
            spdlog::warn("outbox #{} to {}: attempt {} failed ({}); next in {} ms", row.id,
                         logged_recipient(row), out.attempts, out.error, out.wait.count());
            break;
        case Outcome::Kind::dead:
            spdlog::error("outbox #{} to {} parked as dead after {} attempt(s): {}", row.id,
                          logged_recipient(row), out.attempts, out.error);
            break;
    }
}

std::string described_delivery(const storage::outbox::Row& row,
                               const std::optional<storage::outbox::Row>& target) {
    using namespace storage::outbox;
    if (is_file(row)) return fmt::format("file to {}: {}", row.recipient, describe_file(row));
    if (row.method == kStatusMethod)
        return fmt::format("users.profile.set of {}: {}",
                           row.recipient.substr(kStatusPrefix.size()),
                           row.body().value("profile", nlohmann::json::object()).dump());
    const std::string text = row.body().value("text", "");
    if (!target) return fmt::format("to {}: {}", row.recipient, text);
    return fmt::format("to {} ({} of #{}): {}", row.recipient,
                       row.method == "chat.update" ? "update" : "reply", target->id, text);
}

}  // namespace bot
