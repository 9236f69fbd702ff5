// Announcements through the real service: to the site's channel at once,
// to everyone of the site by DM at the configured pace (two announcements
// together keep it), scheduled in the site's zone and sent once at their
// time across a restart, listed with their progress, cancelled while they
// wait; and every wrong way of asking refused with nothing changed.

#include <gtest/gtest.h>

#include <memory>

#include <boost/asio/io_context.hpp>

#include "bot/schedule/jobs.hpp"
#include "bot/schedule/scheduler.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"
#include "tests/support/common.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/site.hpp"

namespace {

using namespace std::chrono_literals;
using testing_support::Exchange;
using testing_support::Harness;
using testing_support::noon_at;
using testing_support::utc;

std::int64_t ms(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

struct Announce : ::testing::Test {
    Harness site{noon_at(2026, 12, 1), testing_support::two_sites_config()};

    std::vector<storage::outbox::Row> about(const std::string& id) {
        const auto db = site.db().connect();
        std::vector<storage::outbox::Row> out;
        SQLite::Statement q(*db, "SELECT id FROM outbox WHERE subject = ? ORDER BY id");
        q.bind(1, id);
        while (q.executeStep())
            out.push_back(*storage::outbox::get(*db, q.getColumn(0).getInt64()));
        return out;
    }
    long long state_rows() {
        return site.count("announcements") + site.count("outbox", "subject LIKE 'ANN-%'") +
               site.count("audit_trail", "kind = 'ANN'");
    }
};

TEST_F(Announce, GoesToTheSitesChannelAtOnce) {
    const auto ex = site.slash("ULEAD", "/sitelead announce The kitchen is closed on Friday.");
    EXPECT_CONTAINS(ex.text, "ANN-1 is on its way to <#C0NEWS>.");
    const auto rows = about("ANN-1");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].recipient, "C0NEWS");
    EXPECT_EQ(rows[0].method, "chat.postMessage");
    EXPECT_EQ(rows[0].next_attempt_at, ms(site.now));
    EXPECT_EQ(rows[0].body()["text"],
              ":mega: *Announcement* from <@ULEAD> to Test Office\nThe kitchen is closed on "
              "Friday.");
    const auto db = site.db().connect();
    const auto trail = storage::audit::history(*db, core::IdKind::announcement, 1);
    ASSERT_EQ(trail.size(), 1u);
    EXPECT_EQ(trail[0].action, "created");
    EXPECT_EQ(trail[0].to, "sent");
    EXPECT_EQ(trail[0].actor, "ULEAD");
}

TEST_F(Announce, WithDmEveryoneAtTheSiteGetsItOnceAtThePaceAndTwoTogetherKeepIt) {
    // 60 a minute: one a second, all announcements together.
    site.now -= 10s;  // 11:59:50
    const auto ex = site.slash("ULEAD", "/sitelead announce --dm --send Fire drill at 3pm.");
    EXPECT_CONTAINS(ex.text,
                    "ANN-1 is on its way to <#C0NEWS> and everyone at Test Office by DM "
                    "(8 people). The DMs go one every 1 s, so that Slack takes them all: the "
                    "last about today 11:59.");
    const auto rows = about("ANN-1");
    ASSERT_EQ(rows.size(), 9u);  // the channel, then the eight people of New York
    EXPECT_EQ(rows[0].recipient, "C0NEWS");
    EXPECT_EQ(rows[0].next_attempt_at, ms(site.now));
    std::set<std::string> people;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        people.insert(rows[i].recipient);
        EXPECT_EQ(rows[i].next_attempt_at, ms(site.now) + 1000 * static_cast<long>(i - 1));
    }
    EXPECT_EQ(people, (std::set<std::string>{"ULEAD", "UMGR1", "UMGR2", "UANNA", "UBEN", "UCARL",
                                             "UBIZ", "UADMIN"}));
    EXPECT_EQ(people.count("ULOLA"), 0u);  // London's
    // A second one two seconds later queues its DMs after the first's.
    site.now += 2s;
    // Its DMs follow the first's (the last of which is due at 11:59:57): its
    // last is due at 12:00:05.
    EXPECT_CONTAINS(site.slash("UADMIN", "/sitelead announce --dm --send Drill is over.").text,
                    "the last about today 12:00.");
    const auto second = about("ANN-2");
    ASSERT_EQ(second.size(), 9u);
    EXPECT_EQ(second[1].next_attempt_at, rows.back().next_attempt_at + 1000);
    EXPECT_EQ(second.back().next_attempt_at, rows.back().next_attempt_at + 8000);
}

