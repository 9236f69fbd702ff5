#pragma once
// The service's delivery side for tests: its own writer, io thread and
// outbox worker over a test database file, with quick polls and backoff.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "bot/metrics.hpp"
#include "bot/outbox/worker.hpp"
#include "config/config.hpp"
#include "core/clock.hpp"
#include "core/message.hpp"
#include "storage/outbox.hpp"
#include "tests/support/db.hpp"
#include "tests/support/fake_slack.hpp"

namespace testing_support {

// Polls every 50 ms; retries after 200 ms, 400 ms, ... with jitter.
bot::OutboxOptions fast_outbox();

// Polls `done` every 10 ms until it holds (true) or `timeout` passes.
bool eventually(const std::function<bool()>& done,
                std::chrono::milliseconds timeout = std::chrono::seconds(10));

// One run of the service's delivery side. Destroying it is a clean shutdown.
struct OutboxProcess {
    OutboxProcess(const config::Config& cfg, const TempDb& tmp,
                  bot::OutboxOptions options = fast_outbox(),
                  core::Clock clock = core::system_clock());
    ~OutboxProcess();

    // How enqueue() tells the worker: with the rows committed (as the
    // service does), with a bare hint (as the scheduler does), or not at all
    // (another process's rows, found by the worker's poll).
    enum class Tell { rows, hint, nothing };
    // Commits the messages as one request's outbox rows; returns their ids.
    // Request ids are unique across processes over one file.
    std::vector<std::int64_t> enqueue(const std::vector<core::Message>& messages,
                                      Tell tell = Tell::rows);

    core::Clock clock;  // the worker's and enqueue()'s
    boost::asio::io_context ioc;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work;
    bot::Metrics metrics;
    std::unique_ptr<storage::Writer> writer;
    std::unique_ptr<bot::OutboxWorker> worker;
    std::thread thread;
};

// A test database, a fake Slack (which also takes webhooks) and a
// configuration that sends the outbox to them, with a bot token.
class OutboxFixture : public ::testing::Test {
protected:
    OutboxFixture();

    storage::outbox::Row row(std::int64_t id) const;
    std::function<bool()> state_is(std::int64_t id, const std::string& state) const;

    TempDb tmp;
    FakeSlack slack;
    config::Config cfg;
};

// Only warnings and worse reach the log while it lives.
struct QuietLog {
    QuietLog() : previous(spdlog::get_level()) { spdlog::set_level(spdlog::level::warn); }
    ~QuietLog() { spdlog::set_level(previous); }
    spdlog::level::level_enum previous;
};

// Everything logged while it lives, kept as text.
class CapturedLog {
public:
    CapturedLog();
    ~CapturedLog();
    CapturedLog(const CapturedLog&) = delete;
    CapturedLog& operator=(const CapturedLog&) = delete;
    std::string text() const { return out_.str(); }

private:
    std::ostringstream out_;
    std::shared_ptr<spdlog::logger> previous_;
};

}  // namespace testing_support
