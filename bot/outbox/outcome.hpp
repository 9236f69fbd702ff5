#pragma once
// What one delivery attempt of an outbox row comes to, and how it is
// recorded: the outbox worker collects these and writes them in batches.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <SQLiteCpp/Database.h>

#include "bot/slack/web_client.hpp"
#include "storage/outbox.hpp"

namespace bot {

// What one attempt (or the lack of a deliverable target) comes to.
struct Outcome {
    enum class Kind { sent, retry, dead } kind = Kind::retry;
    int attempts = 0;
    std::string error;
    std::string channel, ts;            // sent
    std::int64_t next_attempt_at = 0;   // retry
    std::chrono::milliseconds wait{0};  // retry: from now to next_attempt_at

    static Outcome dead(int attempts, std::string error) {
        Outcome out;
        out.kind = Kind::dead;
        out.attempts = attempts;
        out.error = std::move(error);
        return out;
    }
};

// An outcome waiting for the commit that records it.
struct Settlement {
    storage::outbox::Row row;
    Outcome out;
    std::int64_t at = 0;  // when it was known: the row's sent_at
};

// What Slack's (or a webhook's) answer to an attempt at `row` comes to:
// sent, with where it went; dead, refused for good or out of attempts; or
// retry, whose wait the caller sets (it knows the holds and the jitter).
Outcome answered(const storage::outbox::Row& row, const slack::ApiResult& result, int max_attempts);
// A row delivered to the log (no bot token), as if Slack had taken it: a
// post in its recipient's channel, an update where its post went.
Outcome logged(const storage::outbox::Row& row, const std::optional<storage::outbox::Row>& target);
// Row `id` as an update or reply of it needs it, from its outcome before
// that is recorded.
storage::outbox::Row as_target(std::int64_t id, const Outcome& out);

// Marks the row sent, due for another attempt, or dead, in the caller's transaction.
void write_outcome(SQLite::Database& db, const Settlement& s);

// Logs an attempt's outcome: sent at debug, a retry as a warning, a dead
// row as an error. A webhook's URL shows only up to its host.
void log_outcome(const storage::outbox::Row& row, const Outcome& out);

// What a message delivered to the log (no bot token) says, for any row but
// a Home tab's publish: its recipient and text, or what it changes.
std::string described_delivery(const storage::outbox::Row& row,
                               const std::optional<storage::outbox::Row>& target);

}  // namespace bot
