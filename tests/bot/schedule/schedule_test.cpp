#include "bot/schedule/schedule.hpp"

#include <cstdio>
#include <vector>

#include <date/tz.h>
#include <gtest/gtest.h>

#include "tests/support/site.hpp"

namespace {

using bot::Schedule;
using bot::TimePoint;
using std::chrono::hours;
using std::chrono::minutes;
using namespace date::literals;

using testing_support::utc;

std::string utc_text(TimePoint t) {
    return date::format("%FT%TZ", date::floor<std::chrono::seconds>(t));
}

std::string local_text(const config::Site& site, TimePoint t) {
    const date::zoned_time z{site.time_zone, date::floor<std::chrono::seconds>(t)};
    return date::format("%F %T %Z", z);
}

config::Site site_in(std::string zone) {
    config::Site site;
    site.time_zone = std::move(zone);
    site.working_days = {date::Monday, date::Tuesday, date::Wednesday, date::Thursday,
                         date::Friday};
    return site;
}

Schedule parse(std::string_view text) {
    std::string error;
    auto s = bot::parse_schedule(text, &error);
    if (!s) throw std::invalid_argument(error);
    return *s;
}

// Successive occurrences after `from`, in UTC text.
std::vector<std::string> occurrences(const Schedule& s, const config::Site& site,
                                     const std::string& from, int count) {
    std::vector<std::string> out;
    TimePoint t = utc(from);
    for (int i = 0; i < count; ++i) {
        t = bot::next_after(s, site, t);
        out.push_back(utc_text(t));
    }
    return out;
}

TEST(ScheduleParse, ReadsTheThreeForms) {
    EXPECT_EQ(parse("09:00 on working days"), Schedule::daily(hours(9), true));
    EXPECT_EQ(parse("  9:00   EVERY day "), Schedule::daily(hours(9), false));
    EXPECT_EQ(parse("17:45 every day"), Schedule::daily(hours(17) + minutes(45), false));
    EXPECT_EQ(parse("every 15 minutes"), Schedule::every(minutes(15)));
    EXPECT_EQ(parse("Every 1 minute"), Schedule::every(minutes(1)));
    EXPECT_EQ(parse("every minute"), Schedule::every(minutes(1)));
    EXPECT_EQ(parse("every 1440 minutes"), Schedule::every(minutes(1440)));
}

TEST(ScheduleParse, ExplainsWhatIsWrongWithBadText) {
    struct Case {
        const char* text;
        const char* says;
    };
    const Case cases[] = {
        {"", "empty"},
        {"whenever", "\"09:00 on working days\""},
        {"25:00 on working days", "HH:MM on a 24-hour clock"},
        {"09:60 every day", "HH:MM on a 24-hour clock"},
        {"9:5 every day", "HH:MM on a 24-hour clock"},
        {"09:00", "\"on working days\" or \"every day\""},
        {"09:00 on weekends", "\"on working days\" or \"every day\""},
        {"every 0 minutes", "from 1 to 1440"},
        {"every 1441 minutes", "from 1 to 1440"},
        {"every -5 minutes", "from 1 to 1440"},
        {"every fifteen minutes", "from 1 to 1440"},
        {"every day", "at what time"},
        {"every 2 hours", "\"every 15 minutes\""},
    };
    for (const auto& c : cases) {
        std::string error;
        EXPECT_FALSE(bot::parse_schedule(c.text, &error).has_value()) << c.text;
        EXPECT_NE(error.find(c.says), std::string::npos) << c.text << " -> " << error;
    }
}

TEST(ScheduleParse, DescribesASchedulesAsTextThatParsesBack) {
    for (const char* text :
         {"09:00 on working days", "00:05 every day", "every 15 minutes", "every minute"}) {
        const Schedule s = parse(text);
        EXPECT_EQ(bot::describe(s), text);
        EXPECT_EQ(parse(bot::describe(s)), s);
    }
}

TEST(DailySchedule, KeepsNineLocalInNewYorkAcrossTheSpringChange) {
    // DST starts Sunday 2026-03-08: 09:00 is 14:00Z before, 13:00Z after.
    const auto site = site_in("America/New_York");
    EXPECT_EQ(occurrences(parse("09:00 on working days"), site, "2026-03-04T00:00:00Z", 6),
              (std::vector<std::string>{"2026-03-04T14:00:00Z", "2026-03-05T14:00:00Z",
                                        "2026-03-06T14:00:00Z", "2026-03-09T13:00:00Z",
                                        "2026-03-10T13:00:00Z", "2026-03-11T13:00:00Z"}));
    EXPECT_EQ(local_text(site, utc("2026-03-09T13:00:00Z")), "2026-03-09 09:00:00 EDT");
}

TEST(DailySchedule, KeepsNineLocalInNewYorkAcrossTheFallChange) {
    // DST ends Sunday 2026-11-01: 09:00 is 13:00Z before, 14:00Z after.
    const auto site = site_in("America/New_York");
    EXPECT_EQ(occurrences(parse("09:00 on working days"), site, "2026-10-29T13:00:00Z", 3),
              (std::vector<std::string>{"2026-10-30T13:00:00Z", "2026-11-02T14:00:00Z",
                                        "2026-11-03T14:00:00Z"}));
    EXPECT_EQ(occurrences(parse("09:00 every day"), site, "2026-10-31T00:00:00Z", 3),
              (std::vector<std::string>{"2026-10-31T13:00:00Z", "2026-11-01T14:00:00Z",
                                        "2026-11-02T14:00:00Z"}));
}

TEST(DailySchedule, KeepsNineLocalInBerlinOnBothChangeDays) {
    // Central Europe changes on Sundays 2026-03-29 and 2026-10-25.
    const auto site = site_in("Europe/Berlin");
    EXPECT_EQ(occurrences(parse("09:00 every day"), site, "2026-03-27T12:00:00Z", 4),
              (std::vector<std::string>{"2026-03-28T08:00:00Z", "2026-03-29T07:00:00Z",
                                        "2026-03-30T07:00:00Z", "2026-03-31T07:00:00Z"}));
    EXPECT_EQ(occurrences(parse("09:00 every day"), site, "2026-10-23T12:00:00Z", 4),
              (std::vector<std::string>{"2026-10-24T07:00:00Z", "2026-10-25T08:00:00Z",
                                        "2026-10-26T08:00:00Z", "2026-10-27T08:00:00Z"}));
    EXPECT_EQ(occurrences(parse("09:00 on working days"), site, "2026-03-27T07:59:00Z", 2),
              (std::vector<std::string>{"2026-03-27T08:00:00Z", "2026-03-30T07:00:00Z"}));
}

TEST(DailySchedule, RunsATimeLostToSpringForwardAtTheEndOfTheGap) {
    // 02:00-03:00 does not exist in New York on 2026-03-08.
    const auto site = site_in("America/New_York");
    const auto runs = occurrences(parse("02:30 every day"), site, "2026-03-07T08:00:00Z", 2);
    EXPECT_EQ(runs, (std::vector<std::string>{"2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"}));
    EXPECT_EQ(local_text(site, utc(runs[0])), "2026-03-08 03:00:00 EDT");
    EXPECT_EQ(local_text(site, utc(runs[1])), "2026-03-09 02:30:00 EDT");
}

TEST(DailySchedule, RunsATimeRepeatedByFallBackOnlyOnce) {
    // 01:30 happens twice in New York on 2026-11-01: 05:30Z (EDT), 06:30Z (EST).
    const auto site = site_in("America/New_York");
    EXPECT_EQ(occurrences(parse("01:30 every day"), site, "2026-10-31T12:00:00Z", 2),
              (std::vector<std::string>{"2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"}));
}

TEST(DailySchedule, SkipsWeekendsAndFullHolidaysButNotHalfDays) {
    auto site = site_in("Europe/Lisbon");
    site.holidays = {{2026_y / 12 / 24, "Christmas Eve", true},
                     {2026_y / 12 / 25, "Christmas Day", false},
                     {2027_y / 1 / 1, "New Year's Day", false}};
    // Wed 23rd, Thu 24th (half day, still worked), then Fri 25th (holiday)
    // and the weekend are skipped; Fri 1 Jan is a holiday too.
    EXPECT_EQ(occurrences(parse("09:00 on working days"), site, "2026-12-22T12:00:00Z", 6),
              (std::vector<std::string>{"2026-12-23T09:00:00Z", "2026-12-24T09:00:00Z",
                                        "2026-12-28T09:00:00Z", "2026-12-29T09:00:00Z",
                                        "2026-12-30T09:00:00Z", "2026-12-31T09:00:00Z"}));
    EXPECT_EQ(utc_text(bot::next_after(parse("09:00 on working days"), site,
                                       utc("2026-12-31T09:00:00Z"))),
              "2027-01-04T09:00:00Z");
    // "every day" ignores the working calendar.
    EXPECT_EQ(
        utc_text(bot::next_after(parse("09:00 every day"), site, utc("2026-12-24T09:00:00Z"))),
        "2026-12-25T09:00:00Z");
}

TEST(DailySchedule, FollowsTheSitesOwnWorkingWeek) {
    auto site = site_in("Asia/Jerusalem");
    site.working_days = {date::Sunday, date::Monday, date::Tuesday, date::Wednesday,
                         date::Thursday};
    // Thursday 2026-06-04 09:00 IDT (06:00Z) is followed by Sunday 2026-06-07.
    EXPECT_EQ(occurrences(parse("09:00 on working days"), site, "2026-06-04T06:00:00Z", 1),
              (std::vector<std::string>{"2026-06-07T06:00:00Z"}));
}

TEST(DailySchedule, TreatsAnEmptyWorkingWeekAsMondayToFriday) {
    config::Site site;
    site.time_zone = "UTC";
    EXPECT_TRUE(bot::is_working_day(site, date::local_days{2026_y / 6 / 5}));   // Friday
    EXPECT_FALSE(bot::is_working_day(site, date::local_days{2026_y / 6 / 6}));  // Saturday
    EXPECT_EQ(occurrences(parse("09:00 on working days"), site, "2026-06-05T10:00:00Z", 1),
              (std::vector<std::string>{"2026-06-08T09:00:00Z"}));
}

TEST(DailySchedule, FindsTheLatestOccurrenceAtOrBeforeAnInstant) {
    const auto site = site_in("America/New_York");
    const auto s = parse("09:00 on working days");
    // Monday 08:00 EDT: the latest run was Friday 09:00 EST.
    EXPECT_EQ(utc_text(bot::last_at_or_before(s, site, utc("2026-03-09T12:00:00Z"))),
              "2026-03-06T14:00:00Z");
    EXPECT_EQ(utc_text(bot::last_at_or_before(s, site, utc("2026-03-09T13:00:00Z"))),
              "2026-03-09T13:00:00Z");
    EXPECT_EQ(utc_text(bot::last_at_or_before(s, site, utc("2026-03-09T12:59:59Z"))),
              "2026-03-06T14:00:00Z");
}

TEST(IntervalSchedule, AlignsToQuarterHoursInUtcWhateverTheZone) {
    // Kathmandu is UTC+05:45, so UTC quarter hours are local :45, :00, ...
    const auto site = site_in("Asia/Kathmandu");
    const auto s = parse("every 15 minutes");
    EXPECT_EQ(occurrences(s, site, "2026-03-08T10:07:30Z", 4),
              (std::vector<std::string>{"2026-03-08T10:15:00Z", "2026-03-08T10:30:00Z",
                                        "2026-03-08T10:45:00Z", "2026-03-08T11:00:00Z"}));
    EXPECT_EQ(utc_text(bot::next_after(s, site, utc("2026-03-08T10:15:00Z"))),
              "2026-03-08T10:30:00Z");
    EXPECT_EQ(utc_text(bot::last_at_or_before(s, site, utc("2026-03-08T10:29:59Z"))),
              "2026-03-08T10:15:00Z");
    EXPECT_EQ(utc_text(bot::last_at_or_before(s, site, utc("2026-03-08T10:30:00Z"))),
              "2026-03-08T10:30:00Z");
}

TEST(IntervalSchedule, IgnoresDaylightSavingChanges) {
    // New York's clocks jump at 07:00Z on 2026-03-08; the interval does not.
    const auto site = site_in("America/New_York");
    EXPECT_EQ(occurrences(parse("every 30 minutes"), site, "2026-03-08T06:15:00Z", 3),
              (std::vector<std::string>{"2026-03-08T06:30:00Z", "2026-03-08T07:00:00Z",
                                        "2026-03-08T07:30:00Z"}));
}

TEST(Schedule, RefusesAHandBuiltScheduleOutsideItsRange) {
    const auto site = site_in("UTC");
    EXPECT_THROW(bot::next_after(Schedule::every(minutes(0)), site, utc("2026-01-01T00:00:00Z")),
                 std::invalid_argument);
    EXPECT_THROW(
        bot::next_after(Schedule::daily(hours(24), false), site, utc("2026-01-01T00:00:00Z")),
        std::invalid_argument);
}

}  // namespace
