#include "bot/outbox/worker.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <limits>
#include <map>
#include <mutex>
#include <random>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "bot/outbox/delivery_queue.hpp"
#include "bot/outbox/file_share.hpp"
#include "bot/outbox/gauge_reader.hpp"
#include "bot/outbox/handover.hpp"
#include "bot/outbox/outcome.hpp"
#include "bot/outbox/wake_timer.hpp"
#include "bot/outbox/webhook.hpp"
#include "bot/slack/web_client.hpp"
#include "core/json_text.hpp"
#include "core/text.hpp"
#include "storage/database.hpp"
#include "storage/outbox.hpp"
#include "storage/query.hpp"

namespace bot {

namespace net = boost::asio;
using slack::ApiResult;
using std::chrono::milliseconds;
using storage::outbox::Row;

namespace {

constexpr const char* kSentTotal = "sitelead_outbox_sent_total";
// How long the outcomes of sends wait after a write of them failed.
constexpr milliseconds kRecordRetry{1000};
constexpr const char* kRetriesTotal = "sitelead_outbox_retries_total";

}  // namespace

milliseconds backoff_delay(int attempts, const OutboxOptions& options, double jitter) {
    const double cap = static_cast<double>(options.backoff_cap.count());
    const double grown =
        std::ldexp(static_cast<double>(options.backoff_base.count()), std::clamp(attempts, 0, 62));
    return milliseconds(static_cast<std::int64_t>(std::min(grown, cap) * jitter));
}

struct OutboxWorker::Impl : std::enable_shared_from_this<OutboxWorker::Impl> {
    Impl(net::io_context& io, const config::Config& config, storage::Writer& w, Metrics& m,
         core::Clock c, OutboxOptions o)
        : strand(net::make_strand(io)),
          timer(strand),
          cfg(config),
          writer(w),
          metrics(m),
          clock(std::move(c)),
          options(o),
          client(io, cfg.slack),
          slack_to_log(cfg.slack.bot_token.empty()),
          queue(o.max_held_per_recipient),
          rng(std::random_device{}()) {
        if (options.max_in_flight == 0) options.max_in_flight = 1;
        if (options.max_held == 0) options.max_held = 1;
    }

    std::int64_t now_ms() const { return core::unix_ms(clock()); }

    void start() {
        reader = storage::open_readonly(cfg.database);
        statements = std::make_unique<storage::StatementCache>(*reader);
        if (!slack_to_log)
            spdlog::info("outbox: delivering to {}", cfg.slack.api_base_url);
        else
            spdlog::warn(
                "outbox: SLACK_BOT_TOKEN is not set; Slack messages are written to the log "
                "and marked sent instead of going to Slack");
        log_webhook_setup(cfg);
        net::post(strand, [self = shared_from_this()] {
            self->running = true;
            self->scan();
        });
    }

    void stop() {
        {
            std::lock_guard lock(idle_mutex);
            stopping = true;
        }
        net::post(strand, [self = shared_from_this()] {
            self->running = false;
            self->timer.cancel();
            self->record_timer.cancel();
        });
    }

    // Holds the rows handed over since the last call, unless other rows may
    // have been committed between them and those held: then it reads.
    void take_handed() {
        auto taken = handover.take();
        if (taken.unknown || !queue.add_following(taken.rows, options.max_held))
            maybe_unread = true;
    }

    // Reads rows it has not seen, sends whatever is due, then sleeps until
    // the next row falls due or the poll interval passes, whichever is sooner.
    void scan() {
        if (!running) return;
        storage::UseCache use(*statements);
        const auto steady_now = std::chrono::steady_clock::now();
        try {
            if (!writing && steady_now >= next_check) {
                next_check = steady_now + options.poll_interval;
                look_for_requeued();
            }
            // Re-queued rows below the cursor, or a full recipient with room again.
            if (reread || queue.wants_reread()) {
                queue.reset();
                reread = false;
                maybe_unread = true;
            }
            // Only when rows may wait unread: each read is a read transaction
            // and a query, and most scans follow an outcome, not new rows.
            if (queue.size() < options.max_held && (maybe_unread || steady_now >= next_read)) {
                const std::size_t room = options.max_held - queue.size();
                auto rows =
                    storage::outbox::pending_after(*reader, queue.cursor(), static_cast<int>(room));
                maybe_unread = rows.size() == room;  // stopped at the limit: more may wait
                next_read = steady_now + options.poll_interval;
                for (auto& row : rows) queue.add(std::move(row));
            }
        } catch (const std::exception& e) {
            spdlog::error("outbox: cannot read pending messages: {}", e.what());
        }
        if (steady_now < held_until) {
            arm(std::chrono::duration_cast<milliseconds>(held_until - steady_now));
            return;
        }
        const auto now = now_ms();
        send_due(now);
        auto wait = options.poll_interval;
        if (auto next = queue.next_due_at(); next && *next > now)
            wait = std::min(wait, milliseconds(*next - now));
        arm(wait);
    }

