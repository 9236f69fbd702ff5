#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "bot/schedule/jobs.hpp"
#include "storage/office_store.hpp"
#include "storage/outbox.hpp"
#include "storage/pto_store.hpp"
#include "tests/support/db.hpp"
#include "tests/support/site.hpp"

namespace {

using namespace std::chrono_literals;

TEST(Jobs, PtoRemindersGoOutAtNineOnTheNextWorkingMorning) {
    testing_support::TempDb tmp;
    auto cfg = testing_support::site_config();
    auto writer = tmp.writer();
    const auto monday_noon = testing_support::noon_at(2026, 11, 30);
    writer->run([&](SQLite::Database& db) {
        storage::pto::NewRequest r;
        r.requester = "UANNA";
        r.leave_type = "vacation";
        r.start_date = r.end_date = "2026-12-21";
        r.part = "full";
        r.approver = "UMGR1";
        r.status = storage::pto::Status::pending;
        r.days = 1;
        r.charges = {{2026, 1}};
        storage::pto::insert(db, r, core::unix_ms(monday_noon));
    });
    auto now = monday_noon;
    boost::asio::io_context io;
    bot::Scheduler scheduler(io, *writer, cfg.sites, [&] { return now; });
    int nudges = 0;
    scheduler.on_messages_written([&] { ++nudges; });
    bot::add_jobs(scheduler, cfg);

    // Tuesday 09:00 New York: the request has waited 21 hours, not a day.
    // (The 08:30 digest and the office escalation, every minute, run beside it.)
    const std::string reminders = "recipient = 'UMGR1' AND payload LIKE '%Reminder:%'";
    now = testing_support::noon_at(2026, 12, 1) - 3h + 1s;
    EXPECT_EQ(scheduler.run_due(now), 3u);
    EXPECT_EQ(tmp.count("outbox", reminders), 0);
    // Wednesday 09:00: reminded once, even if the scheduler looks again.
    now = testing_support::noon_at(2026, 12, 2) - 3h + 1s;
    EXPECT_EQ(scheduler.run_due(now), 3u);
    EXPECT_EQ(scheduler.run_due(now + 1min), 1u);  // the escalation only
    EXPECT_EQ(tmp.count("outbox", reminders), 1);
    EXPECT_EQ(nudges, 3);  // each morning's digests, and the reminder
}

TEST(Jobs, AnUnacknowledgedTicketIsPostedAgainInTheMinuteItsDeadlinePasses) {
    testing_support::TempDb tmp;
    auto cfg = testing_support::site_config();
    auto writer = tmp.writer();
    const auto noon = testing_support::noon_at(2026, 12, 1);
    writer->run([&](SQLite::Database& db) {
        storage::office::Ticket t;
        t.requester = "UANNA";
        t.site = "office";
        t.description = "water leaking from the ceiling";
        t.category = "facilities";
        t.priority = "urgent";
        t.due_at = core::unix_ms(noon + 30min);
        t.escalate_at = core::unix_ms(noon + 60min);
        storage::office::insert(db, t, core::unix_ms(noon));
    });
    auto now = noon;
    boost::asio::io_context io;
    bot::Scheduler scheduler(io, *writer, cfg.sites, [&] { return now; });
    bot::add_jobs(scheduler, cfg);
    scheduler.run_due(noon + 29min + 59s);
    EXPECT_EQ(tmp.count("outbox"), 0);
    scheduler.run_due(noon + 30min + 1s);
    EXPECT_EQ(tmp.count("outbox", "recipient = 'C0BIZOPS'"), 1);
    scheduler.run_due(noon + 60min + 1s);
    EXPECT_EQ(tmp.count("outbox", "recipient = 'ULEAD'"), 1);
    EXPECT_EQ(tmp.count("outbox"), 2);
}

}  // namespace
