#pragma once
// Delivers outbox rows after their transaction has committed, on the
// io_context, without ever blocking it.
//
// Each recipient's messages go out in id order, one at a time: the next
// once the last one's send has ended, without waiting for the commit that
// records it. Different recipients proceed in parallel (up to
// Options::max_in_flight, which counts sends until recorded). An update
// waits for the post it edits and is sent with that post's channel and ts.
//
// Failures: ok:false codes Slack marks as permanent park the row as dead at
// once; 429 waits exactly Retry-After (and holds every send back that long,
// since Slack's limits are per method and workspace), however many times
// Slack asks: being paced is not being refused; 5xx, network and TLS
// errors retry with exponential backoff and jitter. After
// config::Slack::max_attempts attempts a row is parked as dead: kept, counted
// in /metrics (sitelead_outbox_dead), listed and re-queued by the CLI. While
// Slack cannot be reached at all (connections refused, no route), attempts
// do not run out: every message waits, retried at the capped backoff, and
// goes when Slack is back.
//
// Rows come from the database, read after the cursor of the highest id seen,
// or handed over by the writer of a request together with its commit
// (notify(rows)): those are held as they are when they follow the cursor
// with no id missing, so the rows the service writes are not read back.
//
// Without a bot token nothing goes to Slack: each row is written to the log
// and marked sent with a local ts, so the demo shows what would be sent.
//
// Webhook rows are POSTed to their URL, token or not, signed with
// config::Config::webhook_secret (bot/outbox/webhook.hpp); a webhook's 429
// holds back only the rows to its URL.
//
// Delivery is at least once: a crash between Slack's answer and the commit
// that records it sends that message again on the next start (with the
// recipient's messages sent after it meanwhile, in their order).

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "bot/metrics.hpp"
#include "config/config.hpp"
#include "core/clock.hpp"
#include "storage/outbox.hpp"
#include "storage/writer.hpp"

namespace boost::asio {
class io_context;
}

namespace bot {

struct OutboxOptions {
    std::chrono::milliseconds poll_interval{200};  // also picks up rows the CLI re-queued
    std::size_t max_in_flight = 8;                 // sends under way at once
    // Pending messages held in memory, in all and per recipient. The rest
    // wait in the database; the per-recipient bound keeps one recipient that
    // Slack keeps refusing from filling the queue and holding up everyone.
    std::size_t max_held = 4096;
    std::size_t max_held_per_recipient = 64;
    std::chrono::milliseconds backoff_base{500};
    std::chrono::milliseconds backoff_cap{std::chrono::minutes(5)};
};

// The wait before the next attempt after `attempts` failed ones:
// min(2^attempts * base, cap), scaled by `jitter` (0.8 to 1.2 in use).
std::chrono::milliseconds backoff_delay(int attempts, const OutboxOptions& options, double jitter);

class OutboxWorker {
public:
    // Registers the sitelead_outbox_* gauges and counters in `metrics`
    // (once per Metrics). Reads go through its own read-only connections to
    // cfg.database; writes through `writer`. Throws std::invalid_argument for
    // a bad slack.api_base_url and std::runtime_error for an unreadable
    // slack.ca_file.
    OutboxWorker(boost::asio::io_context& ioc, const config::Config& cfg, storage::Writer& writer,
                 Metrics& metrics, core::Clock clock, OutboxOptions options = {});
    // Destroy it only once the io_context has stopped or wait_idle() has
    // returned true after stop().
    ~OutboxWorker();
    OutboxWorker(const OutboxWorker&) = delete;
    OutboxWorker& operator=(const OutboxWorker&) = delete;

    // How a person's Home tab is rendered when its publish is delivered
    // (storage::outbox::kHomeMethod rows): a view's JSON text, from what the
    // read connection shows now. Set before start().
    using RenderHome = std::function<std::string(const std::string& user, SQLite::Database& reads)>;
    void render_home_with(RenderHome render);

    // Opens the read connection and starts delivering, beginning with rows a
    // previous run left pending.
    void start();
    // A hint that rows were just committed: look now rather than at the next
    // poll. With `rows`, the rows committed (storage::outbox::enqueue's
    // written_rows): held as they are when nothing was committed between
    // them and the rows held already, else read. Cheap and safe from any
    // thread.
    void notify(std::vector<storage::outbox::Row> rows = {});
    // Starts no new sends; those under way finish and are recorded. Safe from
    // any thread, idempotent.
    void stop();
    // Blocks until no send is under way or `timeout` passes; true when idle.
    // Never call it on an io thread.
    bool wait_idle(std::chrono::milliseconds timeout);
    std::size_t in_flight() const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace bot
