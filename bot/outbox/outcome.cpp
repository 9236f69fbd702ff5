#include "bot/outbox/outcome.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "bot/outbox/file_share.hpp"
#include "bot/outbox/webhook.hpp"

namespace bot {

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