TEST_F(Announce, ScheduledGoesOnceAtItsLocalTimeAcrossARestart) {
    // Noon in New York on Tuesday; tomorrow 09:00 there is 14:00 UTC.
    const auto ex = site.slash(
        "ULEAD",
        "/sitelead announce --at \u201c2026-12-02 09:00\u201d --dm --send Town hall at 10.");
    EXPECT_CONTAINS(ex.text,
                    "ANN-1 is scheduled for tomorrow 09:00, to <#C0NEWS> and everyone "
                    "at Test Office by DM (8 people).");
    EXPECT_TRUE(about("ANN-1").empty());
    EXPECT_CONTAINS(site.slash("ULEAD", "/sitelead announcements").text,
                    "• `ANN-1` *tomorrow 09:00* · to <#C0NEWS> and everyone at Test Office by DM "
                    "(8 people) · by <@ULEAD> · \"Town hall at 10.\"");

    auto writer = site.db().writer();
    auto now = site.now;
    boost::asio::io_context io;
    auto scheduler =
        std::make_unique<bot::Scheduler>(io, *writer, site.cfg.sites, [&] { return now; });
    bot::add_jobs(*scheduler, site.cfg);
    scheduler->run_due(utc("2026-12-02T13:59:30Z"));
    EXPECT_TRUE(about("ANN-1").empty());
    // The service is down at 09:00 and back at 09:03: it goes then, once.
    scheduler.reset();
    scheduler = std::make_unique<bot::Scheduler>(io, *writer, site.cfg.sites, [&] { return now; });
    bot::add_jobs(*scheduler, site.cfg);
    now = utc("2026-12-02T14:03:10Z");
    scheduler->run_due(now);
    const auto rows = about("ANN-1");
    ASSERT_EQ(rows.size(), 9u);
    EXPECT_EQ(rows[0].recipient, "C0NEWS");
    EXPECT_EQ(rows[0].next_attempt_at, ms(utc("2026-12-02T14:03:00Z")));
    EXPECT_EQ(rows[8].next_attempt_at, ms(utc("2026-12-02T14:03:07Z")));
    scheduler.reset();
    scheduler = std::make_unique<bot::Scheduler>(io, *writer, site.cfg.sites, [&] { return now; });
    bot::add_jobs(*scheduler, site.cfg);
    now = utc("2026-12-02T14:30:00Z");
    scheduler->run_due(now);
    EXPECT_EQ(about("ANN-1").size(), 9u);
    scheduler.reset();
    writer->stop();

    const auto db = site.db().connect();
    const auto trail = storage::audit::history(*db, core::IdKind::announcement, 1);
    ASSERT_EQ(trail.size(), 2u);
    EXPECT_EQ(trail[1].action, "sent");
    EXPECT_EQ(trail[1].from, "scheduled");
}

TEST_F(Announce, TheListShowsHowFarEachHasGotAndCancelTakesBackAScheduledOne) {
    site.slash("ULEAD", "/sitelead announce --dm --send Fire drill at 3pm.");
    site.slash("ULEAD", "/sitelead announce --at \"2026-12-08 09:00\" Parking closed.");
    {
        // Three of its nine messages have gone; one failed for good.
        auto writer = site.db().writer();
        writer->run([&](SQLite::Database& db) {
            const auto rows = about("ANN-1");
            for (int i = 0; i < 3; ++i)
                storage::outbox::mark_sent(db, rows[i].id, rows[i].recipient, "1.0", ms(site.now));
            storage::outbox::mark_dead(db, rows[3].id, 1, "account_inactive");
        });
        writer->stop();
    }
    EXPECT_EQ(site.slash("ULEAD", "/sitelead announcements").text,
              "*Announcements* (scheduled, then the latest)\n"
              "• `ANN-2` *Tue Dec 8 09:00* · to <#C0NEWS> · by <@ULEAD> · \"Parking closed.\"\n"
              "• `ANN-1` went out today 12:00 · 9 messages: 3 of 9 delivered, 1 failed, 5 to go · "
              "by <@ULEAD> · \"Fire drill at 3pm.\"\n");
    // Someone who leads no site may neither list nor cancel.
    EXPECT_CONTAINS(site.slash("UANNA", "/sitelead announcements").text,
                    "Announcements are made by site leads and admins");
    EXPECT_CONTAINS(site.slash("ULOLA", "/sitelead announcements cancel ANN-2").text,
                    "Announcements to Test Office are made by its site leads and by admins");
    // The site lead's Home tab lists it with a Cancel button, which does
    // what the command does.
    const auto home = site.home("ULEAD").dump();
    EXPECT_CONTAINS(home, "*Announcements scheduled* (1; `/sitelead announcements`)");
    EXPECT_CONTAINS(home, R"("value":"sitelead announcements cancel ANN-2")");
    EXPECT_CONTAINS(
        site.press("ULEAD", "home.cancel.ANN-2", "sitelead announcements cancel ANN-2").text,
        "ANN-2 is cancelled: it won't go out Tue Dec 8 09:00.");
    EXPECT_FALSE(testing_support::contains(site.home("ULEAD").dump(), "Announcements scheduled"));
    EXPECT_CONTAINS(site.slash("ULEAD", "/sitelead announcements cancel ANN-2").text,
                    "ANN-2 is cancelled already: only a scheduled announcement can be cancelled.");
    EXPECT_CONTAINS(site.slash("ULEAD", "/sitelead announcements cancel ANN-1").text,
                    "ANN-1 has gone out already");
    EXPECT_CONTAINS(site.slash("ULEAD", "/sitelead announcements cancel ANN-9").text,
                    "There is no announcement ANN-9.");
    EXPECT_CONTAINS(site.slash("ULEAD", "/sitelead announcements").text,
                    "• `ANN-2` cancelled (was for Tue Dec 8 09:00)");
    // Cancelled, it does not go at its time.
    auto writer = site.db().writer();
    boost::asio::io_context io;
    auto now = site.now;
    bot::Scheduler scheduler(io, *writer, site.cfg.sites, [&] { return now; });
    bot::add_jobs(scheduler, site.cfg);
    scheduler.run_due(utc("2026-12-08T14:01:00Z"));
    EXPECT_TRUE(about("ANN-2").empty());
    writer->stop();
}

