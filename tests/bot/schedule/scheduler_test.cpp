#include "bot/schedule/scheduler.hpp"

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <future>
#include <mutex>
#include <vector>

#include <SQLiteCpp/Statement.h>
#include <date/date.h>
#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>

#include "tests/support/site.hpp"

#include "storage/database.hpp"
#include "storage/outbox.hpp"
#include "storage/writer.hpp"
#include "tests/support/paths.hpp"

namespace {

using bot::Schedule;
using bot::TimePoint;
using namespace std::chrono_literals;

using testing_support::utc;

const Schedule kNineOnWorkingDays = Schedule::daily(9h, true);

// A real database file, the real writer, and a clock the test sets.
class Scheduling : public ::testing::Test {
protected:
    void SetUp() override {
        db_.path = (dir_ / "sitelead.db").string();
        site_.time_zone = "America/New_York";
        site_.working_days = {date::Monday, date::Tuesday, date::Wednesday, date::Thursday,
                              date::Friday};
        open_writer();
    }
    void TearDown() override { writer_.reset(); }

    // A restart: the old connection closes, a new one opens the same file.
    void open_writer() {
        writer_.reset();
        auto db = storage::open(db_);
        storage::migrate(*db);
        writer_ = std::make_unique<storage::Writer>(std::move(db));
    }

    core::Clock clock() {
        return [this] { return now_.load(); };
    }

    // The digest-like job: one DM per run, written in the run's transaction.
    bot::Scheduler::Job digest() {
        return [this](SQLite::Database&, TimePoint due, const config::Site&) {
            std::lock_guard lock(mutex_);
            runs_.push_back(due);
            return std::vector<core::Message>{core::Message::dm("U01LEAD", "Good morning")};
        };
    }

    std::vector<TimePoint> runs() {
        std::lock_guard lock(mutex_);
        return runs_;
    }

    std::optional<TimePoint> last_run(const std::string& job) {
        auto db = storage::open_readonly(db_);
        SQLite::Statement q(*db, "SELECT last_run_at FROM scheduler_runs WHERE job = :job");
        q.bind(":job", job);
        if (!q.executeStep()) return std::nullopt;
        return TimePoint{std::chrono::milliseconds(q.getColumn(0).getInt64())};
    }

    std::int64_t outbox_rows() {
        auto db = storage::open_readonly(db_);
        return db->execAndGet("SELECT count(*) FROM outbox").getInt64();
    }

