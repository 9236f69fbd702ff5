// Response deadlines of office tickets at a London studio open 09:00-18:00
// Monday to Friday, Christmas Day and Boxing Day (substitute, Monday 28th)
// off, Christmas Eve a half day; the office section's default times.

#include "handlers/office_deadline.hpp"

#include <date/tz.h>
#include <gtest/gtest.h>

namespace {

using namespace std::chrono;
using namespace std::chrono_literals;
using config::Priority;

system_clock::time_point london(int y, unsigned m, unsigned d, int h, int min = 0) {
    return date::make_zoned("Europe/London",
                            date::local_days{date::year{y} / m / d} + hours{h} + minutes{min})
        .get_sys_time();
}

struct TicketDeadlines : ::testing::Test {
    config::Office office;
    config::Site site;
    void SetUp() override {
        config::fill_defaults(office);
        site.id = "london";
        site.time_zone = "Europe/London";
        site.holidays = {{date::year{2026} / 12 / 24, "Christmas Eve", true},
                         {date::year{2026} / 12 / 25, "Christmas Day", false},
                         {date::year{2026} / 12 / 28, "Boxing Day (substitute day)", false}};
        config::fill_defaults(site);
    }
    system_clock::time_point due(Priority p, system_clock::time_point filed) {
        return handlers::office::due_at(office, site, p, filed);
    }
};

TEST_F(TicketDeadlines, ANormalTicketFiledFridayEveningIsDueMondayEvening) {
    EXPECT_EQ(due(Priority::normal, london(2026, 12, 4, 17, 30)), london(2026, 12, 7, 17, 30));
}

TEST_F(TicketDeadlines, AHighTicketFiledAtFourIsDueAtElevenTheNextWorkingDay) {
    EXPECT_EQ(due(Priority::high, london(2026, 12, 9, 16)), london(2026, 12, 10, 11));
}

TEST_F(TicketDeadlines, HolidaysAndHalfDaysAreSkipped) {
    // Wednesday 23rd 16:00: two hours that day, Christmas Eve's morning
    // (09:00-13:30) has the other two.
    EXPECT_EQ(due(Priority::high, london(2026, 12, 23, 16)), london(2026, 12, 24, 11));
    // Christmas Eve 12:00: 1.5 hours that morning, then Friday 25th and
    // Monday 28th are off: Tuesday 29th 11:30.
    EXPECT_EQ(due(Priority::high, london(2026, 12, 24, 12)), london(2026, 12, 29, 11, 30));
    // Low: three working days (27 hours) from Monday 21st 10:00: 8 that day,
    // 9 on the 22nd and on the 23rd, the last on Christmas Eve.
    EXPECT_EQ(due(Priority::low, london(2026, 12, 21, 10)), london(2026, 12, 24, 10));
    EXPECT_EQ(due(Priority::low, london(2026, 12, 22, 10)), london(2026, 12, 29, 14, 30));
}

TEST_F(TicketDeadlines, UrgentCountsWallClockTime) {
    EXPECT_EQ(due(Priority::urgent, london(2026, 12, 5, 23, 50)), london(2026, 12, 6, 0, 20));
}

TEST_F(TicketDeadlines, WorkingHoursAreLocalAcrossADaylightSavingChange) {
    // London leaves summer time on Sunday 2026-10-25: Friday 16:00 is 15:00
    // UTC, Monday 11:00 is 11:00 UTC.
    EXPECT_EQ(due(Priority::high, london(2026, 10, 23, 16)),
              date::sys_days{date::year{2026} / 10 / 26} + 11h);
}

}  // namespace