TEST_F(Announce, ALeadAnnouncesToTheirOwnSitesAndAnAdminToAnyOne) {
    // London has no channel: only by DM, to its three people.
    EXPECT_CONTAINS(site.slash("ULOLA", "/sitelead announce Tea in the studio").text,
                    "London studio has no announcements channel, so this would reach nobody. "
                    "Add `--dm`");
    EXPECT_CONTAINS(site.slash("ULOLA", "/sitelead announce --dm --send Tea in the studio").text,
                    "ANN-1 is on its way to everyone at London studio by DM (3 people).");
    EXPECT_EQ(about("ANN-1").size(), 3u);
    EXPECT_CONTAINS(site.slash("ULOLA", "/sitelead announce --site nyc Hello New York").text,
                    "Announcements to Test Office are made by its site leads and by admins");
    EXPECT_CONTAINS(
        site.slash("UADMIN",
                   "/sitelead announce --site london --dm --send --at \"2026-12-02 09:00\" Hi")
            .text,
        "ANN-2 is scheduled for tomorrow 09:00 (London studio time), to everyone at London "
        "studio by DM (3 people).");
}

TEST_F(Announce, EveryWrongWayOfAskingIsRefusedAndChangesNothing) {
    const auto before = state_rows();
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"UANNA", "/sitelead announce Free cake"},
        {"UMGR1", "/sitelead announce Free cake"},
        {"UNOBODY", "/sitelead announce Free cake"},
        {"ULEAD", "/sitelead announce"},
        {"ULEAD", "/sitelead announce --dm"},
        {"ULEAD", "/sitelead announce --loud Free cake"},
        {"ULEAD", "/sitelead announce Free cake --dm"},
        {"ULEAD", "/sitelead announce --at tomorrow Free cake"},
        {"ULEAD", "/sitelead announce --at tomorrow hello"},
        {"ULEAD", "/sitelead announce --at \"2026-12-01 09:00\" Free cake"},
        {"ULEAD", "/sitelead announce --at \"2026-12-02 9 am\" Free cake"},
        {"ULEAD", "/sitelead announce --at \"2026-12-02 09:00 Free cake"},
        {"ULEAD", "/sitelead announce --at \"2028-12-02 09:00\" Free cake"},
        {"ULEAD", "/sitelead announce --at \"4054-01-04 09:00\" Free cake"},  // fuzz_commands
        {"ULEAD", "/sitelead announce --at \"2027-03-14 02:30\" Free cake"},
        {"ULEAD", "/sitelead announce --site paris Free cake"},
        {"ULEAD", "/sitelead announce " + std::string(3001, 'x')},
        {"ULEAD", "/sitelead announce " +
                      [] {  // 3,001 characters, 6,002 bytes
                          std::string text;
                          for (int i = 0; i < 3001; ++i) text += "\u00e9";
                          return text;
                      }()},
        {"ULEAD", "/sitelead announcements everything"},
        {"ULEAD", "/sitelead announcements cancel"},
        {"ULEAD", "/sitelead announcements cancel PTO-1"},
        {"ULEAD", "/sitelead shout Free cake"},
    };
    const std::vector<std::string> says = {
        "Announcements to Test Office are made by its site leads and by admins",
        "Announcements to Test Office are made by its site leads and by admins",
        "You're not in the company directory",
        "What should I announce?\nUsage: `/sitelead announce [--dm [--send]]",
        "What should I announce?",
        "I don't know the option `--loud`.",
        "Put `--dm` before the text, or it is announced as part of it.",
        "I can't read \"tomorrow Free\" as a date and time. Write it as \"YYYY-MM-DD HH:MM\" "
        "(24-hour, Test Office time), e.g. `--at \"2026-12-02 09:00\"`.",
        "I can't read \"tomorrow hello\" as a date and time.",
        "2026-12-01 09:00 Test Office has passed.",
        "I can't read \"2026-12-02 9 am\" as a date and time.",
        "The time after `--at` has no closing quote.",
        "An announcement can be scheduled up to a year ahead.",
        "An announcement can be scheduled up to a year ahead.",
        "2027-03-14 02:30 does not exist in Test Office (America/New_York): the clocks go "
        "forward then.",
        "There is no site \"paris\". The sites are `nyc`, `london`.",
        "An announcement is at most 3000 characters; this one has 3001.",
        "An announcement is at most 3000 characters; this one has 3001.",
        "Usage: `/sitelead announcements` (the scheduled ones and the latest) or `/sitelead "
        "announcements cancel ANN-n`",
        "Usage: `/sitelead announcements cancel ANN-n`",
        "Usage: `/sitelead announcements cancel ANN-n`",
        "I don't know `/sitelead shout Free cake`.",
    };
    ASSERT_EQ(cases.size(), says.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        SCOPED_TRACE(cases[i].second);
        EXPECT_CONTAINS(site.slash(cases[i].first, cases[i].second).text, says[i]);
    }
    EXPECT_EQ(state_rows(), before);
}

