// iCalendar text: escaping, folding at 75 octets without splitting a UTF-8
// character, and a VTIMEZONE made from the tz database.

#include <gtest/gtest.h>

#include <date/tz.h>

#include "core/ics.hpp"

namespace {

TEST(Ics, EscapesTextAsRfc5545Says) {
    EXPECT_EQ(core::ics::escape("a,b;c\\d\nnew\r\n"), "a\\,b\\;c\\\\d\\nnew\\n");
}

TEST(Ics, FoldsLinesAt75OctetsAndNeverInsideACharacter) {
    EXPECT_EQ(core::ics::line("SUMMARY:short"), "SUMMARY:short\r\n");
    const std::string long_line = "SUMMARY:" + std::string(100, 'x');
    const std::string folded = core::ics::line(long_line);
    EXPECT_EQ(folded, "SUMMARY:" + std::string(67, 'x') + "\r\n " + std::string(33, 'x') + "\r\n");
    // "é" is two octets: at the 75-octet edge it moves whole to the next line.
    EXPECT_EQ(core::ics::line("SUMMARY:" + std::string(65, 'x') + "éé"),
              "SUMMARY:" + std::string(65, 'x') + "é\r\n é\r\n");
    EXPECT_EQ(core::ics::line("SUMMARY:" + std::string(66, 'x') + "é"),
              "SUMMARY:" + std::string(66, 'x') + "\r\n é\r\n");
}

TEST(Ics, MakesAVTimezoneWithEveryChangeInTheWindow) {
    using namespace std::chrono;
    const auto from = date::sys_seconds{date::sys_days{date::year{2026} / 9 / 1}};
    const auto to = date::sys_seconds{date::sys_days{date::year{2027} / 6 / 1}};
    EXPECT_EQ(core::ics::vtimezone(date::locate_zone("Europe/Berlin"), from, to),
              "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"
              "BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\n"
              "TZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n"
              "BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\n"
              "TZOFFSETTO:+0100\r\nTZNAME:CET\r\nEND:STANDARD\r\n"
              "BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\nTZOFFSETFROM:+0100\r\n"
              "TZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n"
              "END:VTIMEZONE\r\n");
    const std::string utc = core::ics::vtimezone(date::locate_zone("UTC"), from, to);
    EXPECT_NE(utc.find("TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000"), std::string::npos) << utc;
    EXPECT_EQ(utc.find("DAYLIGHT"), std::string::npos);
}

}  // namespace
