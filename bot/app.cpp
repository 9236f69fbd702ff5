#include "bot/app.hpp"

#include <condition_variable>
#include <csignal>
#include <fstream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Transaction.h>
#include <spdlog/spdlog.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <nlohmann/json.hpp>

#include "bot/dispatch/service.hpp"
#include "bot/http/server.hpp"
#include "bot/metrics.hpp"
#include "bot/outbox/worker.hpp"
#include "bot/schedule/jobs.hpp"
#include "bot/schedule/scheduler.hpp"
#include "bot/slack/views.hpp"
#include "core/clock.hpp"
#include "core/threads.hpp"
#include "handlers/faq_search.hpp"
#include "storage/database.hpp"
#include "storage/faq_store.hpp"
#include "storage/pto_spans.hpp"
#include "storage/pto_store.hpp"
#include "storage/writer.hpp"

namespace net = boost::asio;

namespace bot {
namespace {

// Loads the FAQ's seed file into an empty FAQ, in one transaction.
void seed_faq(SQLite::Database& db, const config::Faq& faq) {
    if (faq.seed_file.empty() || storage::faq::count(db) > 0) return;
    std::ifstream in(faq.seed_file);
    if (!in)
        throw std::runtime_error("cannot read the FAQ seed file \"" + faq.seed_file +
                                 "\" (faq.seed_file)");
    const auto doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded())
        throw std::runtime_error("the FAQ seed file \"" + faq.seed_file + "\" is not valid JSON");
    SQLite::Transaction tx(db);
    storage::faq::Imported n;
    try {
        n = storage::faq::import_document(db, doc, "sitelead-bot",
                                          core::unix_ms(std::chrono::system_clock::now()));
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(faq.seed_file + ": " + e.what());
    }
    tx.commit();
    spdlog::info("FAQ: {} entries loaded from {}", n.added, faq.seed_file);
}

// Opens and migrates the database; requests saved before sites existed go to
// the first configured site; an empty FAQ gets its seed file.
std::unique_ptr<SQLite::Database> open_database(const config::Config& whole) {
    const config::Database& cfg = whole.database;
    const config::Site& first_site = whole.sites.front();
    std::unique_ptr<SQLite::Database> db;
    try {
        db = storage::open(cfg);
    } catch (const SQLite::Exception& e) {
        throw std::runtime_error("cannot open the database \"" + cfg.path + "\": " + e.what() +
                                 " (set database.path or SITELEAD_DB to a writable file)");
    }
    try {
        const int version = storage::migrate(*db);
        spdlog::debug("database {} at schema version {}", cfg.path, version);
        if (const int n = storage::pto::assign_site(*db, first_site.id))
            spdlog::info("{} PTO request(s) saved before sites existed now belong to site {}", n,
                         first_site.id);
    } catch (const storage::SchemaTooNew& e) {
        throw std::runtime_error("database \"" + cfg.path + "\": " + e.what());
    } catch (const SQLite::Exception& e) {
        throw std::runtime_error("cannot migrate the database \"" + cfg.path + "\": " + e.what());
    }
    seed_faq(*db, whole.faq);
    return db;
}

}  // namespace

// Members are declared in the order they are needed and torn down
// explicitly in stop(): nothing that refers to the io_context outlives it,
// and the database closes last.
struct App::Impl {
    Impl(config::Config c, core::Clock clock) : cfg(std::move(c)) {
        if (auto problems = config::validate(cfg); !problems.empty())
            throw config::ConfigError(std::move(problems));
        if (cfg.slack.signing_secret.empty())
            throw std::runtime_error(
                "no Slack signing secret: set SLACK_SIGNING_SECRET (Basic Information > App "
                "Credentials > Signing Secret in the Slack app settings)");
        if (cfg.pto.slack_status && cfg.slack.user_token.empty())
            spdlog::warn(
                "pto.slack_status is on, but SLACK_USER_TOKEN is not set: no Slack status will "
                "be set (it needs a user token with users.profile:write)");
        writer = std::make_unique<storage::Writer>(open_database(cfg));
        storage::pto::follow(*writer, clock());
        service = std::make_unique<Service>(cfg, *writer, metrics, clock, cfg.server.ack_deadline);
        io = std::make_unique<net::io_context>(cfg.server.threads);
        OutboxOptions delivery;
        // Delivering to the log costs nothing: no reason to hold rows back.
        if (cfg.slack.bot_token.empty()) delivery.max_in_flight = 256;
        outbox = std::make_unique<OutboxWorker>(*io, cfg, *writer, metrics, clock, delivery);
        service->on_messages_committed(
            [worker = outbox.get()](std::vector<storage::outbox::Row> rows) {
                worker->notify(std::move(rows));
            });
        outbox->render_home_with(
            [svc = service.get()](const std::string& user, SQLite::Database& reads) {
                return svc->router().home(user, reads);
            });
        views = std::make_unique<slack::ViewOpener>(*io, cfg, metrics);
        service->on_view([v = views.get()](const Dispatcher::ViewTarget& target, std::string view,
                                           const std::string& request_id) {
            if (target.view_id.empty())
                v->open(target.trigger_id, std::move(view), request_id);
            else
                v->update(target.view_id, target.hash, std::move(view), request_id);
        });
        scheduler = std::make_unique<Scheduler>(*io, *writer, cfg.sites, clock);
        scheduler->on_messages_written([worker = outbox.get()] { worker->notify(); });
        add_jobs(*scheduler, cfg);
        server = std::make_unique<HttpServer>(
            *io, cfg.server, [svc = service.get()](HttpRequest req, Respond respond) {
                svc->handle(std::move(req), std::move(respond));
            });
        metrics.add_gauge("sitelead_db_commits", "Transactions the writer has committed.",
                          [this] { return static_cast<double>(writer->commits()); });
        metrics.add_gauge("sitelead_db_units", "Units of work (requests, jobs) committed.",
                          [this] { return static_cast<double>(writer->units()); });
        metrics.add_gauge("sitelead_db_syncs", "Flushes of the database's log to disk.",
                          [this] { return static_cast<double>(writer->syncs()); });
        metrics.add_gauge("sitelead_faq_classifiers_trained",
                          "FAQ classifiers trained since start-up (the first from start-up).",
                          [] { return double(handlers::faq::classifier_trainings().trained); });
        metrics.add_gauge("sitelead_faq_classifier_training_seconds",
                          "How long the last FAQ classifier took to train.",
                          [] { return handlers::faq::classifier_trainings().last_seconds; });
        metrics.add_gauge(
            "sitelead_http_in_flight", "Requests received and not yet answered.",
            [this] { return server ? static_cast<double>(server->in_flight()) : 0.0; });
    }

