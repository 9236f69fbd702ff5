// Deadlines in working time at a Lisbon office open 09:00-18:00 Monday to
// Friday, with 2026-12-08 and 2026-12-25 off and 2026-12-24 a half day.

#include "core/working_time.hpp"

#include <date/tz.h>
#include <gtest/gtest.h>

namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

const date::time_zone* lisbon() {
    return date::locate_zone("Europe/Lisbon");
}

// Local wall-clock time in Lisbon as an instant.
system_clock::time_point at(int y, unsigned m, unsigned d, int h, int min = 0) {
    return date::make_zoned(lisbon(),
                            date::local_days{date::year{y} / m / d} + hours{h} + minutes{min})
        .get_sys_time();
}

struct Deadlines : ::testing::Test {
    core::Calendar calendar{{},
                            {{date::year{2026} / 12 / 8, "Immaculate Conception", false},
                             {date::year{2026} / 12 / 24, "Christmas Eve", true},
                             {date::year{2026} / 12 / 25, "Christmas Day", false}}};
    core::WorkingTime office{calendar, 9h, 18h, lisbon()};
};

TEST_F(Deadlines, AWorkingDayFromFridayEveningIsMondayEvening) {
    EXPECT_EQ(office.add(at(2026, 12, 4, 17, 30), office.day()), at(2026, 12, 7, 17, 30));
}

TEST_F(Deadlines, FourWorkingHoursFromFourPmAreElevenTheNextWorkingDay) {
    EXPECT_EQ(office.add(at(2026, 12, 3, 16), 4h), at(2026, 12, 4, 11));
    EXPECT_EQ(office.add(at(2026, 12, 4, 16), 4h), at(2026, 12, 7, 11));  // over the weekend
}

TEST_F(Deadlines, TimeOutsideTheWorkingDayDoesNotCount) {
    EXPECT_EQ(office.add(at(2026, 12, 7, 7), 4h), at(2026, 12, 7, 13));   // before opening
    EXPECT_EQ(office.add(at(2026, 12, 5, 10), 4h), at(2026, 12, 7, 13));  // on Saturday
    EXPECT_EQ(office.add(at(2026, 12, 3, 20), 1h), at(2026, 12, 4, 10));  // after closing
    EXPECT_EQ(office.add(at(2026, 12, 3, 17), 1h), at(2026, 12, 3, 18));  // to the minute
}

TEST_F(Deadlines, HolidaysAreSkippedAndAHalfDayCountsItsMorning) {
    EXPECT_EQ(office.add(at(2026, 12, 7, 16), 4h), at(2026, 12, 9, 11));  // the 8th is off
    // Christmas Eve is worked 09:00-13:30; Christmas Day is off.
    EXPECT_EQ(office.add(at(2026, 12, 23, 17), 4h), at(2026, 12, 24, 12));
    EXPECT_EQ(office.add(at(2026, 12, 24, 9), office.day()), at(2026, 12, 28, 13, 30));
}

TEST_F(Deadlines, LocalHoursHoldAcrossADaylightSavingChange) {
    // Lisbon leaves summer time on Sunday 2026-10-25: 16:00 on Friday is
    // 15:00 UTC, 11:00 on Monday is 11:00 UTC.
    EXPECT_EQ(at(2026, 10, 23, 16), date::sys_days{date::year{2026} / 10 / 23} + 15h);
    EXPECT_EQ(office.add(at(2026, 10, 23, 16), 4h),
              date::sys_days{date::year{2026} / 10 / 26} + 11h);
}

}  // namespace