    // Rows below the cursor are only ever added by the CLI re-queueing dead
    // ones. With no outcome being written, every pending row at or below the
    // cursor is one the queue holds, turned away for a full recipient, or
    // settled with its outcome still to be written, so any difference in
    // number is that.
    void look_for_requeued() {
        const auto cursor = queue.cursor();
        const auto pending = storage::outbox::count_pending_through(*reader, cursor);
        const auto known = static_cast<std::int64_t>(queue.held_through(cursor) + queue.skipped());
        if (pending == known) return;
        spdlog::info("outbox: {} pending message(s) up to #{}, {} known; reading them again",
                     pending, cursor, known);
        reread = true;
    }

    void arm(milliseconds wait) {
        timer.wake_within(wait, [self = shared_from_this()] { self->scan(); });
    }

    void send_due(std::int64_t now) {
        const auto busy = in_flight_count.load();
        if (busy >= options.max_in_flight) return;
        for (const Row* row : queue.take(now, options.max_in_flight - busy)) {
            // A row delivered at once is settled, and gone from the queue.
            const std::int64_t id = row->id;
            const int attempts = row->attempts;
            const std::int64_t due = row->next_attempt_at;
            bool started = false;
            try {
                started = dispatch(*row);
            } catch (const std::exception& e) {
                spdlog::error("outbox: cannot start sending #{}: {}", id, e.what());
            }
            if (!started) queue.retry(id, attempts, due);  // in its place, unchanged
        }
    }

    // Counts a send as under way unless stop() came first, so that
    // wait_idle() after stop() cannot miss one.
    bool begin_send() {
        std::lock_guard lock(idle_mutex);
        if (stopping) return false;
        in_flight_count.fetch_add(1);
        return true;
    }

    // Starts delivering `row`, just taken from the queue; false when it
    // cannot go now.
    bool dispatch(const Row& row) {
        std::optional<Row> target;
        if (row.target_id) {
            target = target_of(*row.target_id);
            if (target && target->state == "pending") {
                // Its post was re-queued below the cursor and is not held
                // yet; once it is, it comes first (same recipient, lower id).
                reread = true;
                return false;
            }
        }
        if (!begin_send()) return false;
        if (row.target_id && (!target || target->state != "sent")) {
            record(row, Outcome::dead(
                            row.attempts,
                            "the message it " +
                                std::string(row.method == "chat.update" ? "updates" : "answers") +
                                " (#" + std::to_string(*row.target_id) + ") was never delivered"));
            return true;
        }
        if (is_webhook(row)) {
            post_webhook(client, row, cfg.webhook_secret, result_handler(row));
            return true;
        }
        if (slack_to_log) {
            deliver_to_log(row, target);
            return true;
        }
        if (is_file(row)) {
            share_file(client, row, cfg.slack.api_base_url, result_handler(row));
            return true;
        }
        std::string body = target
                               ? storage::outbox::addressed(row.payload, row.method,
                                                            target->slack_channel, target->slack_ts)
                           : is_home(row) ? home_payload(row)
                                          : row.payload;
        client.call(row.method, std::move(body), result_handler(row),
                    is_status(row) ? slack::WebClient::Token::user : slack::WebClient::Token::bot);
        return true;
    }

    // Takes an attempt's outcome back to the strand.
    slack::WebClient::Callback result_handler(Row row) {
        return [self = shared_from_this(), row = std::move(row)](ApiResult result) mutable {
            net::post(self->strand, [self, row = std::move(row), result = std::move(result)] {
                self->on_result(row, result);
            });
        };
    }

    static bool is_home(const Row& row) { return row.method == storage::outbox::kHomeMethod; }
    static bool is_status(const Row& row) { return row.method == storage::outbox::kStatusMethod; }

    // A Home tab's publish, rendered now: it shows the latest state.
    std::string home_payload(const Row& row) const {
        const std::string user = row.recipient.substr(storage::outbox::kHomePrefix.size());
        return R"({"user_id":)" + core::json_string(user) + R"(,"view":)" +
               (render_home ? render_home(user, *reader) : R"({"type":"home","blocks":[]})") + '}';
    }

