#include "tests/support/outbox_process.hpp"

#include <atomic>
#include <string>

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include "core/clock.hpp"

namespace testing_support {

using namespace std::chrono_literals;

bot::OutboxOptions fast_outbox() {
    bot::OutboxOptions o;
    o.poll_interval = 50ms;
    o.backoff_base = 100ms;  // 200 ms, 400 ms, ... with jitter
    return o;
}

bool eventually(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

OutboxProcess::OutboxProcess(const config::Config& cfg, const TempDb& tmp,
                             bot::OutboxOptions options, core::Clock clock_)
    : clock(std::move(clock_)), work(boost::asio::make_work_guard(ioc)), writer(tmp.writer()) {
    worker = std::make_unique<bot::OutboxWorker>(ioc, cfg, *writer, metrics, clock, options);
    worker->start();
    thread = std::thread([this] { ioc.run(); });
}

OutboxProcess::~OutboxProcess() {
    worker->stop();
    EXPECT_TRUE(worker->wait_idle(10s));
    work.reset();
    ioc.stop();
    thread.join();
    worker.reset();
    writer->stop();
}

std::vector<std::int64_t> OutboxProcess::enqueue(const std::vector<core::Message>& messages,
                                                 Tell tell) {
    static std::atomic<int> requests{0};
    const std::string request = "req-" + std::to_string(++requests);
    std::vector<storage::outbox::Row> written;
    writer->run([&](SQLite::Database& db) {
        written.clear();
        storage::outbox::enqueue(db, request, messages, core::unix_ms(clock()), &written);
    });
    std::vector<std::int64_t> ids;
    for (const auto& row : written) ids.push_back(row.id);
    if (tell == Tell::rows) worker->notify(std::move(written));
    if (tell == Tell::hint) worker->notify();
    return ids;
}

OutboxFixture::OutboxFixture() {
    cfg.database = tmp.cfg;
    cfg.slack.bot_token = "xoxb-test-token";
    cfg.slack.api_base_url = slack.base_url();
    cfg.slack.max_attempts = 5;
}

storage::outbox::Row OutboxFixture::row(std::int64_t id) const {
    return *storage::outbox::get(*tmp.connect(), id);
}

std::function<bool()> OutboxFixture::state_is(std::int64_t id, const std::string& state) const {
    return [this, id, state] { return row(id).state == state; };
}

CapturedLog::CapturedLog() : previous_(spdlog::default_logger()) {
    spdlog::set_default_logger(std::make_shared<spdlog::logger>(
        "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(out_)));
}

CapturedLog::~CapturedLog() {
    spdlog::set_default_logger(previous_);
}

}  // namespace testing_support