    testing_support::TempDir dir_{"sitelead-scheduler"};
    config::Database db_;
    std::vector<config::Site> sites_{config::Site{}};
    config::Site& site_ = sites_.front();  // one site, "office"
    std::unique_ptr<storage::Writer> writer_;
    boost::asio::io_context io_;
    std::atomic<TimePoint> now_{utc("2026-03-11T15:00:00Z")};  // Wednesday 11:00 EDT
    std::mutex mutex_;
    std::vector<TimePoint> runs_;
};

TEST_F(Scheduling, DoesNotRunANewJobForThePast) {
    bot::Scheduler scheduler(io_, *writer_, sites_, clock());
    scheduler.add("digest", kNineOnWorkingDays, digest());

    EXPECT_EQ(scheduler.run_due(now_.load()), 0u);
    EXPECT_TRUE(runs().empty());
    EXPECT_EQ(last_run("digest@office"), now_.load());  // remembered as first added
    EXPECT_EQ(scheduler.next_due(), utc("2026-03-12T13:00:00Z"));
}

TEST_F(Scheduling, RunsAJobOnlyOnceItIsDue) {
    bot::Scheduler scheduler(io_, *writer_, sites_, clock());
    scheduler.add("digest", kNineOnWorkingDays, digest());

    EXPECT_EQ(scheduler.run_due(utc("2026-03-12T12:59:59Z")), 0u);
    EXPECT_EQ(scheduler.run_due(utc("2026-03-12T13:00:00Z")), 1u);
    EXPECT_EQ(scheduler.run_due(utc("2026-03-12T13:05:00Z")), 0u);

    EXPECT_EQ(runs(), std::vector<TimePoint>{utc("2026-03-12T13:00:00Z")});
    EXPECT_EQ(last_run("digest@office"), utc("2026-03-12T13:00:00Z"));
    EXPECT_EQ(outbox_rows(), 1);
    EXPECT_EQ(scheduler.next_due(), utc("2026-03-13T13:00:00Z"));
}

TEST_F(Scheduling, RunsMissedOccurrencesOnceAfterARestart) {
    {
        bot::Scheduler scheduler(io_, *writer_, sites_, clock());
        scheduler.add("digest", kNineOnWorkingDays, digest());
        EXPECT_EQ(scheduler.run_due(utc("2026-03-12T13:00:00Z")), 1u);
    }
    // Down from Thursday until Monday noon: Friday's and Monday's 09:00 both
    // passed. One run, for the latest of them.
    open_writer();
    now_ = utc("2026-03-16T16:00:00Z");
    {
        bot::Scheduler scheduler(io_, *writer_, sites_, clock());
        scheduler.add("digest", kNineOnWorkingDays, digest());
        EXPECT_EQ(scheduler.run_due(now_.load()), 1u);
        EXPECT_EQ(scheduler.run_due(now_.load()), 0u);
    }
    open_writer();
    {
        bot::Scheduler scheduler(io_, *writer_, sites_, clock());
        scheduler.add("digest", kNineOnWorkingDays, digest());
        EXPECT_EQ(scheduler.run_due(now_.load()), 0u);
    }
    EXPECT_EQ(runs(),
              (std::vector<TimePoint>{utc("2026-03-12T13:00:00Z"), utc("2026-03-16T13:00:00Z")}));
    EXPECT_EQ(last_run("digest@office"), utc("2026-03-16T13:00:00Z"));
    EXPECT_EQ(outbox_rows(), 2);
}

TEST_F(Scheduling, RollsBackAFailedRunWithItsWritesAndRetriesItAMinuteLater) {
    int attempts = 0;
    bot::Scheduler scheduler(io_, *writer_, sites_, clock());
    scheduler.add("digest", kNineOnWorkingDays,
                  [&, job = digest()](SQLite::Database& db, TimePoint due, const config::Site&) {
                      auto messages = job(db, due, site_);
                      if (++attempts == 1) throw std::runtime_error("Slack directory unreadable");
                      return messages;
                  });
    const auto before = last_run("digest@office");

    const auto due = utc("2026-03-12T13:00:00Z");
    EXPECT_EQ(scheduler.run_due(due), 0u);
    EXPECT_EQ(outbox_rows(), 0);
    EXPECT_EQ(last_run("digest@office"), before);

    EXPECT_EQ(scheduler.run_due(due + 30s), 0u);  // not yet: waits a minute
    EXPECT_EQ(attempts, 1);
    EXPECT_EQ(scheduler.run_due(due + 1min), 1u);
    EXPECT_EQ(attempts, 2);
    EXPECT_EQ(outbox_rows(), 1);
    EXPECT_EQ(last_run("digest@office"), due);
}

TEST_F(Scheduling, DoesNotRepeatARunAlreadyRecordedInTheDatabase) {
    // Two schedulers on one file, as after an accidental double start: the
    // second's memory is stale, the database is not.
    bot::Scheduler first(io_, *writer_, sites_, clock());
    bot::Scheduler second(io_, *writer_, sites_, clock());
    first.add("digest", kNineOnWorkingDays, digest());
    second.add("digest", kNineOnWorkingDays, digest());

    const auto due = utc("2026-03-12T13:00:00Z");
    EXPECT_EQ(first.run_due(due), 1u);
    EXPECT_EQ(second.run_due(due), 0u);
    EXPECT_EQ(runs().size(), 1u);
    EXPECT_EQ(outbox_rows(), 1);
    EXPECT_EQ(second.next_due(), utc("2026-03-13T13:00:00Z"));
}

TEST_F(Scheduling, KeepsEachJobsOwnHistory) {
    bot::Scheduler scheduler(io_, *writer_, sites_, clock());
    std::atomic<int> sweeps{0};
    scheduler.add("digest", kNineOnWorkingDays, digest());
    scheduler.add("reminders", Schedule::every(15min),
                  [&](SQLite::Database&, TimePoint, const config::Site&) {
                      ++sweeps;
                      return std::vector<core::Message>{};
                  });

    EXPECT_EQ(scheduler.next_due(), utc("2026-03-11T15:15:00Z"));
    EXPECT_EQ(scheduler.run_due(utc("2026-03-11T15:20:00Z")), 1u);
    EXPECT_EQ(sweeps, 1);
    EXPECT_TRUE(runs().empty());
    EXPECT_EQ(last_run("reminders@office"), utc("2026-03-11T15:15:00Z"));
    EXPECT_EQ(last_run("digest@office"), utc("2026-03-11T15:00:00Z"));
}

TEST_F(Scheduling, RefusesADuplicateNameAndAJobAddedAfterStart) {
    bot::Scheduler scheduler(io_, *writer_, sites_, clock());
    scheduler.add("digest", kNineOnWorkingDays, digest());
    EXPECT_THROW(scheduler.add("digest", kNineOnWorkingDays, digest()), std::invalid_argument);
    EXPECT_THROW(scheduler.add("", kNineOnWorkingDays, digest()), std::invalid_argument);
    EXPECT_THROW(scheduler.add("bad", Schedule::every(0min), digest()), std::invalid_argument);
    scheduler.start();
    EXPECT_THROW(scheduler.add("later", kNineOnWorkingDays, digest()), std::logic_error);
    scheduler.stop();
}

TEST_F(Scheduling, StartRunsAJobDueNowThroughTheIoContext) {
    bot::Scheduler scheduler(io_, *writer_, sites_, clock());
    std::promise<TimePoint> ran;
    scheduler.add("digest", kNineOnWorkingDays,
                  [&](SQLite::Database&, TimePoint due, const config::Site&) {
                      ran.set_value(due);
                      return std::vector<core::Message>{};
                  });
    now_ = utc("2026-03-12T13:00:30Z");

    scheduler.start();
    auto io = std::async(std::launch::async, [this] { io_.run(); });
    auto result = ran.get_future();
    ASSERT_EQ(result.wait_for(1s), std::future_status::ready);
    EXPECT_EQ(result.get(), utc("2026-03-12T13:00:00Z"));

    scheduler.stop();
    EXPECT_EQ(io.wait_for(1s), std::future_status::ready);  // timer cancelled, no work left
    EXPECT_EQ(last_run("digest@office"), utc("2026-03-12T13:00:00Z"));
}

TEST_F(Scheduling, StartArmsATimerThatHoldsTheJobUntilItIsDue) {
    bot::Scheduler scheduler(io_, *writer_, sites_, clock());
    std::atomic<int> calls{0};
    scheduler.add("digest", kNineOnWorkingDays,
                  [&](SQLite::Database&, TimePoint, const config::Site&) {
                      ++calls;
                      return std::vector<core::Message>{};
                  });

    scheduler.start();
    auto io = std::async(std::launch::async, [this] { io_.run(); });
    // A pending timer keeps run() going; nothing is due for another day.
    EXPECT_EQ(io.wait_for(200ms), std::future_status::timeout);
    EXPECT_EQ(calls, 0);

    scheduler.stop();
    EXPECT_EQ(io.wait_for(1s), std::future_status::ready);
    EXPECT_EQ(calls, 0);
    EXPECT_EQ(scheduler.run_due(utc("2026-03-12T13:00:00Z")), 0u);  // stopped: runs nothing
}

}  // namespace