    // Without a token the message is written to the log and marked sent
    // (logged()).
    void deliver_to_log(const Row& row, const std::optional<Row>& target) {
        if (spdlog::should_log(spdlog::level::info)) {
            if (is_home(row))
                spdlog::info("outbox #{} views.publish of {}'s Home tab: {}", row.id,
                             row.recipient.substr(storage::outbox::kHomePrefix.size()),
                             home_payload(row));
            else
                spdlog::info("outbox #{} {}", row.id, described_delivery(row, target));
        }
        record(row, logged(row, target));
    }

    void on_result(const Row& row, const ApiResult& result) {
        Outcome out = answered(row, result, cfg.slack.max_attempts);
        if (out.kind == Outcome::Kind::retry) {
            out.wait = retry_wait(out.attempts, result, !is_webhook(row));
            out.next_attempt_at = now_ms() + out.wait.count();
        }
        record(row, std::move(out));
    }

    milliseconds retry_wait(int attempts, const ApiResult& result, bool from_slack) {
        if (result.retry_after.count() > 0) {
            // The server said exactly when. Slack's limits are per method
            // and workspace, so every send waits that long, not only this
            // one; a webhook's hold only its own URL's line.
            if (from_slack)
                held_until =
                    std::max(held_until, std::chrono::steady_clock::now() + result.retry_after);
            return result.retry_after;
        }
        std::uniform_real_distribution<double> jitter(0.8, 1.2);
        return backoff_delay(attempts, options, jitter(rng));
    }

    // Outcomes are written in batches, one writer unit at a time. A row sent
    // or dead leaves the queue at once, so that its recipient's next row may
    // go without waiting for the commit; until then the queue will not hold
    // it again, and an update of it finds its channel and ts here. A row to
    // try again keeps its recipient busy until its outcome commits.
    // `row` may be the queue's own, which settling moves out.
    void record(const Row& row, Outcome out) {
        const std::int64_t now = now_ms();
        std::optional<Row> held;
        if (out.kind != Outcome::Kind::retry) {
            const std::int64_t id = row.id;
            held = queue.settle(id);  // `row` may be the one let go: read it no more
            unrecorded[id] = out;
            scan_soon();
        }
        collected.push_back(Settlement{held ? std::move(*held) : row, std::move(out), now});
        write_collected();
    }

    void scan_soon() {
        if (scan_posted) return;
        scan_posted = true;
        net::post(strand, [self = shared_from_this()] {
            self->scan_posted = false;
            self->scan();
        });
    }

    // The row `id` as an update or reply of it needs it: its outcome if
    // that is not committed yet, else as the database has it.
    std::optional<Row> target_of(std::int64_t id) const {
        const auto known = unrecorded.find(id);
        if (known == unrecorded.end()) return storage::outbox::get(*reader, id);
        return as_target(id, known->second);
    }

    void write_collected() {
        if (writing || record_waiting || collected.empty()) return;
        writing = true;
        auto batch = std::make_shared<const std::vector<Settlement>>(std::move(collected));
        collected.clear();
        writer.submit(
            [batch](SQLite::Database& db) {
                for (const auto& s : *batch) write_outcome(db, s);
            },
            [self = shared_from_this(), batch](std::exception_ptr error) {
                net::post(self->strand, [self, batch, error] { self->committed(*batch, error); });
            });
    }

    void committed(const std::vector<Settlement>& batch, std::exception_ptr error) {
        writing = false;
        if (error) {
            // The sends happened: sending again would repeat them. Their
            // outcomes wait in memory, their rows stay taken (not sent
            // again), and the write is tried again shortly: the disk may
            // be full, or the database held by another program.
            std::string ids;
            for (const auto& s : batch)
                ids += (ids.empty() ? "#" : ", #") + std::to_string(s.row.id);
            spdlog::error("outbox: cannot record the outcome of {} yet: {}; trying again in {} ms",
                          ids, core::describe(error), kRecordRetry.count());
            collected.insert(collected.begin(), batch.begin(), batch.end());
            record_waiting = true;
            record_timer.expires_after(kRecordRetry);
            record_timer.async_wait(
                [self = shared_from_this()](const boost::system::error_code& ec) {
                    if (ec) return;
                    self->record_waiting = false;
                    self->write_collected();
                });
            // They count as under way until their outcome is recorded.
            scan();
            return;
        } else {
            for (const auto& s : batch) {
                if (s.out.kind == Outcome::Kind::retry) {
                    queue.retry(s.row.id, s.out.attempts, s.out.next_attempt_at);
                } else {
                    queue.recorded(s.row.id);
                    unrecorded.erase(s.row.id);
                }
                log_outcome(s.row, s.out);
            }
        }
        finish(batch.size());
        // Scan first: with no write under way it may check for re-queued rows.
        scan();
        write_collected();
    }

