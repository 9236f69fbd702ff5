#include "core/dates.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

#include <vector>
#include "tests/support/common.hpp"

namespace {

using core::DateSpan;
using core::iso;
using core::kWhenHint;
using core::parse_when;
using core::ParsedWhen;
using core::Part;

using testing_support::day;

const char* part_name(Part p) {
    switch (p) {
        case Part::full:
            return "full";
        case Part::am:
            return "am";
        case Part::pm:
            return "pm";
    }
    return "?";
}

const date::local_days kMon14 = day(2026, 12, 14);
const date::local_days kWed16 = day(2026, 12, 16);
const date::local_days kFri18 = day(2026, 12, 18);
const date::local_days kSat19 = day(2026, 12, 19);
const date::local_days kSun20 = day(2026, 12, 20);

struct Good {
    const char* text;
    date::local_days today;
    date::local_days start, end;
    Part part = Part::full;
    const char* rest = "";
};

void expect_parses(const std::vector<Good>& cases) {
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string("\"") + c.text + "\" asked on " + date::format("%F %a", c.today));
        const auto got = parse_when(c.text, c.today);
        const auto* ok = std::get_if<ParsedWhen>(&got);
        if (!ok) {
            ADD_FAILURE() << "refused: " << std::get<std::string>(got);
            continue;
        }
        EXPECT_EQ(iso(ok->span.start), iso(c.start));
        EXPECT_EQ(iso(ok->span.end), iso(c.end));
        EXPECT_STREQ(part_name(ok->span.part), part_name(c.part));
        EXPECT_EQ(ok->rest, c.rest);
    }
}

TEST(PtoDates, ParsesEveryDocumentedForm) {
    const auto d21 = day(2026, 12, 21), d23 = day(2026, 12, 23);
    expect_parses({
        {"2026-12-21", kWed16, d21, d21},
        {"2026-12-21 to 2026-12-23", kWed16, d21, d23},
        {"2026-12-21 - 2026-12-23", kWed16, d21, d23},
        {"2026-12-21..2026-12-23", kWed16, d21, d23},
        {"2026-12-21-2026-12-23", kWed16, d21, d23},
        {"dec 21", kWed16, d21, d21},
        {"december 21", kWed16, d21, d21},
        {"DEC 21", kWed16, d21, d21},
        {"Dec 21st", kWed16, d21, d21},
        {"dec 21-23", kWed16, d21, d23},
        {"dec 21 - 23", kWed16, d21, d23},
        {"dec 21\u201323", kWed16, d21, d23},
        {"dec 21 to dec 23", kWed16, d21, d23},
        {"dec 21 through 23", kWed16, d21, d23},
        {"from dec 21 to dec 23", kWed16, d21, d23},
        {"12/21", kWed16, d21, d21},
        {"12/21-12/23", kWed16, d21, d23},
        {"12/21 - 12/23", kWed16, d21, d23},
        {"12/21-23", kWed16, d21, d23},
        {"dec 21, 2027", kWed16, day(2027, 12, 21), day(2027, 12, 21)},
        {"12/21/2027", kWed16, day(2027, 12, 21), day(2027, 12, 21)},
        {"today", kWed16, kWed16, kWed16},
        {"Tomorrow", kWed16, day(2026, 12, 17), day(2026, 12, 17)},
        {"  dec 21  ", kWed16, d21, d21},
    });
}

TEST(PtoDates, ResolvesWeekdayNamesFromToday) {
    expect_parses({
        {"friday", kWed16, kFri18, kFri18},
        {"friday", kFri18, kFri18, kFri18},  // asked on a Friday: today
        {"fri", kFri18, kFri18, kFri18},
        {"this friday", kWed16, kFri18, kFri18},
        {"on friday", kWed16, kFri18, kFri18},
        {"mon", kWed16, day(2026, 12, 21), day(2026, 12, 21)},
        {"tue", kWed16, day(2026, 12, 22), day(2026, 12, 22)},
        {"tues", kWed16, day(2026, 12, 22), day(2026, 12, 22)},
        {"wed", kWed16, kWed16, kWed16},
        {"thu", kWed16, day(2026, 12, 17), day(2026, 12, 17)},
        {"thurs", kWed16, day(2026, 12, 17), day(2026, 12, 17)},
        {"sat", kWed16, kSat19, kSat19},
        {"sun", kWed16, kSun20, kSun20},
        {"Saturday", kSun20, day(2026, 12, 26), day(2026, 12, 26)},
    });
}

