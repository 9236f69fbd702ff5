#include "core/calendar.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

#include <stdexcept>

#include "config/config.hpp"
#include "tests/support/common.hpp"

namespace {

using core::Calendar;
using core::Part;

using testing_support::day;

std::string show(date::local_days d) {
    return date::format("%F %a", d);
}

config::Holiday holiday(int y, unsigned m, unsigned d, std::string name, bool half = false) {
    return {date::year{y} / date::month{m} / date::day{d}, std::move(name), half};
}

// Monday to Friday, with the holidays of a typical year end.
config::Site year_end_site() {
    config::Site site;
    site.working_days = {date::Monday, date::Tuesday, date::Wednesday, date::Thursday,
                         date::Friday};
    site.holidays = {
        holiday(2026, 12, 24, "Christmas Eve", true),  // Thursday, half day
        holiday(2026, 12, 25, "Christmas Day"),        // Friday
        holiday(2026, 12, 26, "Boxing Day"),           // Saturday
        holiday(2027, 1, 1, "New Year's Day"),         // Friday
    };
    return site;
}

TEST(Calendar, ValuesEachDayByWeekdayAndHoliday) {
    struct Case {
        date::local_days d;
        double value;
        bool working;
        std::optional<std::string> name;
    };
    const Case cases[] = {
        {day(2026, 12, 21), 1, true, std::nullopt},       // Monday
        {day(2026, 12, 18), 1, true, std::nullopt},       // Friday
        {day(2026, 12, 19), 0, false, std::nullopt},      // Saturday
        {day(2026, 12, 20), 0, false, std::nullopt},      // Sunday
        {day(2026, 12, 24), 0.5, true, "Christmas Eve"},  // half-day holiday
        {day(2026, 12, 25), 0, false, "Christmas Day"},   // full holiday
        {day(2026, 12, 26), 0, false, "Boxing Day"},      // holiday on a weekend
        {day(2027, 1, 1), 0, false, "New Year's Day"},
        {day(2025, 12, 25), 1, true, std::nullopt},  // holidays are dates, not yearly
    };
    const Calendar cal = year_end_site().calendar();
    for (const auto& c : cases) {
        SCOPED_TRACE(show(c.d));
        EXPECT_EQ(cal.working_value(c.d), c.value);
        EXPECT_EQ(cal.is_working_day(c.d), c.working);
        EXPECT_EQ(cal.holiday_name(c.d), c.name);
    }
}

TEST(Calendar, CountsWorkingDaysInInclusiveRanges) {
    struct Case {
        date::local_days from, to;
        Part part;
        double expected;
        const char* why;
    };
    const Case cases[] = {
        {day(2026, 12, 21), day(2026, 12, 23), Part::full, 3, "Mon to Wed"},
        {day(2026, 12, 21), day(2026, 12, 21), Part::full, 1, "a single day"},
        {day(2026, 12, 14), day(2026, 12, 20), Part::full, 5, "a week with its weekend"},
        {day(2026, 12, 18), day(2026, 12, 21), Part::full, 2, "Fri over the weekend to Mon"},
        {day(2026, 12, 19), day(2026, 12, 20), Part::full, 0, "only a weekend"},
        {day(2026, 12, 24), day(2026, 12, 24), Part::full, 0.5, "Christmas Eve is a half day"},
        {day(2026, 12, 24), day(2026, 12, 24), Part::pm, 0.5, "Christmas Eve afternoon"},
        {day(2026, 12, 24), day(2026, 12, 24), Part::am, 0.5, "Christmas Eve morning"},
        {day(2026, 12, 21), day(2026, 12, 21), Part::am, 0.5, "a morning off"},
        {day(2026, 12, 21), day(2026, 12, 21), Part::pm, 0.5, "an afternoon off"},
        {day(2026, 12, 25), day(2026, 12, 25), Part::full, 0, "a full holiday"},
        {day(2026, 12, 25), day(2026, 12, 25), Part::pm, 0, "half of a full holiday"},
        {day(2026, 12, 19), day(2026, 12, 19), Part::am, 0, "half of a Saturday"},
        {day(2026, 12, 23), day(2026, 12, 28), Part::full, 2.5, "Wed, half Thu, holiday Fri, Mon"},
        {day(2026, 12, 21), day(2026, 12, 31), Part::full, 7.5, "the last two weeks of 2026"},
        {day(2026, 12, 28), day(2027, 1, 2), Part::full, 4, "across the year end"},
        {day(2028, 2, 28), day(2028, 3, 1), Part::full, 3, "Mon Feb 28 to Wed Mar 1, 2028"},
        {day(2026, 12, 23), day(2026, 12, 21), Part::full, 0, "an empty range"},
    };
    const Calendar cal = year_end_site().calendar();
    for (const auto& c : cases) {
        SCOPED_TRACE(c.why);
        EXPECT_DOUBLE_EQ(cal.count(c.from, c.to, c.part), c.expected);
    }
}

TEST(Calendar, SplitsACountByCalendarYear) {
    const Calendar cal = year_end_site().calendar();
    // Mon Dec 28 to Thu Dec 31 are worked; Jan 1 is a holiday and Jan 2 a Saturday.
    EXPECT_EQ(cal.count_by_year(day(2026, 12, 28), day(2027, 1, 2)),
              (std::map<int, double>{{2026, 4.0}, {2027, 0.0}}));
    EXPECT_EQ(cal.count_by_year(day(2026, 12, 28), day(2027, 1, 8)),
              (std::map<int, double>{{2026, 4.0}, {2027, 5.0}}));
    EXPECT_EQ(cal.count_by_year(day(2026, 12, 24), day(2026, 12, 24), Part::pm),
              (std::map<int, double>{{2026, 0.5}}));
    EXPECT_TRUE(cal.count_by_year(day(2027, 1, 8), day(2026, 12, 28)).empty());

    config::Site no_holidays = year_end_site();
    no_holidays.holidays.clear();
    EXPECT_EQ(no_holidays.calendar().count_by_year(day(2026, 12, 28), day(2027, 1, 2)),
              (std::map<int, double>{{2026, 4.0}, {2027, 1.0}}));
}

TEST(Calendar, FollowsACustomWorkingWeek) {
    config::Site site;
    site.working_days = {date::Sunday, date::Monday, date::Tuesday, date::Wednesday,
                         date::Thursday};
    site.holidays = {holiday(2026, 12, 23, "Founders' Day")};  // a Wednesday
    const Calendar cal = site.calendar();

    EXPECT_TRUE(cal.is_working_day(day(2026, 12, 20)));   // Sunday
    EXPECT_FALSE(cal.is_working_day(day(2026, 12, 18)));  // Friday
    EXPECT_FALSE(cal.is_working_day(day(2026, 12, 19)));  // Saturday
    // Sun Dec 20 to Sat Dec 26: Sun, Mon, Tue and Thu; Wed is the holiday.
    EXPECT_DOUBLE_EQ(cal.count(day(2026, 12, 20), day(2026, 12, 26)), 4);
    EXPECT_DOUBLE_EQ(cal.count(day(2026, 12, 25), day(2026, 12, 26)), 0);
}

TEST(Calendar, TreatsAnEmptyWorkingWeekAsMondayToFriday) {
    const Calendar cal = config::Site{}.calendar();
    EXPECT_DOUBLE_EQ(cal.count(day(2026, 12, 14), day(2026, 12, 20)), 5);
    EXPECT_FALSE(cal.is_working_day(day(2026, 12, 19)));
}

TEST(Calendar, LetsAFullHolidayWinOverAHalfDayOnTheSameDate) {
    config::Site site = year_end_site();
    site.holidays.push_back(holiday(2026, 12, 24, "Office closed"));
    const Calendar cal = site.calendar();
    EXPECT_EQ(cal.working_value(day(2026, 12, 24)), 0);
    EXPECT_EQ(cal.holiday_name(day(2026, 12, 24)), "Office closed");
}

TEST(Calendar, RefusesAHalfDayOverSeveralDays) {
    const Calendar cal = year_end_site().calendar();
    EXPECT_THROW(cal.count(day(2026, 12, 21), day(2026, 12, 22), Part::am), std::invalid_argument);
}

TEST(Calendar, TakesTodayFromTheSiteTimeZone) {
    using namespace std::chrono;
    // 2026-11-28T23:30Z, and one instant just after New York's midnight.
    const auto late_utc = date::sys_days{day(2026, 11, 28).time_since_epoch()} + 23h + 30min;
    const auto ny_midnight = date::sys_days{day(2026, 11, 29).time_since_epoch()} + 5h + 1min;
    struct Case {
        const char* zone;
        system_clock::time_point now;
        date::local_days expected;
    };
    const Case cases[] = {
        {"UTC", late_utc, day(2026, 11, 28)},
        {"Asia/Tokyo", late_utc, day(2026, 11, 29)},
        {"America/New_York", late_utc, day(2026, 11, 28)},
        {"Pacific/Kiritimati", late_utc, day(2026, 11, 29)},  // UTC+14
        {"Pacific/Pago_Pago", late_utc, day(2026, 11, 28)},   // UTC-11
        {"America/New_York", ny_midnight, day(2026, 11, 29)},
        {"America/Los_Angeles", ny_midnight, day(2026, 11, 28)},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.zone);
        config::Site site;
        site.time_zone = c.zone;
        EXPECT_EQ(show(core::today_in(site.time_zone, c.now)), show(c.expected));
    }
}

TEST(Calendar, FailsLoudlyOnAnUnknownTimeZone) {
    config::Site site;
    site.time_zone = "Mars/Olympus_Mons";
    EXPECT_THROW(core::today_in(site.time_zone, std::chrono::system_clock::now()),
                 std::runtime_error);
}

}  // namespace
