#include "bot/schedule/scheduler.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <vector>

#include <date/date.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "storage/outbox.hpp"
#include "storage/schedule_store.hpp"

namespace bot {

namespace net = boost::asio;

namespace {

// The timer measures steady time but occurrences are wall-clock instants,
// and the wall clock can jump (NTP, a resumed VM): look again at least this
// often instead of trusting one long sleep.
constexpr auto kMaxSleep = std::chrono::minutes(1);
// A job that threw is tried again after this, not in a tight loop.
constexpr auto kRetryDelay = std::chrono::minutes(1);

std::string iso(TimePoint t) {
    return date::format("%FT%TZ", date::floor<std::chrono::seconds>(t));
}

std::string what(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown exception";
    }
}

}  // namespace

struct Scheduler::Impl : std::enable_shared_from_this<Impl> {
    enum class Ran { no, yes, with_messages };

    struct Entry {
        std::string name;  // "<job>@<site id>"
        Schedule schedule;
        Job job;
        const config::Site* site;
        TimePoint handled_until;  // scheduler_runs.last_run_at
        TimePoint not_before{};   // set after a failed run
        bool running = false;
    };
    struct Due {
        std::size_t index;
        std::string name;
        Job job;
        const config::Site* site;
        TimePoint due;
        TimePoint taken_at;  // the `now` it was found due at
    };

    Impl(net::io_context& io, storage::Writer& writer, const std::vector<config::Site>& sites,
         core::Clock clock)
        : io_(io),
          writer_(writer),
          sites_(sites),
          clock_(std::move(clock)),
          strand_(net::make_strand(io)),
          timer_(strand_) {}

    // Claims the occurrence and runs the job in one unit: if the job throws,
    // the savepoint rolls back the claim with the job's own writes.
    // The messages a job returns are enqueued in its unit.
    static storage::Writer::Work unit(const Due& d, std::shared_ptr<Ran> ran) {
        // The writer may run this more than once: `ran` is set afresh.
        return [name = d.name, job = d.job, site = d.site, due = d.due, ran](SQLite::Database& db) {
            *ran = Ran::no;
            const std::int64_t due_ms = core::unix_ms(due);
            // Another run may already have handled this occurrence.
            if (!storage::schedule::claim(db, name, due_ms)) return;
            const auto messages = job(db, due, *site);
            *ran = Ran::yes;
            if (messages.empty()) return;
            storage::outbox::enqueue(db, fmt::format("job-{}-{}", name, due_ms), messages, due_ms);
            *ran = Ran::with_messages;
        };
    }

    std::vector<Due> take_due(TimePoint now) {
        std::lock_guard lock(mutex_);
        std::vector<Due> out;
        if (stopped_) return out;
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            Entry& e = entries_[i];
            if (e.running || e.not_before > now) continue;
            if (next_after(e.schedule, *e.site, e.handled_until) > now) continue;
            e.running = true;
            out.push_back(
                {i, e.name, e.job, e.site, last_at_or_before(e.schedule, *e.site, now), now});
        }
        if (!out.empty() && in_flight_ == 0) busy_.emplace(io_.get_executor());
        in_flight_ += out.size();
        return out;
    }

    void finish(const Due& d, std::exception_ptr error, Ran ran, bool rearm) {
        std::lock_guard lock(mutex_);
        Entry& e = entries_[d.index];
        e.running = false;
        if (error) {
            e.not_before = d.taken_at + kRetryDelay;
            spdlog::error("scheduler: job {} failed for {} (retrying in a minute): {}", d.name,
                          iso(d.due), what(error));
        } else {
            e.handled_until = std::max(e.handled_until, d.due);
            e.not_before = {};
            if (ran != Ran::no)
                spdlog::info("scheduler: job {} ran for {}", d.name, iso(d.due));
            else
                spdlog::warn("scheduler: job {} for {} was already recorded by another run", d.name,
                             iso(d.due));
        }
        if (ran == Ran::with_messages && messages_written_) messages_written_();
        // Post before releasing the io_context: once in_flight_ is zero, stop()
        // may return and the io_context may go away.
        if (rearm && !stopped_) net::post(strand_, [self = shared_from_this()] { self->arm(); });
        if (--in_flight_ == 0) {
            busy_.reset();
            idle_.notify_all();
        }
    }

    std::size_t run_due(TimePoint now) {
        std::size_t count = 0;
        for (const Due& d : take_due(now)) {
            auto ran = std::make_shared<Ran>(Ran::no);
            std::exception_ptr error;
            try {
                writer_.run(unit(d, ran));
            } catch (...) {
                error = std::current_exception();
            }
            finish(d, error, *ran, false);
            if (!error && *ran != Ran::no) ++count;
        }
        return count;
    }

    std::optional<TimePoint> earliest(bool skip_running) const {
        std::optional<TimePoint> out;
        for (const Entry& e : entries_) {
            if (skip_running && e.running) continue;
            const TimePoint t =
                std::max(next_after(e.schedule, *e.site, e.handled_until), e.not_before);
            if (!out || t < *out) out = t;
        }
        return out;
    }

    // On the strand. Re-arming replaces (and so cancels) a pending wait.
    void arm() {
        std::optional<TimePoint> wake;
        {
            std::lock_guard lock(mutex_);
            if (stopped_) return;
            wake = earliest(true);
        }
        if (!wake) return;  // nothing to wait for until a running job finishes
        const auto delay = std::clamp<TimePoint::duration>(*wake - clock_(), {}, kMaxSleep);
        timer_.expires_after(std::chrono::duration_cast<net::steady_timer::duration>(delay));
        timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
            if (!ec) self->on_timer();
        });
    }

    // On the strand. Due jobs go to the writer without waiting for it; each
    // completion re-arms from the writer thread. A plain `this` suffices
    // there: stop(), which the destructor calls, waits for every completion.
    void on_timer() {
        for (const Due& d : take_due(clock_())) {
            auto ran = std::make_shared<Ran>(Ran::no);
            writer_.submit(unit(d, ran), [this, d, ran](std::exception_ptr error) {
                finish(d, error, *ran, true);
            });
        }
        arm();
    }

    net::io_context& io_;
    storage::Writer& writer_;
    std::function<void()> messages_written_;
    const std::vector<config::Site>& sites_;
    core::Clock clock_;
    net::strand<net::io_context::executor_type> strand_;
    net::steady_timer timer_;

    mutable std::mutex mutex_;
    std::condition_variable idle_;
    std::vector<Entry> entries_;
    std::size_t in_flight_ = 0;
    // Keeps io_context::run() from returning while a run is in the writer,
    // so its completion can re-arm the timer.
    std::optional<net::executor_work_guard<net::io_context::executor_type>> busy_;
    bool started_ = false;
    bool stopped_ = false;
};