// `next <day>` is that day in the next Monday-to-Sunday week.
TEST(PtoDates, ResolvesNextWeekdayInTheFollowingWeek) {
    const auto mon21 = day(2026, 12, 21);
    expect_parses({
        {"next monday", kMon14, mon21, mon21},  // asked on a Monday: 7 days later
        {"next monday", kSat19, mon21, mon21},  // asked on a Saturday: 2 days later
        {"next monday", kSun20, mon21, mon21},
        {"next mon", kWed16, mon21, mon21},
        {"next friday", kMon14, day(2026, 12, 25), day(2026, 12, 25)},  // not this Friday
        {"next sunday", kSat19, day(2026, 12, 27), day(2026, 12, 27)},
        {"next monday", day(2026, 12, 28), day(2027, 1, 4), day(2027, 1, 4)},
    });
}

TEST(PtoDates, ParsesRangesOfRelativeDays) {
    expect_parses({
        {"today to friday", kWed16, kWed16, kFri18},
        {"monday to friday", kWed16, day(2026, 12, 21), day(2026, 12, 25)},
        {"friday to next tuesday", kWed16, kFri18, day(2026, 12, 22)},
        {"tomorrow - dec 23", kWed16, day(2026, 12, 17), day(2026, 12, 23)},
        {"yesterday", kWed16, day(2026, 12, 15), day(2026, 12, 15)},
        {"yesterday to friday", kWed16, day(2026, 12, 15), kFri18},
    });
}

// A week, as people ask who is out: the rest of this one, or all of the next.
TEST(PtoDates, ParsesThisWeekAndNextWeek) {
    expect_parses({
        {"this week", kWed16, kWed16, kSun20},
        {"next week", kWed16, day(2026, 12, 21), day(2026, 12, 27)},
        {"next week", kSun20, day(2026, 12, 21), day(2026, 12, 27)},  // asked on a Sunday
        {"next week", kMon14, day(2026, 12, 21), day(2026, 12, 27)},
        {"Next Week vacation ski trip", kWed16, day(2026, 12, 21), day(2026, 12, 27), Part::full,
         "vacation ski trip"},
        // At a weekend, "this week" is the one ahead, as "next week" is.
        {"this week", kSun20, day(2026, 12, 21), day(2026, 12, 27)},
        {"this week", kSat19, day(2026, 12, 21), day(2026, 12, 27)},
        {"the week of dec 23", kWed16, day(2026, 12, 21), day(2026, 12, 27)},
        {"week of friday, ski trip", kWed16, kWed16, kSun20, Part::full, "ski trip"},
        {"the week of 2027-01-06", kWed16, day(2027, 1, 4), day(2027, 1, 10)},
    });
    // Each is a week (a request keeps its working days); a range is not.
    for (const char* week : {"this week", "next week", "the week of dec 23", "week of monday"})
        EXPECT_TRUE(std::get<ParsedWhen>(parse_when(week, kWed16)).week) << week;
    for (const char* range : {"monday to sunday", "dec 21-27", "weekend"}) {
        const auto got = parse_when(range, kWed16);
        EXPECT_FALSE(std::holds_alternative<ParsedWhen>(got) && std::get<ParsedWhen>(got).week)
            << range;
    }
}

TEST(PtoDates, ParsesRangeAcrossYearEnd) {
    expect_parses({
        {"dec 28 - jan 2", kWed16, day(2026, 12, 28), day(2027, 1, 2)},
        {"12/28-1/2", kWed16, day(2026, 12, 28), day(2027, 1, 2)},
        {"2026-12-28 to 2027-01-02", kWed16, day(2026, 12, 28), day(2027, 1, 2)},
        {"jan 2", kWed16, day(2027, 1, 2), day(2027, 1, 2)},
        // A date without a year is its next occurrence, so a day just gone is next year's.
        {"dec 21", day(2026, 12, 22), day(2027, 12, 21), day(2027, 12, 21)},
        {"dec 21-23", day(2026, 12, 22), day(2027, 12, 21), day(2027, 12, 23)},
        {"dec 22", day(2026, 12, 22), day(2026, 12, 22), day(2026, 12, 22)},
    });
}