// A DM to everyone cannot be taken back: without --send it is shown first,
// changes nothing, and its button sends it, as the site lead would have.
TEST_F(Announce, ADmToEveryoneIsPreviewedAndSentByItsButton) {
    const auto before = state_rows();
    const Exchange preview =
        site.slash("ULEAD", "/sitelead announce --dm Fire drill at 3pm, meet by the lifts.");
    EXPECT_CONTAINS(preview.text,
                    "This goes to <#C0NEWS> and everyone at Test Office by DM (8 people), and a "
                    "DM cannot be taken back. Send it with the button below");
    EXPECT_CONTAINS(preview.text, "Fire drill at 3pm, meet by the lifts.");
    EXPECT_EQ(state_rows(), before);
    EXPECT_TRUE(preview.messages.empty());
    const auto button = nlohmann::json::parse(preview.body)["blocks"].back()["elements"][0];
    EXPECT_EQ(button["text"]["text"], "Send to 8 people");
    const std::string command = button["value"];
    EXPECT_EQ(command, "sitelead announce --send --dm Fire drill at 3pm, meet by the lifts.");

    const Exchange sent = site.press("ULEAD", "ann.send", command);
    bool told = false;  // the answer to a button comes by DM, beside the announcement's own
    for (const auto& m : sent.to("ULEAD"))
        told |= testing_support::contains(
            m.body()["text"].get<std::string>(),
            "ANN-1 is on its way to <#C0NEWS> and everyone at Test Office");
    EXPECT_TRUE(told);
    EXPECT_EQ(site.count("announcements", "id = 1 AND dm = 1 AND state = 'sent'"), 1);
    EXPECT_EQ(site.count("outbox", "subject = 'ANN-1'"), 9);  // the channel and 8 DMs
    // Someone who may not announce cannot press it either.
    EXPECT_CONTAINS(site.press("UANNA", "ann.send", command, "222.333").text, "site lead");
    EXPECT_EQ(site.count("announcements"), 1);
    // Scheduled, the preview says when; too long for a button, it says to type --send.
    EXPECT_CONTAINS(
        site.slash("ULEAD", "/sitelead announce --dm --at \"2026-12-04 16:00\" Pizza.").text,
        "by DM (8 people) on Fri Dec 4 16:00");
    const Exchange long_one =
        site.slash("ULEAD", "/sitelead announce --dm " + std::string(2100, 'x'));
    EXPECT_CONTAINS(long_one.text, "Type the command again with `--send` to send it.");
    EXPECT_FALSE(testing_support::contains(long_one.body, "ann.send"));
    EXPECT_EQ(site.count("announcements"), 1);
}

TEST_F(Announce, HelpListsItForSiteLeadsOnly) {
    EXPECT_CONTAINS(site.slash("ULEAD", "/sitelead help").text,
                    "/sitelead announce [--dm [--send]]");
    EXPECT_CONTAINS(site.slash("ULEAD", "/sitelead help").text,
                    "/sitelead announcements [cancel ANN-n]");
    EXPECT_FALSE(testing_support::contains(site.slash("UANNA", "/sitelead help").text, "announce"));
}

}  // namespace