    void log_outcome(const Row& row, const Outcome& out) {
        if (out.kind == Outcome::Kind::sent) metrics.count(kSentTotal);
        if (out.kind == Outcome::Kind::retry) metrics.count(kRetriesTotal);
        bot::log_outcome(row, out);
    }

    void finish(std::size_t sends) {
        {
            std::lock_guard lock(idle_mutex);
            in_flight_count.fetch_sub(sends);
        }
        idle_changed.notify_all();
    }

    net::strand<net::io_context::executor_type> strand;
    WakeTimer timer;  // the next scan
    const config::Config& cfg;
    storage::Writer& writer;
    Metrics& metrics;
    core::Clock clock;
    OutboxOptions options;
    slack::WebClient client;  // Slack's Web API and webhooks
    bool slack_to_log;        // no bot token: Slack messages go to the log
    OutboxWorker::RenderHome render_home;

    // Only on the strand.
    std::unique_ptr<SQLite::Database> reader;
    std::unique_ptr<storage::StatementCache> statements;  // of reader, closed before it
    DeliveryQueue queue;
    std::vector<Settlement> collected;  // outcomes waiting for the write under way
    // The outcomes of rows sent or dead, by id, until their write commits.
    std::map<std::int64_t, Outcome> unrecorded;
    bool scan_posted = false;     // a scan_soon() is on its way
    bool writing = false;         // an outcome batch is being committed
    bool record_waiting = false;  // the last write failed: wait before the next
    net::steady_timer record_timer{strand};
    bool reread = false;  // read the queue again from the first pending row
    // Pending rows may wait above the cursor, unread: rows were committed
    // since the last read that were not handed over (notify()), or that read
    // stopped at its limit.
    // Rows no notify() announces (another process's) are read at least once
    // every poll interval, at next_read.
    bool maybe_unread = true;
    std::chrono::steady_clock::time_point next_read{};
    std::chrono::steady_clock::time_point next_check{};  // for re-queued rows
    bool running = false;
    std::chrono::steady_clock::time_point held_until{};
    std::mt19937 rng;

    Handover handover;  // what notify() hands over, until the strand takes it
    std::atomic<std::size_t> in_flight_count{0};
    std::mutex idle_mutex;
    std::condition_variable idle_changed;
    bool stopping = false;  // under idle_mutex
};

OutboxWorker::OutboxWorker(net::io_context& ioc, const config::Config& cfg, storage::Writer& writer,
                           Metrics& metrics, core::Clock clock, OutboxOptions options)
    : impl_(std::make_shared<Impl>(ioc, cfg, writer, metrics, std::move(clock), options)) {
    auto gauges = std::make_shared<GaugeReader>(cfg.database);
    metrics.add_gauge("sitelead_outbox_pending", "Outbox messages waiting to be delivered.",
                      [gauges] { return gauges->count("pending"); });
    metrics.add_gauge("sitelead_outbox_dead",
                      "Outbox messages parked after a permanent error or too many attempts.",
                      [gauges] { return gauges->count("dead"); });
    metrics.count(kSentTotal, 0);
    metrics.count(kRetriesTotal, 0);
}

OutboxWorker::~OutboxWorker() {
    stop();
    impl_->client.close();
}

void OutboxWorker::render_home_with(RenderHome render) {
    impl_->render_home = std::move(render);
}

void OutboxWorker::start() {
    impl_->start();
}

void OutboxWorker::notify(std::vector<Row> rows) {
    if (!impl_->handover.put(std::move(rows))) return;  // a wake-up is already on its way
    net::post(impl_->strand, [impl = impl_] {
        impl->take_handed();
        impl->scan();
    });
}

void OutboxWorker::stop() {
    impl_->stop();
}

bool OutboxWorker::wait_idle(std::chrono::milliseconds timeout) {
    std::unique_lock lock(impl_->idle_mutex);
    return impl_->idle_changed.wait_for(lock, timeout,
                                        [&] { return impl_->in_flight_count.load() == 0; });
}

std::size_t OutboxWorker::in_flight() const {
    return impl_->in_flight_count.load();
}

}  // namespace bot