Scheduler::Scheduler(net::io_context& io, storage::Writer& writer,
                     const std::vector<config::Site>& sites, core::Clock clock)
    : impl_(std::make_shared<Impl>(io, writer, sites, std::move(clock))) {}

Scheduler::~Scheduler() {
    stop();
}

void Scheduler::add(std::string name, Schedule schedule, Job job) {
    add(
        std::move(name), [schedule](const config::Site&) { return schedule; }, std::move(job));
}

void Scheduler::add(std::string name, const ScheduleAt& schedule_at, Job job) {
    if (name.empty()) throw std::invalid_argument("a scheduled job needs a name");
    const std::string prefix = name + "@";
    {
        std::lock_guard lock(impl_->mutex_);
        if (impl_->started_ || impl_->stopped_)
            throw std::logic_error("scheduler: add job " + name + " before start()");
        for (const auto& e : impl_->entries_)
            if (e.name.starts_with(prefix))
                throw std::invalid_argument("duplicate scheduled job " + name);
    }
    const TimePoint now = impl_->clock_();
    for (const config::Site& site : impl_->sites_) {
        const Schedule schedule = schedule_at(site);
        (void)next_after(schedule, site, now);  // rejects a malformed schedule early
        std::string key = prefix + site.id;
        std::int64_t last_ms = 0;
        impl_->writer_.run([&](SQLite::Database& db) {
            last_ms = storage::schedule::first_seen(db, key, core::unix_ms(now));
        });
        const TimePoint last{std::chrono::milliseconds(last_ms)};
        spdlog::info("scheduler: job {} ({} in {}) handled up to {}, next at {}", key,
                     describe(schedule), site.time_zone, iso(last),
                     iso(next_after(schedule, site, last)));
        std::lock_guard lock(impl_->mutex_);
        impl_->entries_.push_back({std::move(key), schedule, job, &site, last});
    }
}

void Scheduler::on_messages_written(std::function<void()> f) {
    impl_->messages_written_ = std::move(f);
}

void Scheduler::start() {
    {
        std::lock_guard lock(impl_->mutex_);
        if (impl_->started_ || impl_->stopped_) return;
        impl_->started_ = true;
    }
    net::post(impl_->strand_, [self = impl_] { self->arm(); });
}

void Scheduler::stop() {
    bool cancel = false;
    {
        std::unique_lock lock(impl_->mutex_);
        cancel = impl_->started_ && !impl_->stopped_;
        impl_->stopped_ = true;
        impl_->idle_.wait(lock, [this] { return impl_->in_flight_ == 0; });
    }
    // The timer belongs to the strand; a wait already fired finds stopped_.
    if (cancel) net::post(impl_->strand_, [self = impl_] { self->timer_.cancel(); });
}

std::size_t Scheduler::run_due(TimePoint now) {
    return impl_->run_due(now);
}

std::optional<TimePoint> Scheduler::next_due() const {
    std::lock_guard lock(impl_->mutex_);
    return impl_->earliest(false);
}

}  // namespace bot
