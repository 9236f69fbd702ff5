#include "bot/schedule/jobs.hpp"

#include "handlers/pto.hpp"

namespace bot {

void add_jobs(Scheduler& scheduler, const config::Config& cfg) {
    scheduler.add("pto-reminders", *parse_schedule("09:00 on working days"),
                  [&cfg](SQLite::Database& db, TimePoint due) {
                      return handlers::pto::reminders(cfg, db, due);
                  });
}

}  // namespace bot