    void request_stop() {
        {
            std::lock_guard lock(mutex);
            stop_requested = true;
        }
        stop_wanted.notify_all();
    }

    bool stop_requested_already() {
        std::lock_guard lock(mutex);
        return stop_requested;
    }

    void await_signal() {
        signals->async_wait([this](const boost::system::error_code& ec, int signal) {
            if (ec) return;
            const char* name = signal == SIGTERM ? "SIGTERM" : "SIGINT";
            if (stop_requested_already())
                spdlog::info("received {} again; already shutting down", name);
            else
                spdlog::info("received {}, shutting down (grace {}s)", name,
                             cfg.server.shutdown_grace.count());
            request_stop();
            await_signal();  // a second signal must not kill us half-way through
        });
    }

    void drain() {
        const auto deadline = std::chrono::steady_clock::now() + cfg.server.shutdown_grace;
        while (server->in_flight() > 0 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        if (const auto left = server->in_flight())
            spdlog::warn("{} request(s) still unanswered after the {}s grace period; dropping them",
                         left, cfg.server.shutdown_grace.count());
    }

    const config::Config cfg;
    Metrics metrics;
    std::unique_ptr<storage::Writer> writer;  // owns the database connection
    std::unique_ptr<Service> service;
    std::unique_ptr<net::io_context> io;
    std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
    std::unique_ptr<net::signal_set> signals;
    std::unique_ptr<HttpServer> server;
    std::unique_ptr<OutboxWorker> outbox;
    std::unique_ptr<slack::ViewOpener> views;
    std::unique_ptr<Scheduler> scheduler;
    std::vector<std::thread> threads;

    std::mutex mutex;  // guards stop_requested
    std::condition_variable stop_wanted;
    bool stop_requested = false;
    std::mutex stopping;  // held for the whole of stop()
    bool started = false;
    bool stopped = false;
};

App::App(config::Config cfg, core::Clock clock)
    : impl_(std::make_unique<Impl>(std::move(cfg), std::move(clock))) {}

App::~App() {
    stop();
}

void App::start() {
    Impl& m = *impl_;
    if (m.started) throw std::logic_error("App::start called twice");
    m.server->start();
    m.started = true;
    m.outbox->start();
    m.scheduler->start();
    m.signals = std::make_unique<net::signal_set>(*m.io, SIGINT, SIGTERM);
    m.await_signal();
    m.work.emplace(m.io->get_executor());
    for (int i = 0; i < m.cfg.server.threads; ++i)
        m.threads.emplace_back([&m] {
            core::start_thread("sitelead-io", core::ThreadRole::answering);
            m.io->run();
        });
    // The FAQ derives what its search reads (its index, the learnt questions
    // and examples) and starts training its classifier on an io thread once
    // the service listens, rather than on its first question: a pure read,
    // as a question's; one asked meanwhile derives what it needs itself.
    net::post(*m.io, [&m] {
        try {
            handlers::faq::warm(m.cfg.faq, m.cfg.sites, *storage::open_readonly(m.cfg.database));
        } catch (const std::exception& e) {
            spdlog::warn("faq: not warmed at start-up ({}); the first question will", e.what());
        }
    });
    m.service->set_ready(true);
}

unsigned short App::port() const {
    return impl_->server->port();
}

void App::wait() {
    std::unique_lock lock(impl_->mutex);
    impl_->stop_wanted.wait(lock, [this] { return impl_->stop_requested; });
}

void App::stop() {
    Impl& m = *impl_;
    std::lock_guard lock(m.stopping);
    if (m.stopped) return;
    m.stopped = true;
    m.request_stop();
    if (m.started) {
        m.service->set_ready(false);
        m.server->stop_accepting();
        m.drain();
        m.scheduler->stop();
        // Sends under way are recorded; what is still pending is delivered
        // after the next start.
        m.outbox->stop();
        m.outbox->wait_idle(m.cfg.server.shutdown_grace);
        m.views->close();
        m.work.reset();
        m.io->stop();
        for (auto& t : m.threads) t.join();
    }
    // Finishes what is queued; completions post to the stopped io_context
    // and are dropped with it.
    m.service->stop();
    m.writer->stop();
    m.scheduler.reset();
    m.outbox.reset();
    m.views.reset();
    m.server.reset();
    m.signals.reset();
    m.io.reset();
    m.service.reset();
    m.writer.reset();
    spdlog::info("stopped; database {} closed", m.cfg.database.path);
}

const config::Config& App::config() const {
    return impl_->cfg;
}

const Metrics& App::metrics() const {
    return impl_->metrics;
}

}  // namespace bot
