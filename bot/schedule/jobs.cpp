#include "bot/schedule/jobs.hpp"

#include <fmt/format.h>

#include "handlers/pto.hpp"
#include "storage/outbox.hpp"

namespace bot {

void add_jobs(Scheduler& scheduler, const config::Config& cfg,
              std::function<void()> messages_written) {
    scheduler.add("pto-reminders", *parse_schedule("09:00 on working days"),
                  [&cfg, messages_written](SQLite::Database& db, TimePoint due) {
                      const auto messages = handlers::pto::reminders(cfg, db, due);
                      if (messages.empty()) return;
                      storage::outbox::enqueue(db, fmt::format("job-pto-reminders-{}", core::unix_ms(due)),
                                               messages, core::unix_ms(due));
                      // Outbox rows are visible to the worker once this
                      // unit commits; the nudge only saves a poll interval.
                      messages_written();
                  });
}

}  // namespace bot
