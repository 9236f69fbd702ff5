#pragma once
// The transactional outbox: outbound Slack messages (and webhook POSTs)
// written in the same transaction as the state change that causes them,
// delivered afterwards by bot::OutboxWorker, at least once.
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

#include "core/message.hpp"

namespace storage::outbox {

// The method of a row that is POSTed to the URL in its recipient, its
// payload being the document.
inline constexpr const char* kWebhookMethod = "webhook";
// The method of a row that publishes a person's Home tab; its recipient is
// kHomePrefix + the person's user id, its payload {"user_id"}: the view is
// rendered when it is delivered.
inline constexpr const char* kHomeMethod = "views.publish";
inline constexpr std::string_view kHomePrefix = "home:";
// The method of a row that sets a person's Slack status, sent with the user
// token; its recipient is kStatusPrefix + the person's user id, its payload
// {"user", "profile"}.
inline constexpr const char* kStatusMethod = "users.profile.set";
inline constexpr std::string_view kStatusPrefix = "status:";
// The method of a row that shares a file in a person's DM; its recipient is
// the person's user id, its payload {"channels", "filename" (also its
// title), "initial_comment", "content"}: the delivery uploads `content` first
// (files.getUploadURLExternal and a POST of the bytes), then shares it.
inline constexpr const char* kFileMethod = "files.completeUploadExternal";

struct Row {
    std::int64_t id = 0;
    std::string request_id;
    std::int64_t created_at = 0;
    std::string recipient;  // a channel, or a webhook's URL
    std::string method;     // chat.postMessage, chat.update or webhook
    std::string subject;
    bool has_buttons = false;
    std::optional<std::int64_t> target_id;
    std::string payload;  // JSON text: {"channel", "text", "blocks"?}, or a webhook's document
    std::string state;    // pending, sent, dead
    int attempts = 0;
    std::int64_t next_attempt_at = 0;
    std::string last_error;
    std::string slack_channel;
    std::string slack_ts;

    // The payload parsed. Rows are read, queued and copied as text; only a
    // delivery (or a reader that shows it) parses it, once.
    nlohmann::json body() const { return nlohmann::json::parse(payload); }
};

// A message rendered for the outbox: its Web API payload as JSON text,
// possibly with slots. Made where the message is made (the io thread), so
// that the writer only fills in the slots and inserts.
struct Outgoing {
    core::Message::Kind kind = core::Message::Kind::post;
    std::string recipient;  // post: the channel; update: found at enqueue; webhook: the URL
    std::string subject;    // may hold slots
    bool has_buttons = false;
    core::Template payload;     // {"channel", "text", "blocks"?}, or a webhook's document
    std::int64_t delay_ms = 0;  // due this long after it is enqueued
};
// An update's or reply's payload names no channel yet ({"channel":"",...}):
// the post it replaces or answers gives the channel and ts when it is
// delivered. A webhook's payload is its document.
Outgoing prepare(const core::Message& m);
std::vector<Outgoing> prepare(const std::vector<core::Message>& messages);
// The payload of a row with a target, addressed to its post: a chat.update
// replaces the message at `ts`, a chat.postMessage goes in its thread.
std::string addressed(const std::string& payload, std::string_view method, std::string_view channel,
                      std::string_view ts);

// Writes `messages` as pending rows, in the caller's transaction, with their
// slots filled from `slots`. An update becomes one chat.update row per
// earlier post about its subject that still has buttons; those posts are
// marked as having none any more. An edit or a reply becomes one row whose
// target is the first post about its subject to its channel, or none when
// there is no such post. A webhook becomes one row of method kWebhookMethod
// to its URL. Returns the number of rows written; with `written_rows`, also
// appends each row written there, as get() would read it back once committed
// (the worker then holds them without reading them again).
int enqueue(SQLite::Database& db, std::string_view request_id,
            const std::vector<Outgoing>& messages, const core::Slots& slots, std::int64_t now_ms,
            std::vector<Row>* written_rows = nullptr);
// The same for messages without slots, prepared here.
int enqueue(SQLite::Database& db, std::string_view request_id,
            const std::vector<core::Message>& messages, std::int64_t now_ms,
            std::vector<Row>* written_rows = nullptr);

// The highest id written so far (0 for none).
std::int64_t last_id(SQLite::Database& db);
// The rows request `request_id` wrote, those above `after_id` only: no index
// finds rows by request (every message would pay for it), so a caller that
// knows when the request was sent passes last_id() from before it.
std::vector<Row> by_request(SQLite::Database& db, std::string_view request_id,
                            std::int64_t after_id = 0);
// Whether a row of `method` about `subject` was ever written.
bool any_about(SQLite::Database& db, std::string_view subject, std::string_view method);
std::optional<Row> get(SQLite::Database& db, std::int64_t id);

// --- The delivery side, used by bot::OutboxWorker and the outbox CLI. ---

// Pending rows with an id above `after_id`, in id order, at most `limit`:
// the worker reads each row once and keeps its queue in memory. Costs what
// it returns, whatever the number of sent rows.
std::vector<Row> pending_after(SQLite::Database& db, std::int64_t after_id, int limit);

// The number of pending rows with an id <= `id`. More than the worker holds
// means rows were re-queued below its cursor.
std::int64_t count_pending_through(SQLite::Database& db, std::int64_t id);

// The outcome of one delivery attempt. Each touches only a pending row.
void mark_sent(SQLite::Database& db, std::int64_t id, const std::string& slack_channel,
               const std::string& slack_ts, std::int64_t now_ms);
void mark_retry(SQLite::Database& db, std::int64_t id, int attempts, std::int64_t next_attempt_at,
                const std::string& error);
void mark_dead(SQLite::Database& db, std::int64_t id, int attempts, const std::string& error);

// "pending", "sent" or "dead"; throws std::invalid_argument for anything else.
std::vector<Row> list(SQLite::Database& db, const std::string& state, int limit);
std::int64_t count(SQLite::Database& db, const std::string& state);

// Makes dead rows pending again with a fresh count of attempts, due at
// now_ms: all of them, or row `id` together with the updates of it that were
// parked because it was dead. Returns the number of rows re-queued (0 when
// `id` is not a dead row).
int requeue_dead(SQLite::Database& db, std::optional<std::int64_t> id, std::int64_t now_ms);

}  // namespace storage::outbox