// The day before its month, as Lisbon and London write it.
TEST(PtoDates, ParsesTheDayBeforeTheMonth) {
    const auto d21 = day(2026, 12, 21), d23 = day(2026, 12, 23);
    expect_parses({
        {"21 dec", kWed16, d21, d21},
        {"21st Dec", kWed16, d21, d21},
        {"21st of December", kWed16, d21, d21},
        {"on 21 dec", kWed16, d21, d21},
        {"21 dec 2027", kWed16, day(2027, 12, 21), day(2027, 12, 21)},
        {"21-23 dec", kWed16, d21, d23},
        {"21 - 23 december", kWed16, d21, d23},
        {"21st to 23rd dec", kWed16, d21, d23},
        {"from 21 dec to 23 dec", kWed16, d21, d23},
        {"28 dec - 2 jan", kWed16, day(2026, 12, 28), day(2027, 1, 2)},
        {"24 dec to 2 jan vacation christmas", kWed16, day(2026, 12, 24), day(2027, 1, 2),
         Part::full, "vacation christmas"},
        {"21-23 dec sick flu", kWed16, d21, d23, Part::full, "sick flu"},
        {"4-6 jan", kWed16, day(2027, 1, 4), day(2027, 1, 6)},
        {"21 dec pm", kWed16, d21, d21, Part::pm},
    });
}

TEST(PtoDates, ParsesTheTwentyNinthOfFebruary) {
    const auto leap = day(2028, 2, 29);
    expect_parses({
        {"feb 29", day(2026, 3, 1), leap, leap},  // from a non-leap year: the next leap year
        {"2/29", day(2028, 1, 10), leap, leap},   // in a leap year, still ahead
        {"feb 29", day(2028, 3, 1), day(2032, 2, 29), day(2032, 2, 29)},
        {"2028-02-29", day(2026, 3, 1), leap, leap},
        {"feb 28 - mar 1", day(2028, 1, 1), day(2028, 2, 28), day(2028, 3, 1)},
        {"feb 27-29", day(2028, 1, 1), day(2028, 2, 27), leap},
    });
}

TEST(PtoDates, ParsesHalfDays) {
    const auto d21 = day(2026, 12, 21);
    expect_parses({
        {"dec 21 half", kWed16, d21, d21, Part::am},
        {"dec 21 half day", kWed16, d21, d21, Part::am},
        {"dec 21 half-day sick", kWed16, d21, d21, Part::am, "sick"},
        {"dec 21 am", kWed16, d21, d21, Part::am},
        {"dec 21 pm", kWed16, d21, d21, Part::pm},
        {"2026-12-21 PM", kWed16, d21, d21, Part::pm},
        {"12/21 am", kWed16, d21, d21, Part::am},
        {"tomorrow pm", kWed16, day(2026, 12, 17), day(2026, 12, 17), Part::pm},
        {"friday morning", kWed16, kFri18, kFri18, Part::am},
        {"friday afternoon dentist", kWed16, kFri18, kFri18, Part::pm, "dentist"},
        {"dec 21-21 pm", kWed16, d21, d21, Part::pm},  // a range of one day is a single day
        // The part first, as people say it.
        {"half day friday", kWed16, kFri18, kFri18, Part::am},
        {"half-day on friday dentist", kWed16, kFri18, kFri18, Part::am, "dentist"},
        {"half day friday afternoon", kWed16, kFri18, kFri18, Part::pm},
        {"afternoon of dec 21", kWed16, d21, d21, Part::pm},
        {"morning dec 21 vacation", kWed16, d21, d21, Part::am, "vacation"},
    });
}

TEST(PtoDates, KeepsTheWordsAfterTheDateAsTyped) {
    const auto d21 = day(2026, 12, 21), d23 = day(2026, 12, 23);
    expect_parses({
        {"dec 21-23 vacation family trip", kWed16, d21, d23, Part::full, "vacation family trip"},
        {"2026-12-21 to 2026-12-23 Sick  Flu ", kWed16, d21, d23, Part::full, "Sick  Flu"},
        {"tomorrow pm personal Dentist", kWed16, day(2026, 12, 17), day(2026, 12, 17), Part::pm,
         "personal Dentist"},
        {"dec 21, vacation", kWed16, d21, d21, Part::full, "vacation"},
        {"dec 21 - Family trip", kWed16, d21, d21, Part::full, "Family trip"},
        {"dec 21 to visit Mom", kWed16, d21, d21, Part::full, "to visit Mom"},
        {"friday Café Ünïcode", kWed16, kFri18, kFri18, Part::full, "Café Ünïcode"},
        {"next monday amsterdam", kWed16, day(2026, 12, 21), day(2026, 12, 21), Part::full,
         "amsterdam"},
    });
}