namespace {

// One job, two sites: each runs at 09:00 local on its working days, in its
// own zone. London leaves summer time on Sunday 2026-10-25 (09:00 is 08:00
// UTC on the Friday before, 09:00 UTC on the Monday after); New York only
// on 2026-11-01 (13:00 UTC on both days).
TEST_F(Scheduling, RunsAJobOncePerSiteAtNineInEachSitesZoneAcrossADaylightSavingChange) {
    std::vector<config::Site> sites(2);
    sites[0].id = "nyc";
    sites[0].time_zone = "America/New_York";
    sites[1].id = "london";
    sites[1].time_zone = "Europe/London";
    for (auto& s : sites) config::fill_defaults(s);
    now_ = utc("2026-10-22T20:00:00Z");  // Thursday evening in both
    bot::Scheduler scheduler(io_, *writer_, sites, clock());
    std::vector<std::string> ran;
    scheduler.add("digest", kNineOnWorkingDays,
                  [&](SQLite::Database&, TimePoint due, const config::Site& site) {
                      ran.push_back(site.id + " " + date::format("%FT%RZ", due));
                      return std::vector<core::Message>{};
                  });
    for (const char* at : {"2026-10-23T07:59:00Z", "2026-10-23T08:00:00Z", "2026-10-23T13:00:00Z",
                           "2026-10-26T08:00:00Z", "2026-10-26T09:00:00Z", "2026-10-26T13:00:00Z"})
        scheduler.run_due(utc(at));
    EXPECT_EQ(ran, (std::vector<std::string>{"london 2026-10-23T08:00Z", "nyc 2026-10-23T13:00Z",
                                             "london 2026-10-26T09:00Z", "nyc 2026-10-26T13:00Z"}));
    EXPECT_EQ(last_run("digest@london"), utc("2026-10-26T09:00:00Z"));
    EXPECT_EQ(last_run("digest@nyc"), utc("2026-10-26T13:00:00Z"));
}

}  // namespace
