// The calendar feed over HTTP: `/pto calendar` gives a link, the feed behind
// it is read by a real iCalendar parser (Debian's python3-icalendar), its
// events are the approved time off of the caller's team and the site's
// holidays, a cancelled request disappears, a wrong or rotated token gets
// 404, and the token appears in no log line. The server's clock is Monday
// 2026-12-07 13:00 in Berlin.

#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include <nlohmann/json.hpp>

#include "tests/support/outbox_process.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"
#include "tests/support/slack_requests.hpp"
#include "tests/support/test_server.hpp"

namespace {

using namespace testing_support;
using nlohmann::json;

constexpr std::int64_t kCalendarMonday = 1796644800;  // 2026-12-07T12:00:00Z

// Each event as the parser reads it: uid, summary, start, end, sequence.
constexpr const char* kReadEvents = R"py(
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = []
for e in cal.walk('VEVENT'):
    out.append({'uid': str(e['UID']), 'summary': str(e['SUMMARY']),
                'start': e.decoded('DTSTART').isoformat(), 'end': e.decoded('DTEND').isoformat(),
                'sequence': int(e.get('SEQUENCE', 0))})
zones = [str(z['TZID']) for z in cal.walk('VTIMEZONE')]
print(json.dumps({'events': sorted(out, key=lambda e: e['uid']), 'zones': zones}))
)py";

struct CalendarFeed : ::testing::Test {
    TestServer server{TestServerOptions{
        .patch = {{"site",
                   {{"holidays",
                     {{{"date", "2026-12-24"}, {"name", "Christmas Eve"}, {"half", true}},
                      {{"date", "2026-12-25"}, {"name", "Christmas Day"}}}}}}},
        .clock =
            [] {
                return std::chrono::system_clock::time_point(std::chrono::seconds(kCalendarMonday));
            },
    }};

    std::string slash(const std::string& user, const std::string& command,
                      const std::string& text) {
        const auto r = server.post(signed_slash(command, text, user, kCalendarMonday));
        EXPECT_EQ(r.status, 200u) << r.body;
        return r.json().value("text", "");
    }
    // The token of the link in a `/pto calendar` reply.
    static std::string token_in(const std::string& reply) {
        std::smatch m;
        if (!std::regex_search(reply, m, std::regex("calendar\\.ics\\?token=([0-9a-f]{64})")))
            ADD_FAILURE() << "no link in " << reply;
        return m.empty() ? "" : m[1].str();
    }
    // The feed behind `token`, parsed.
    json read(const std::string& token) {
        const auto r = server.get("/calendar.ics?token=" + token);
        EXPECT_EQ(r.status, 200u) << r.body;
        EXPECT_EQ(r.header("content-type"), "text/calendar; charset=utf-8");
        // Lines end in CRLF and none is over 75 octets.
        std::size_t start = 0;
        for (auto end = r.body.find("\r\n"); end != std::string::npos;
             start = end + 2, end = r.body.find("\r\n", start))
            EXPECT_LE(end - start, 75u) << r.body.substr(start, end - start);
        EXPECT_EQ(start, r.body.size());
        const auto file = server.dir() / "feed.ics";
        std::ofstream(file, std::ios::binary) << r.body;
        const auto parsed =
            run_child("/usr/bin/python3", {{"-c", kReadEvents, file.string()}, {}, {}});
        EXPECT_EQ(parsed.status, 0) << parsed.output << "\n" << r.body;
        return json::parse(parsed.output);
    }
};

