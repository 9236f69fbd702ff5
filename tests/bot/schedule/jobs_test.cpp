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

TEST(Jobs, RemindersGoOutAtNineOnTheirWorkingMornings) {
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
        r.site = cfg.sites.front().id;
        r.status = storage::pto::Status::pending;
        r.days = 1;
        r.charges = {{2026, 1}};
        storage::pto::insert(db, r, core::unix_ms(monday_noon));
    });
    auto now = monday_noon;
    boost::asio::io_context io;
    bot::Scheduler scheduler(io, *writer, cfg.sites, [&] { return now; });
    bot::add_jobs(scheduler, cfg);

    // Monday itself: nothing. Tuesday 09:00 New York, its first working day
    // of waiting: reminded once, even if the scheduler looks again. (The
    // 08:30 digest and weekly summary, the Slack statuses at 09:00, and the
    // announcements and office escalation every minute, run beside it.)
    const auto reminded = [&](const char* which) {
        return tmp.count("outbox", std::string("recipient = 'UMGR1' AND payload LIKE "
                                               "'%Reminder (") +
                                       which + ")%'");
    };
    now = monday_noon + 5h;
    scheduler.run_due(now);
    EXPECT_EQ(reminded("first"), 0);
    now = testing_support::noon_at(2026, 12, 1) - 3h + 1s;
    EXPECT_EQ(scheduler.run_due(now), 6u);
    EXPECT_EQ(scheduler.run_due(now + 1min), 2u);  // the every-minute ones only
    EXPECT_EQ(reminded("first"), 1);
    // Wednesday: none; Thursday, its third working day: the second.
    now = testing_support::noon_at(2026, 12, 2) - 3h + 1s;
    EXPECT_EQ(scheduler.run_due(now), 6u);
    EXPECT_EQ(reminded("second"), 0);
    now = testing_support::noon_at(2026, 12, 3) - 3h + 1s;
    EXPECT_EQ(scheduler.run_due(now), 6u);
    EXPECT_EQ(reminded("second"), 1);
    EXPECT_EQ(reminded("first"), 1);
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