struct Bad {
    const char* text;
    date::local_days today;
    std::vector<std::string> says;
};

void expect_refuses(const std::vector<Bad>& cases) {
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string("\"") + c.text + "\"");
        const auto got = parse_when(c.text, c.today);
        const auto* err = std::get_if<std::string>(&got);
        if (!err) {
            ADD_FAILURE() << "accepted as " << iso(std::get<ParsedWhen>(got).span.start);
            continue;
        }
        for (const auto& s : c.says) EXPECT_NE(err->find(s), std::string::npos) << *err;
    }
}

TEST(PtoDates, ExplainsTextThatIsNotADate) {
    const std::string hint(kWhenHint);
    expect_refuses({
        {"blah", kWed16, {"I couldn't read a date in \"blah\".", hint}},
        {"", kWed16, {hint}},
        {"   ", kWed16, {hint}},
        {"next weekend", kWed16, {"\"next weekend\"", hint}},
        {"21", kWed16, {hint}},
        {"21 people", kWed16, {hint}},
        {"december", kWed16, {hint}},
        {"fridays", kWed16, {hint}},
        {"dec 21x", kWed16, {hint}},
        {"dec 21 - 123", kWed16, {"end of the range", hint}},
        {"vacation dec 21", kWed16, {hint}},
    });
}

TEST(PtoDates, ShortensLongTextInMessagesWithoutSplittingACharacter) {
    // Byte 40 falls inside the two bytes of "ü".
    const std::string text = std::string(39, 'x') + "\u00fc and more words";
    const auto got = parse_when(text, kWed16);
    ASSERT_TRUE(std::holds_alternative<std::string>(got));
    EXPECT_NE(std::get<std::string>(got).find("\"" + std::string(39, 'x') + "\u2026\""),
              std::string::npos)
        << std::get<std::string>(got);
}

TEST(PtoDates, RefusesAHalfDayOnARange) {
    const std::string hint(kWhenHint);
    expect_refuses({
        {"dec 21-23 pm", kWed16, {"half day", "\"dec 21-23 pm\"", hint}},
        {"2026-12-21 to 2026-12-23 am", kWed16, {"single date", hint}},
        {"friday to monday half", kWed16, {"single date", hint}},
        {"half day friday to monday", kWed16, {"single date", hint}},
        {"half day", kWed16, {"couldn't read a date", hint}},
    });
}

TEST(PtoDates, NamesDatesThatDoNotExist) {
    expect_refuses({
        {"2027-02-29", kWed16, {"\"2027-02-29\" is not a date: February 2027 has 28 days."}},
        {"2026-13-01", kWed16, {"there is no month 13"}},
        {"2026-04-31", kWed16, {"April 2026 has 30 days"}},
        {"2026-12-00", kWed16, {"start at 1"}},
        {"feb 30", kWed16, {"\"feb 30\" is not a date: February has 29 days."}},
        {"dec 32", kWed16, {"December has 31 days"}},
        {"13/21", kWed16, {"no month 13", "month/day", "`12/21`"}},
        {"feb 27-29", kWed16, {"\"feb 27-29\"", "February 2027 has 28 days"}},
        {"dec 21 - 40", kWed16, {"December 2026 has 31 days"}},
        {"31 nov", kWed16, {"\"31 nov\" is not a date: November has 30 days."}},
        {"30-31 feb", kWed16, {"\"31 feb\" is not a date: February has 29 days."}},
        {"0-3 jan", kWed16, {"\"0-3 jan\" is not a date: days of the month start at 1."}},
    });
}

TEST(PtoDates, TellsADateThatIsNoneFromOtherWords) {
    for (const char* date : {"nov 31", "13/5", "2026-02-30", "friday", "on dec 3", " Dec 3 2025",
                             "tomorrow", "next monday", "21 dec", "on 3rd of may"})
        EXPECT_TRUE(core::starts_with_date(date)) << date;
    for (const char* words :
         {"the terrace", "dec", "may be late", "", "on", "5 people", "next door", "monthly pass"})
        EXPECT_FALSE(core::starts_with_date(words)) << words;
}

