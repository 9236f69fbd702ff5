#pragma once
// Periodic jobs (approval reminders, ticket deadline checks, the daily
// digest) on the io_context, each run once per site with a Schedule in that
// site's time zone: "09:00 on working days" is 09:00 in Lisbon for Lisbon
// and 09:00 in London for London, on each site's own working days.
//
// Memory: table scheduler_runs(job, last_run_at) holds, per job and site, the instant
// up to which its occurrences are handled: the due time of its last run, or,
// for a job never run, the moment it was first added. So:
// - a new job does not run for the past; it first runs at its next
//   occurrence after it was first added;
// - a restart neither skips nor repeats: occurrences missed while the
//   service was down run exactly once at start, as one run whose `due` is
//   the latest missed occurrence (a digest for last Monday and Tuesday is
//   not worth sending twice on Wednesday);
// - the job body and the update of last_run_at run in one writer unit: they
//   commit together or not at all, so a crash cannot lose a run or repeat
//   one. The update is conditional on last_run_at being older than `due`,
//   which also keeps a second scheduler on the same file from repeating it.
// A job that throws is rolled back (its writes and the record alike) and
// tried again a minute later, for the latest occurrence due by then.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "bot/schedule/schedule.hpp"
#include "config/config.hpp"
#include "core/clock.hpp"
#include "core/message.hpp"
#include "storage/writer.hpp"

namespace boost::asio {
class io_context;
}

namespace bot {

class Scheduler {
public:
    // Runs on the writer thread inside the transaction; `due` is the
    // occurrence it runs for (not the possibly later moment it runs), in
    // `site`'s calendar. The messages it returns are enqueued in the same
    // unit.
    using Job = std::function<std::vector<core::Message>(SQLite::Database& db, TimePoint due,
                                                         const config::Site& site)>;
    // A job's schedule at a site ("at the start of its working hours").
    using ScheduleAt = std::function<Schedule(const config::Site& site)>;

    // The io_context, writer and sites must outlive the scheduler.
    Scheduler(boost::asio::io_context& io, storage::Writer& writer,
              const std::vector<config::Site>& sites, core::Clock clock);
    ~Scheduler();  // stops
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    // Registers a job once per site, each run in that site's time zone and
    // calendar and remembered as "<name>@<site id>", and loads (or first
    // records) their last runs; blocks on the writer. Call before start(),
    // from the thread that sets things up. Throws std::invalid_argument for a
    // duplicate or empty name or a malformed schedule.
    void add(std::string name, Schedule schedule, Job job);
    void add(std::string name, const ScheduleAt& schedule, Job job);

    // Called after a run that enqueued messages (wakes the outbox worker).
    // Set before start().
    void on_messages_written(std::function<void()> f);

    // Arms a timer on the io_context; due jobs run through writer.submit, so
    // the io threads never wait for the disk.
    void start();
    // Cancels the timer and waits for a run in progress to commit. Afterwards
    // nothing runs. Idempotent.
    void stop();

    // Runs every job due at `now` (each through writer.run, blocking) and
    // returns how many ran and committed. The timer uses the same steps with
    // writer.submit. For tests and tools; not for io threads.
    std::size_t run_due(TimePoint now);

    // The earliest next occurrence over all jobs, if any job is registered.
    std::optional<TimePoint> next_due() const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace bot
