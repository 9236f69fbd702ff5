#include "bot/schedule/jobs.hpp"

#include "handlers/announce.hpp"
#include "handlers/digest.hpp"
#include "handlers/office.hpp"
#include "handlers/pto.hpp"
#include "handlers/reminders.hpp"
#include "handlers/weekly.hpp"

namespace bot {

void add_jobs(Scheduler& scheduler, const config::Config& cfg) {
    scheduler.add(
        "reminders",
        [](const config::Site& site) { return Schedule::daily(site.hours.start, true); },
        [&cfg](SQLite::Database& db, TimePoint due, const config::Site& site) {
            return handlers::reminders::run(cfg, site, db, due);
        });
    scheduler.add(
        "pto-status",
        [](const config::Site& site) { return Schedule::daily(site.hours.start, false); },
        [&cfg](SQLite::Database& db, TimePoint due, const config::Site& site) {
            return handlers::pto::status::morning(cfg, site, db, due);
        });
    scheduler.add(
        "digest", [&cfg](const config::Site&) { return Schedule::daily(cfg.digest.time, true); },
        [&cfg](SQLite::Database& db, TimePoint due, const config::Site& site) {
            return handlers::digest::morning(cfg, site, db, due);
        });
    scheduler.add(
        "weekly", [&cfg](const config::Site&) { return Schedule::daily(cfg.digest.time, true); },
        [&cfg](SQLite::Database& db, TimePoint due, const config::Site& site) {
            return handlers::weekly::run(cfg, site, db, due);
        });
    scheduler.add("announcements", Schedule::every(std::chrono::minutes(1)),
                  [&cfg](SQLite::Database& db, TimePoint due, const config::Site& site) {
                      return handlers::announce::send_due(cfg, site, db, due);
                  });
    scheduler.add("office-escalation", Schedule::every(std::chrono::minutes(1)),
                  [&cfg](SQLite::Database& db, TimePoint due, const config::Site& site) {
                      return handlers::office::escalate(cfg, site, db, due);
                  });
}

}  // namespace bot