TEST_F(CalendarFeed, AManagersFeedHoldsTheTeamsApprovedTimeOffAndTheHolidays) {
    CapturedLog log;
    slash(kAna, "/pto", "dec 21-23 vacation family trip, \"long\"; finally");
    slash(kManager, "/approve", "PTO-1");
    slash(kBen, "/pto", "dec 18 pm vacation");
    slash(kManager, "/approve", "PTO-2");
    slash(kAna, "/pto", "jan 8 vacation");
    slash(kManager, "/approve", "PTO-3");
    slash(kBen, "/pto", "jan 11 vacation");  // pending: not in the feed

    const std::string reply = slash(kManager, "/pto", "calendar");
    EXPECT_NE(reply.find("Your time-off calendar: http://127.0.0.1:"), std::string::npos) << reply;
    const std::string token = token_in(reply);
    EXPECT_EQ(slash(kManager, "/pto", "calendar"), reply);  // the same link again

    const json feed = read(token);
    EXPECT_EQ(feed["zones"], json::array({"Europe/Berlin"}));
    EXPECT_EQ(feed["events"], json::parse(R"json([
      {"uid": "PTO-1@sitelead-bot", "summary": "Ana Lima: vacation", "start": "2026-12-21",
       "end": "2026-12-24", "sequence": 1},
      {"uid": "PTO-2@sitelead-bot", "summary": "Ben Ode: vacation (afternoon)",
       "start": "2026-12-18T13:30:00+01:00", "end": "2026-12-18T18:00:00+01:00", "sequence": 1
},
      {"uid": "PTO-3@sitelead-bot", "summary": "Ana Lima: vacation", "start": "2027-01-08",
       "end": "2027-01-09", "sequence": 1},
      {"uid": "holiday-office-20261224@sitelead-bot",
       "summary": "Christmas Eve (Test Site, half day)", "start": "2026-12-24",
       "end": "2026-12-25", "sequence": 0},
      {"uid": "holiday-office-20261225@sitelead-bot", "summary": "Christmas Day (Test Site)",
       "start": "2026-12-25", "end": "2026-12-26", "sequence": 0}
    ])json"))
        << feed.dump(2);

    // Cancelled, it is gone.
    slash(kAna, "/pto", "cancel PTO-3");
    const json after = read(token);
    ASSERT_EQ(after["events"].size(), 4u);
    for (const auto& e : after["events"]) EXPECT_NE(e["uid"], "PTO-3@sitelead-bot");

    // Rotated, the old link is dead and the new one works; a wrong one never did.
    const std::string fresh = token_in(slash(kManager, "/pto", "calendar rotate"));
    EXPECT_NE(fresh, token);
    EXPECT_EQ(server.get("/calendar.ics?token=" + token).status, 404u);
    EXPECT_EQ(server.get("/calendar.ics?token=" + std::string(64, '0')).status, 404u);
    EXPECT_EQ(server.get("/calendar.ics").status, 404u);
    EXPECT_EQ(read(fresh)["events"].size(), 4u);

    const std::string logged = log.text();
    EXPECT_NE(logged.find("GET /calendar.ics 200"), std::string::npos) << logged;
    EXPECT_EQ(logged.find(token), std::string::npos);
    EXPECT_EQ(logged.find(fresh), std::string::npos);
}

TEST_F(CalendarFeed, WhoIsInItGoesByRole) {
    slash(kAna, "/pto", "dec 21 vacation");
    slash(kManager, "/approve", "PTO-1");
    slash(kManager, "/pto", "dec 22 vacation");
    slash(kLead, "/approve", "PTO-2");
    const auto uids = [&](const char* who) {
        std::vector<std::string> out;
        const json feed = read(token_in(slash(who, "/pto", "calendar")));
        for (const auto& e : feed["events"])
            if (e["uid"].get<std::string>().starts_with("PTO")) out.push_back(e["uid"]);
        return out;
    };
    // Ben sees his teammate Ana, not their manager; the manager sees her
    // team and herself; the site lead sees the whole site.
    EXPECT_EQ(uids(kBen), (std::vector<std::string>{"PTO-1@sitelead-bot"}));
    EXPECT_EQ(uids(kManager),
              (std::vector<std::string>{"PTO-1@sitelead-bot", "PTO-2@sitelead-bot"}));
    EXPECT_EQ(uids(kLead), (std::vector<std::string>{"PTO-1@sitelead-bot", "PTO-2@sitelead-bot"}));
}

}  // namespace
