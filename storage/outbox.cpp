#include "storage/outbox.hpp"

#include <stdexcept>

#include <SQLiteCpp/Statement.h>

#include "core/json_text.hpp"
#include "storage/query.hpp"

namespace storage::outbox {
namespace {

// A Home tab publish due this soon counts as on its way: the worker may
// render it before a change applied now has committed (a group commit
// takes milliseconds), so the change queues another.
constexpr std::int64_t kHomeOnItsWayMs = 100;

constexpr const char* kColumns =
    "id, request_id, created_at, recipient, method, subject, has_buttons, target_id, payload, "
    "state, attempts, next_attempt_at, last_error, slack_channel, slack_ts";

std::string text_or_empty(const SQLite::Column& c) {
    return c.isNull() ? std::string() : c.getString();
}

Row read_row(SQLite::Statement& q) {
    Row r;
    r.id = q.getColumn(0).getInt64();
    r.request_id = q.getColumn(1).getString();
    r.created_at = q.getColumn(2).getInt64();
    r.recipient = q.getColumn(3).getString();
    r.method = q.getColumn(4).getString();
    r.subject = text_or_empty(q.getColumn(5));
    r.has_buttons = q.getColumn(6).getInt() != 0;
    if (!q.getColumn(7).isNull()) r.target_id = q.getColumn(7).getInt64();
    r.payload = q.getColumn(8).getString();
    r.state = q.getColumn(9).getString();
    r.attempts = q.getColumn(10).getInt();
    r.next_attempt_at = q.getColumn(11).getInt64();
    r.last_error = text_or_empty(q.getColumn(12));
    r.slack_channel = text_or_empty(q.getColumn(13));
    r.slack_ts = text_or_empty(q.getColumn(14));
    return r;
}

// How prepare() starts an update's payload: its channel is not known yet.
constexpr std::string_view kUnaddressed = R"({"channel":"")";

// An update: one chat.update row per earlier post about its subject that
// still has buttons, which then has none.
template <class Add>
int update_buttons(SQLite::Database& db, const Outgoing& m, const core::Slots& slots, Add& add) {
    const std::string subject = core::fill_slots(m.subject, slots);
    storage::Query targets(db,
                           "SELECT id, recipient FROM outbox WHERE subject = :subject AND "
                           "has_buttons = 1 AND method = 'chat.postMessage' ORDER BY id");
    targets->bind(":subject", subject);
    std::vector<std::pair<std::int64_t, std::string>> found;
    while (targets->executeStep())
        found.emplace_back(targets->getColumn(0).getInt64(), targets->getColumn(1).getString());
    for (const auto& [target, recipient] : found) add(recipient, "chat.update", m, target);
    storage::Query clear(
        db, "UPDATE outbox SET has_buttons = 0 WHERE subject = :subject AND has_buttons = 1");
    clear->bind(":subject", subject);
    clear->exec();
    return static_cast<int>(found.size());
}

}  // namespace

Outgoing prepare(const core::Message& m) {
    using Kind = core::Message::Kind;
    // A webhook's payload is its document, POSTed as it is.
    if (m.kind == Kind::webhook)
        return Outgoing{m.kind, m.channel, m.subject, false, core::Template(m.text)};
    if (m.kind == Kind::status)
        return Outgoing{m.kind, std::string(kStatusPrefix) + m.channel, m.subject, false,
                        core::Template(R"({"user":)" + core::json_string(m.channel) +
                                       R"(,"profile":)" + m.text + '}')};
    if (m.kind == Kind::file)
        return Outgoing{m.kind, m.channel, m.subject, false,
                        core::Template(R"({"channels":)" + core::json_string(m.channel) +
                                       R"(,"filename":)" + core::json_string(m.file_name) +
                                       R"(,"initial_comment":)" + core::json_string(m.text) +
                                       R"(,"content":)" + core::json_string(m.file_content) + '}')};
    if (m.kind == Kind::home) {
        std::string payload = R"({"user_id":)";
        core::append_json_string(payload, m.channel);
        payload += '}';
        Outgoing home;
        home.kind = m.kind;
        home.recipient = std::string(kHomePrefix) + m.channel;
        home.payload = core::Template(std::move(payload));
        home.delay_ms = m.delay_ms;
        return home;
    }
    // Where an update or a reply goes is filled in at delivery, from the
    // post's reply. Written in place: a message's text and blocks are most
    // of a request's bytes.
    const bool addressed = m.kind == Kind::post;
    std::string payload;
    payload.reserve(64 + m.channel.size() + m.thread_ts.size() + m.text.size() + m.text.size() / 8 +
                    m.blocks.size());
    if (addressed) {
        payload += R"({"channel":)";
        core::append_json_string(payload, m.channel);
    } else {
        payload += kUnaddressed;
    }
    if (addressed && !m.thread_ts.empty()) {
        payload += R"(,"thread_ts":)";
        core::append_json_string(payload, m.thread_ts);
    }
    payload += R"(,"text":)";
    core::append_json_string(payload, m.text);
    if (!m.blocks.empty()) {
        payload += R"(,"blocks":)";
        payload += m.blocks;
    }
    payload += '}';
    return Outgoing{m.kind,
                    m.kind == Kind::update ? std::string() : m.channel,
                    m.subject,
                    m.has_buttons,
                    core::Template(std::move(payload)),
                    m.delay_ms};
}

std::string addressed(const std::string& payload, std::string_view method, std::string_view channel,
                      std::string_view ts) {
    if (!payload.starts_with(kUnaddressed))
        throw std::invalid_argument("not an update's or reply's payload: " + payload.substr(0, 40));
    // An update replaces the message at `ts`; a reply goes in its thread.
    const char* key = method == "chat.update" ? R"(,"ts":)" : R"(,"thread_ts":)";
    return R"({"channel":)" + core::json_string(channel) + key + core::json_string(ts) +
           payload.substr(kUnaddressed.size());
}

std::vector<Outgoing> prepare(const std::vector<core::Message>& messages) {
    std::vector<Outgoing> out;
    out.reserve(messages.size());
    for (const auto& m : messages) out.push_back(prepare(m));
    return out;
}

int enqueue(SQLite::Database& db, std::string_view request_id,
            const std::vector<Outgoing>& messages, const core::Slots& slots, std::int64_t now_ms,
            std::vector<Row>* written_rows) {
    storage::Query insert(db,
                          "INSERT INTO outbox (request_id, created_at, recipient, method, subject, "
                          "has_buttons, target_id, payload, next_attempt_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const std::string request(request_id);
    auto add = [&](const std::string& recipient, const char* method, const Outgoing& m,
                   std::optional<std::int64_t> target) {
        insert->reset();
        std::optional<std::string> subject;
        if (!m.subject.empty()) subject = core::fill_slots(m.subject, slots);
        std::string payload = m.payload.fill(slots);
        const std::int64_t due = now_ms + m.delay_ms;
        storage::bind_all(*insert, request, now_ms, recipient, method, subject,
                          m.has_buttons ? 1 : 0, target, payload, due);
        insert->exec();
        if (!written_rows) return;
        // The row as read back: what the worker would find.
        Row& row = written_rows->emplace_back();
        row.id = db.getLastInsertRowid();
        row.request_id = request;
        row.created_at = now_ms;
        row.recipient = recipient;
        row.method = method;
        row.subject = subject.value_or("");
        row.has_buttons = m.has_buttons;
        row.target_id = target;
        row.payload = std::move(payload);
        row.state = "pending";
        row.next_attempt_at = due;
    };

    int written = 0;
    for (const auto& m : messages) {
        switch (m.kind) {
            case core::Message::Kind::post:
                add(m.recipient, "chat.postMessage", m, std::nullopt);
                ++written;
                break;
            case core::Message::Kind::update:
                written += update_buttons(db, m, slots, add);
                break;
            case core::Message::Kind::webhook:
                add(m.recipient, kWebhookMethod, m, std::nullopt);
                ++written;
                break;
            case core::Message::Kind::status:
                add(m.recipient, kStatusMethod, m, std::nullopt);
                ++written;
                break;
            case core::Message::Kind::file:
                add(m.recipient, kFileMethod, m, std::nullopt);
                ++written;
                break;
            case core::Message::Kind::home: {
                // One publish waiting to be due per person: it renders what
                // is current when it goes. One due already, or about to be,
                // may be on its way with what it rendered before this change
                // commits, so a change then queues another.
                storage::Query waiting(db,
                                       "SELECT 1 FROM outbox INDEXED BY outbox_home WHERE "
                                       "recipient = ? AND state = 'pending' AND "
                                       "method = 'views.publish' AND next_attempt_at > ?");
                storage::bind_all(*waiting, m.recipient, now_ms + kHomeOnItsWayMs);
                if (waiting->executeStep()) break;
                add(m.recipient, kHomeMethod, m, std::nullopt);
                ++written;
                break;
            }
            case core::Message::Kind::edit:
            case core::Message::Kind::reply: {
                // The first post about the subject to that channel; none yet
                // (no channel was set when it was filed): nothing to edit.
                storage::Query post(db,
                                    "SELECT id FROM outbox WHERE subject = :subject AND recipient "
                                    "= :recipient AND method = 'chat.postMessage' AND target_id "
                                    "IS NULL ORDER BY id LIMIT 1");
                post->bind(":subject", core::fill_slots(m.subject, slots));
                post->bind(":recipient", m.recipient);
                if (!post->executeStep()) break;
                const bool edit = m.kind == core::Message::Kind::edit;
                add(m.recipient, edit ? "chat.update" : "chat.postMessage", m,
                    post->getColumn(0).getInt64());
                ++written;
                break;
            }
        }
    }
    return written;
}

int enqueue(SQLite::Database& db, std::string_view request_id,
            const std::vector<core::Message>& messages, std::int64_t now_ms,
            std::vector<Row>* written_rows) {
    return enqueue(db, request_id, prepare(messages), {}, now_ms, written_rows);
}

bool any_about(SQLite::Database& db, std::string_view subject, std::string_view method) {
    storage::Query q(db, "SELECT 1 FROM outbox WHERE subject = :subject AND method = :method");
    q->bind(":subject", std::string(subject));
    q->bind(":method", std::string(method));
    return q->executeStep();
}

std::int64_t last_id(SQLite::Database& db) {
    storage::Query q(db, "SELECT coalesce(max(id), 0) FROM outbox");
    return q->executeStep() ? q->getColumn(0).getInt64() : 0;
}

std::vector<Row> by_request(SQLite::Database& db, std::string_view request_id,
                            std::int64_t after_id) {
    storage::Query q(db,
                     std::string("SELECT ") + kColumns +
                         " FROM outbox WHERE id > :after AND request_id = :request ORDER BY id");
    q->bind(":after", after_id);
    q->bind(":request", std::string(request_id));
    std::vector<Row> rows;
    while (q->executeStep()) rows.push_back(read_row(*q));
    return rows;
}

std::optional<Row> get(SQLite::Database& db, std::int64_t id) {
    static const std::string sql =
        std::string("SELECT ") + kColumns + " FROM outbox WHERE id = :id";
    storage::Query q(db, sql);
    q->bind(":id", static_cast<std::int64_t>(id));
    if (!q->executeStep()) return std::nullopt;
    return read_row(*q);
}

}  // namespace storage::outbox

namespace storage::outbox {
namespace {

void check_state(const std::string& state) {
    if (state != "pending" && state != "sent" && state != "dead")
        throw std::invalid_argument("unknown outbox state \"" + state +
                                    "\": use pending, sent or dead");
}

// Pending and dead rows have partial indexes of their own, few rows beside
// the many sent ones. A partial index serves only a WHERE that names its
// state literally, never as a bound parameter.
std::string from_outbox_in(const std::string& state) {
    check_state(state);
    const char* index = state == "pending" ? " INDEXED BY outbox_queue "
                        : state == "dead"  ? " INDEXED BY outbox_dead "
                                           : " ";
    return std::string("FROM outbox") + index + "WHERE state = '" + state + "'";
}

}  // namespace

std::vector<Row> pending_after(SQLite::Database& db, std::int64_t after_id, int limit) {
    static const std::string sql = std::string("SELECT ") + kColumns + " " +
                                   from_outbox_in("pending") +
                                   " AND id > :after ORDER BY id LIMIT :limit";
    storage::Query q(db, sql);
    q->bind(":after", after_id);
    q->bind(":limit", limit);
    std::vector<Row> rows;
    while (q->executeStep()) rows.push_back(read_row(*q));
    return rows;
}

std::int64_t count_pending_through(SQLite::Database& db, std::int64_t id) {
    static const std::string sql =
        "SELECT count(*) " + from_outbox_in("pending") + " AND id <= :id";
    storage::Query q(db, sql);
    q->bind(":id", id);
    q->executeStep();
    return q->getColumn(0).getInt64();
}

void mark_sent(SQLite::Database& db, std::int64_t id, const std::string& slack_channel,
               const std::string& slack_ts, std::int64_t now_ms) {
    storage::Query q(
        db,
        "UPDATE outbox SET state = 'sent', attempts = attempts + 1, slack_channel = ?, "
        "slack_ts = ?, sent_at = ? WHERE id = ? AND state = 'pending'");
    storage::bind_all(*q, slack_channel, slack_ts, now_ms, id);
    q->exec();
}

void mark_retry(SQLite::Database& db, std::int64_t id, int attempts, std::int64_t next_attempt_at,
                const std::string& error) {
    storage::Query q(
        db,
        "UPDATE outbox SET attempts = :attempts, next_attempt_at = :next, last_error = :error "
        "WHERE id = :id AND state = 'pending'");
    q->bind(":attempts", attempts);
    q->bind(":next", next_attempt_at);
    q->bind(":error", error);
    q->bind(":id", id);
    q->exec();
}

void mark_dead(SQLite::Database& db, std::int64_t id, int attempts, const std::string& error) {
    storage::Query q(db,
                     "UPDATE outbox SET state = 'dead', attempts = :attempts, last_error = :error "
                     "WHERE id = :id AND state = 'pending'");
    q->bind(":attempts", attempts);
    q->bind(":error", error);
    q->bind(":id", id);
    q->exec();
}

std::vector<Row> list(SQLite::Database& db, const std::string& state, int limit) {
    storage::Query q(db, std::string("SELECT ") + kColumns + " " + from_outbox_in(state) +
                             " ORDER BY id LIMIT :limit");
    q->bind(":limit", limit);
    std::vector<Row> rows;
    while (q->executeStep()) rows.push_back(read_row(*q));
    return rows;
}

std::int64_t count(SQLite::Database& db, const std::string& state) {
    storage::Query q(db, "SELECT count(*) " + from_outbox_in(state));
    q->executeStep();
    return q->getColumn(0).getInt64();
}

int requeue_dead(SQLite::Database& db, std::optional<std::int64_t> id, std::int64_t now_ms) {
    if (id) {
        auto row = get(db, *id);
        if (!row || row->state != "dead") return 0;
    }
    // A dead post's updates were parked because of it: they go back with it.
    storage::Query q(db,
                     "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = :now "
                     "WHERE state = 'dead' AND (:id IS NULL OR id = :id OR target_id = :id)");
    q->bind(":now", now_ms);
    if (id) q->bind(":id", *id);
    return q->exec();
}

}  // namespace storage::outbox
