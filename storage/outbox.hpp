#pragma once
// The transactional outbox: outbound Slack messages written in the same
// transaction as the state change that causes them, delivered afterwards by
// bot::OutboxWorker, at least once.
//
// Order: rows to one recipient are delivered in id order, one at a time. An
// update's recipient is the recipient of the post it edits, so it is never
// sent before that post has a Slack `ts`.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

#include "handlers/result.hpp"

namespace storage::outbox {

struct Row {
    std::int64_t id = 0;
    std::string request_id;
    std::int64_t created_at = 0;
    std::string recipient;
    std::string method;  // chat.postMessage or chat.update
    std::string subject;
    bool has_buttons = false;
    std::optional<std::int64_t> target_id;
    nlohmann::json payload;  // {"channel", "text", "blocks"?}
    std::string state;       // pending, sent, dead
    int attempts = 0;
    std::int64_t next_attempt_at = 0;
    std::string last_error;
    std::string slack_channel;
    std::string slack_ts;
};

// Writes `messages` as pending rows, in the caller's transaction. An update
// becomes one chat.update row per earlier post about its subject that still
// has buttons; those posts are marked as having none any more. Returns the
// number of rows written.
int enqueue(SQLite::Database& db, std::string_view request_id,
            const std::vector<handlers::Message>& messages, std::int64_t now_ms);

std::vector<Row> by_request(SQLite::Database& db, std::string_view request_id);
std::optional<Row> get(SQLite::Database& db, std::int64_t id);

}  // namespace storage::outbox