TEST(PtoDates, RefusesARangeThatEndsBeforeItStarts) {
    expect_refuses({
        {"2026-12-23 to 2026-12-21",
         kWed16,
         {"The range ends (2026-12-21) before it starts (2026-12-23)"}},
        {"12/23/2026 - 12/21/2026", kWed16, {"ends (2026-12-21) before it starts (2026-12-23)"}},
        {"tomorrow to today", kWed16, {"ends (2026-12-16) before it starts (2026-12-17)"}},
        {"dec 28-3", kWed16, {"`dec 28 - jan 3`"}},
        {"28-3 jan",
         kWed16,
         {"In \"28-3 jan\" the first day (28) comes after the last", "`28 dec - 3 jan`"}},
    });
}

// Over three years of "today", every weekday name lands in the right place.
TEST(PtoDates, ResolvesWeekdaysConsistentlyOnEveryDay) {
    const char* names[] = {"sunday",   "monday", "tuesday", "wednesday",
                           "thursday", "friday", "saturday"};
    for (auto today = day(2026, 1, 1); today < day(2029, 1, 1); today += date::days{1}) {
        const date::local_days next_week_monday =
            today - (date::weekday{today} - date::Monday) + date::weeks{1};
        for (unsigned i = 0; i < 7; ++i) {
            SCOPED_TRACE(std::string(names[i]) + " asked on " + iso(today));
            const auto plain = parse_when(names[i], today);
            const auto next = parse_when(std::string("next ") + names[i], today);
            ASSERT_TRUE(std::holds_alternative<ParsedWhen>(plain));
            ASSERT_TRUE(std::holds_alternative<ParsedWhen>(next));
            const auto p = std::get<ParsedWhen>(plain).span.start;
            const auto n = std::get<ParsedWhen>(next).span.start;
            EXPECT_EQ(date::weekday{p}.c_encoding(), i);
            EXPECT_GE(p, today);
            EXPECT_LT(p, today + date::weeks{1});
            EXPECT_EQ(date::weekday{n}.c_encoding(), i);
            EXPECT_GE(n, next_week_monday);
            EXPECT_LT(n, next_week_monday + date::weeks{1});
        }
    }
}

TEST(PtoDates, FormatsSpansForPeople) {
    struct Case {
        DateSpan span;
        date::local_days today;
        const char* expected;
    };
    const auto d21 = day(2026, 12, 21);
    const Case cases[] = {
        {{d21, d21}, kWed16, "Mon Dec 21"},
        {{d21, day(2026, 12, 23)}, kWed16, "Mon Dec 21 \u2013 Wed Dec 23"},
        {{d21, d21, Part::am}, kWed16, "Mon Dec 21 (morning)"},
        {{d21, d21, Part::pm}, kWed16, "Mon Dec 21 (afternoon)"},
        {{day(2026, 12, 28), day(2027, 1, 2)}, kWed16, "Mon Dec 28, 2026 \u2013 Sat Jan 2, 2027"},
        {{day(2027, 12, 21), day(2027, 12, 21)}, kWed16, "Tue Dec 21, 2027"},
        {{day(2027, 1, 2), day(2027, 1, 2)}, day(2027, 1, 1), "Sat Jan 2"},
    };
    for (const auto& c : cases) EXPECT_EQ(core::format_span(c.span, c.today), c.expected);
}

TEST(PtoDates, WritesAndReadsIsoDates) {
    EXPECT_EQ(iso(day(2026, 1, 5)), "2026-01-05");
    EXPECT_EQ(core::parse_iso("2028-02-29"), day(2028, 2, 29));
    EXPECT_EQ(core::parse_iso(iso(day(2026, 12, 21))), day(2026, 12, 21));
    for (const char* bad : {"", "2026-1-5", "2027-02-29", "2026-12-21x", "2026/12/21", "2026-13-01",
                            "20261221", "dec 21", "2026-12-2a"}) {
        SCOPED_TRACE(bad);
        EXPECT_EQ(core::parse_iso(bad), std::nullopt);
    }
}

}  // namespace
