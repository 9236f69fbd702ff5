// Office tickets through the real service: signed requests in, replies,
// rows and outbox rows out. The test site is in New York, working 09:00 to
// 18:00 Monday to Friday; its BizOps channel is C0BIZOPS. Today is Tuesday
// 2026-12-01, noon.

#include <gtest/gtest.h>

#include "handlers/office.hpp"
#include "storage/outbox.hpp"
#include "tests/support/common.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/site.hpp"

namespace {

using testing_support::contains;
using testing_support::Exchange;
using testing_support::Harness;
using testing_support::noon_at;
using namespace std::chrono_literals;

constexpr const char* kChannel = "C0BIZOPS";

struct Office : ::testing::Test {
    Harness site{noon_at(2026, 12, 1)};

    // A refusal: a reply that says `why`, and nothing stored or sent.
    void expect_refused(const std::string& user, const std::string& line, const std::string& why) {
        const auto tickets = site.count("tickets");
        const auto changed = site.count("tickets", "status != 'open' OR assignee != ''");
        const auto trail = site.count("audit_trail");
        const auto outbox = site.count("outbox");
        const auto followers = site.count("ticket_followers");
        Exchange ex = site.slash(user, line);
        EXPECT_EQ(ex.status, 200u);
        EXPECT_CONTAINS(ex.text, why);
        EXPECT_EQ(site.count("tickets"), tickets) << line;
        EXPECT_EQ(site.count("tickets", "status != 'open' OR assignee != ''"), changed) << line;
        EXPECT_EQ(site.count("audit_trail"), trail) << line;
        EXPECT_EQ(site.count("outbox"), outbox) << line;
        EXPECT_EQ(site.count("ticket_followers"), followers) << line;
    }

    // Runs the escalation job at `at`, as the scheduler does: on the
    // writer, its messages in the same unit. Returns them.
    std::vector<core::Message> escalate_at(std::chrono::system_clock::time_point at) {
        std::vector<core::Message> out;
        site.writer().run([&](SQLite::Database& db) {
            out = handlers::office::escalate(site.cfg, site.cfg.sites.front(), db, at);
            storage::outbox::enqueue(db, "job", out, 0);
        });
        return out;
    }
};

TEST_F(Office, AReportIsTriagedPostedToBizOpsAndAnsweredWithItsDeadline) {
    Exchange ex = site.slash("UANNA", "/office the kitchen sink is leaking");
    EXPECT_CONTAINS(ex.text, "Filed OFC-1: the kitchen sink is leaking");
    EXPECT_CONTAINS(ex.text, "Facilities · 🔴 urgent · BizOps is due to respond by today 12:30");
    EXPECT_EQ(site.count("tickets",
                         "id = 1 AND requester = 'UANNA' AND category = 'facilities' AND "
                         "priority = 'urgent' AND status = 'open' AND site = 'office'"),
              1);
    EXPECT_EQ(site.count("audit_trail", "kind = 'OFC' AND item_id = 1 AND action = 'created'"), 1);
    const auto posts = ex.to(kChannel);
    ASSERT_EQ(posts.size(), 1u);
    EXPECT_EQ(posts[0].subject, "OFC-1");
    const auto blocks = posts[0].body()["blocks"];
    EXPECT_CONTAINS(blocks[0]["text"]["text"].get<std::string>(), "*OFC-1* · 🔴 urgent");
    EXPECT_EQ(blocks.back()["elements"][0]["value"], "office ack OFC-1");
    EXPECT_EQ(blocks.back()["elements"][1]["value"], "office resolve OFC-1");
}

TEST_F(Office, WorkingHourDeadlinesAreLocalTimes) {
    // High at noon Tuesday: 4 working hours, 16:00. Normal: 1 working day, tomorrow 12:00.
    EXPECT_CONTAINS(site.slash("UANNA", "/office the badge reader is broken !high").text,
                    "due to respond by today 16:00");
    EXPECT_CONTAINS(site.slash("UBEN", "/office the coffee machine is out of beans").text,
                    "due to respond by tomorrow 12:00");
}

// `/office ack OFC-5 [note]`: the note reaches the post, the requester and
// the ticket's history.
TEST_F(Office, AnAcknowledgementCarriesItsNote) {
    site.slash("UANNA", "/office printer on 3F jammed");
    Exchange ex = site.slash("UBIZ", "/office ack OFC-1 on my way with a new drum");
    EXPECT_CONTAINS(ex.text, "OFC-1 is yours");
    ASSERT_EQ(ex.to("UANNA").size(), 1u);
    EXPECT_CONTAINS(ex.to("UANNA")[0].body()["text"].get<std::string>(),
                    "is on OFC-1 (\"printer on 3F jammed\"): on my way with a new drum.");
    // In the thread of the ticket's post in the BizOps channel (the reply
    // gets its thread_ts from the post when delivered).
    bool in_thread = false;
    for (const auto& m : ex.to("C0BIZOPS"))
        in_thread |= m.target_id.has_value() &&
                     m.body()["text"] == "👀 <@UBIZ> is on it: on my way with a new drum.";
    EXPECT_TRUE(in_thread);
    EXPECT_EQ(site.count("audit_trail",
                         "kind = 'OFC' AND action = 'acknowledged' AND note = "
                         "'on my way with a new drum'"),
              1);
    EXPECT_CONTAINS(site.slash("UANNA", "/office show OFC-1").text, "on my way with a new drum");
    // "On it" is what the messages say already: not said twice.
    site.slash("UBEN", "/office the kitchen tap drips");
    const Exchange on_it = site.slash("UBIZ", "/office ack OFC-2 I'm on it!");
    ASSERT_EQ(on_it.to("UBEN").size(), 1u);
    EXPECT_EQ(on_it.to("UBEN")[0].body()["text"],
              "<@UBIZ> of BizOps is on OFC-2 (\"the kitchen tap drips\").");
}

TEST_F(Office, BadReportsAreRefusedWithHowToWriteThem) {
    expect_refused("UANNA", "/office #plumbing sink", "`#plumbing` is not a category");
    expect_refused("UANNA", "/office sink leaking !asap", "!asap");
    expect_refused("UANNA", "/office #it !high", "Say what is wrong, besides");
    expect_refused("UANNA", "/office " + std::string(1200, 'x'), "keep it under 1000");
    expect_refused("UANNA", "/office photo:notalink printer broken", "is not a link to a photo");
}

// A first word before a ticket's id is a command mistyped, not a report of
// "confirm OFC-1": refused with the commands (or the one it nearly is), and
// nothing filed. An id alone shows the ticket.
TEST_F(Office, AWordBeforeATicketIsACommandNotAReport) {
    site.slash("UANNA", "/office the kitchen sink is leaking");
    expect_refused("UANNA", "/office confirm OFC-1",
                   "`confirm` is no /office command. With OFC-1: `/office show OFC-1`, `/office "
                   "follow OFC-1`, `/office comment OFC-1 <text>`");
    expect_refused("UANNA", "/office confirm OFC-1",
                   "To report a new problem: `/office new <what is wrong>`.");
    expect_refused("UANNA", "/office fix OFC-1", "did you mean `/office fixed OFC-1`?");
    expect_refused("UBIZ", "/office resolv OFC-1 done",
                   "did you mean `/office resolve OFC-1 done`?");
    EXPECT_EQ(site.count("tickets"), 1);
    EXPECT_CONTAINS(site.slash("UANNA", "/office OFC-1").text, "*OFC-1* · 🔴 urgent · Facilities");
    // A report that merely names a ticket later on is a report.
    site.slash("UANNA", "/office printer jammed, on the floor of OFC-1");
    EXPECT_EQ(site.count("tickets"), 2);
}

// Words after a ticket's id are shown the ticket with the command that adds
// them, as it stands; nothing is added on a guess.
TEST_F(Office, WordsAfterATicketSayHowToAddThem) {
    site.slash("UANNA", "/office the kitchen sink is leaking");
    const auto open = site.slash("UANNA", "/office OFC-1 is still leaking");
    EXPECT_CONTAINS(open.text, "*OFC-1* ·");
    EXPECT_CONTAINS(open.text,
                    "Nothing was added to OFC-1. To add what you wrote: `/office comment OFC-1 is "
                    "still leaking`");
    // BizOps saying what they did: the command that does it. The requester
    // saying "done" is not offered a command they may not run.
    EXPECT_CONTAINS(site.slash("UBIZ", "/office OFC-1 ack").text,
                    "To acknowledge it with what you wrote: `/office ack OFC-1`");
    EXPECT_CONTAINS(site.slash("UBIZ", "/office OFC-1 Fixed, new seal").text,
                    "To resolve it with what you wrote: `/office resolve OFC-1 new seal`");
    EXPECT_CONTAINS(site.slash("UBIZ", "/office OFC-1 fixed it, was a paper jam").text,
                    "`/office resolve OFC-1 was a paper jam`");
    EXPECT_CONTAINS(site.slash("UANNA", "/office OFC-1 done").text,
                    "To add what you wrote: `/office comment OFC-1 done`");
    EXPECT_EQ(site.count("tickets", "status = 'open'"), 1);
    site.slash("UBIZ", "/office resolve OFC-1 new seal");
    EXPECT_CONTAINS(site.slash("UANNA", "/office OFC-1 still leaking").text,
                    "If it is still broken: `/office broken OFC-1 still leaking`; to add a note: "
                    "`/office comment OFC-1 still leaking`");
    EXPECT_CONTAINS(site.slash("UBIZ", "/office show OFC-1 leaking again").text,
                    "To reopen it with what you wrote: `/office reopen OFC-1 leaking again`");
    EXPECT_EQ(site.count("audit_trail", "kind = 'OFC' AND action = 'commented'"), 0);
    EXPECT_EQ(site.count("tickets", "status = 'resolved'"), 1);
}

// BizOps acknowledging or resolving without an id: the tickets it applies
// to, each with its command; the queue's example is a ticket it lists.
TEST_F(Office, ABizOpsCommandWithoutAnIdListsTheTicketsItAppliesTo) {
    site.slash("UANNA", "/office the kitchen sink is leaking");
    site.slash("UBEN", "/office printer on 3F jammed");
    site.slash("UBIZ", "/office ack OFC-1");
    EXPECT_CONTAINS(site.slash("UBIZ", "/office queue").text,
                    "Take one with `/office ack OFC-2`, or give it: `/office assign OFC-2 "
                    "@someone`.");
    const auto ack = site.slash("UBIZ", "/office ack").text;
    EXPECT_CONTAINS(ack, "Which ticket?\n• OFC-2 ");
    EXPECT_CONTAINS(ack, ": `/office ack OFC-2`");
    EXPECT_FALSE(contains(ack, "OFC-1")) << ack;
    const auto resolve = site.slash("UBIZ", "/office resolve").text;
    EXPECT_CONTAINS(resolve, ": `/office resolve OFC-1`");
    EXPECT_CONTAINS(resolve, ": `/office resolve OFC-2`");
    site.slash("UBIZ", "/office ack OFC-2");
    expect_refused("UBIZ", "/office ack",
                   "Which ticket? None at Test Office is waiting to be acknowledged.");
    EXPECT_EQ(site.count("tickets", "status = 'acknowledged'"), 2);
    expect_refused("UBEN", "/office ack", "Which ticket? Ids look like `OFC-5`.");
}

TEST_F(Office, EmployeesCannotWorkTicketsAndOnlyThoseInvolvedCommentOrReopen) {
    site.slash("UANNA", "/office printer on 3F jammed");
    expect_refused("UBEN", "/office ack OFC-1", "Only BizOps, admins and");
    expect_refused("UANNA", "/office ack OFC-1", "Only BizOps, admins and");
    expect_refused("UBEN", "/office assign OFC-1 <@UBIZ>", "Only BizOps, admins and");
    expect_refused("UBEN", "/office resolve OFC-1", "Only BizOps, admins and");
    expect_refused("UBIZ", "/office assign OFC-1 <@UBEN>", "<@UBEN> is not in BizOps");
    expect_refused("UBEN", "/office comment OFC-1 me too", "Follow it first");
    expect_refused("UANNA", "/office comment OFC-1", "Say what to add");
    expect_refused("UBEN", "/office queue", "is for BizOps and its site leads");

    EXPECT_CONTAINS(site.slash("UBIZ", "/office resolve OFC-1 cleared the paper").text,
                    "Resolved OFC-1");
    site.slash("UBEN", "/office follow OFC-1");
    EXPECT_EQ(site.count("ticket_followers", "person = 'UBEN'"), 1);
    // A follower comments but does not reopen; the requester and BizOps do.
    EXPECT_CONTAINS(site.slash("UBEN", "/office comment OFC-1 jammed again for me").text,
                    "Added to OFC-1");
    expect_refused("UBEN", "/office reopen OFC-1", "Only whoever filed OFC-1 and BizOps");
    expect_refused("UBEN", "/office broken OFC-1", "Only whoever filed OFC-1 confirms it");
    EXPECT_CONTAINS(site.slash("UANNA", "/office reopen OFC-1 still jams").text, "Reopened OFC-1");
    expect_refused("UANNA", "/office reopen OFC-1", "is still open");
    // The site lead and admins work tickets too.
    EXPECT_CONTAINS(site.slash("ULEAD", "/office ack OFC-1").text, "OFC-1 is yours");
    expect_refused("UBIZ", "/office ack OFC-1", "was acknowledged by <@ULEAD> already");
    EXPECT_CONTAINS(site.slash("UADMIN", "/office assign OFC-1 <@UBIZ>").text,
                    "OFC-1 is with <@UBIZ> now");
}

TEST_F(Office, ARepeatIsOfferedToFollowAndFiledAnywayOnlyWhenAsked) {
    site.slash("UANNA", "/office printer on 3F jammed");
    Exchange offer = site.slash("UBEN", "/office the 3rd floor printer is jammed again");
    EXPECT_CONTAINS(offer.text, "This looks like OFC-1, already reported");
    EXPECT_CONTAINS(offer.text, "open, due");
    EXPECT_EQ(site.count("tickets"), 1);
    const auto buttons = nlohmann::json::parse(offer.body)["blocks"].back()["elements"];
    EXPECT_EQ(buttons[0]["value"], "office follow OFC-1");
    EXPECT_EQ(buttons[1]["value"], "office new the 3rd floor printer is jammed again");

    Exchange anyway = site.press("UBEN", "ofc.new", buttons[1]["value"]);
    EXPECT_CONTAINS(anyway.text, "Filed OFC-2");
    EXPECT_CONTAINS(anyway.text, "Linked to OFC-1, which it resembles");
    EXPECT_EQ(site.count("tickets", "id = 2 AND similar_to = 1"), 1);

    // Something else entirely is filed at once.
    EXPECT_CONTAINS(site.slash("UCARL", "/office kitchen tap leaking").text, "Filed OFC-3");
}

TEST_F(Office, FollowersGetTheUpdatesTheRequesterGets) {
    site.slash("UANNA", "/office printer on 3F jammed");
    EXPECT_CONTAINS(site.slash("UBEN", "/office follow OFC-1").text, "You're following OFC-1");
    EXPECT_CONTAINS(site.slash("UBEN", "/office follow OFC-1").text, "following OFC-1 already");
    EXPECT_CONTAINS(site.slash("UANNA", "/office follow OFC-1").text, "You filed OFC-1");
    Exchange ack = site.slash("UBIZ", "/office ack OFC-1");
    EXPECT_EQ(ack.to("UANNA").size(), 1u);
    EXPECT_EQ(ack.to("UBEN").size(), 1u);
    EXPECT_TRUE(ack.to("UBIZ").empty());  // not told of their own doing
    EXPECT_CONTAINS(site.slash("UBEN", "/office list").text, "OFC-1 · normal · IT · acknowledged");
}

TEST_F(Office, EscalatesOnceAtTheDeadlineAndToTheSiteLeadAtTwiceItAcrossARestart) {
    site.slash("UANNA", "/office water leaking from the ceiling");  // urgent: 30 minutes
    EXPECT_TRUE(escalate_at(noon_at(2026, 12, 1) + 29min).empty());

    const auto first = escalate_at(noon_at(2026, 12, 1) + 30min);
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].channel, kChannel);
    EXPECT_CONTAINS(first[0].text, "Not acknowledged yet: OFC-1");
    EXPECT_TRUE(escalate_at(noon_at(2026, 12, 1) + 45min).empty());  // once

    site.restart();
    EXPECT_TRUE(escalate_at(noon_at(2026, 12, 1) + 50min).empty());  // not repeated
    const auto second = escalate_at(noon_at(2026, 12, 1) + 60min);
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(second[0].channel, "ULEAD");
    EXPECT_CONTAINS(second[0].text, "twice its response time");
    site.restart();
    EXPECT_TRUE(escalate_at(noon_at(2026, 12, 1) + 2h).empty());
    EXPECT_EQ(site.count("tickets", "escalated = 2"), 1);
    EXPECT_EQ(site.count("audit_trail", "action = 'escalated'"), 2);
}

TEST_F(Office, NoEscalationOnceAcknowledgedAndBothLevelsAfterADowntime) {
    site.slash("UANNA", "/office water leaking from the ceiling");
    site.slash("UBEN", "/office smoke smell near the server room");
    site.slash("UBIZ", "/office ack OFC-1");
    // Down for two hours: OFC-2 gets both steps in one run, OFC-1 none.
    const auto late = escalate_at(noon_at(2026, 12, 1) + 2h);
    ASSERT_EQ(late.size(), 2u);
    EXPECT_CONTAINS(late[0].text, "OFC-2");
    EXPECT_EQ(late[1].channel, "ULEAD");
    EXPECT_EQ(site.count("tickets", "id = 1 AND escalated = 0"), 1);
}

TEST_F(Office, AReopenedTicketsClockStartsAgain) {
    site.slash("UANNA", "/office water leaking from the ceiling");
    escalate_at(noon_at(2026, 12, 1) + 2h);
    site.slash("UBIZ", "/office resolve OFC-1");
    site.now = noon_at(2026, 12, 1) + 3h;
    site.slash("UANNA", "/office broken OFC-1");
    EXPECT_EQ(site.count("tickets", "status = 'open' AND escalated = 0 AND priority = 'urgent'"),
              1);
    EXPECT_TRUE(escalate_at(noon_at(2026, 12, 1) + 3h + 29min).empty());
    EXPECT_EQ(escalate_at(noon_at(2026, 12, 1) + 3h + 30min).size(), 1u);
}

TEST_F(Office, ADmThatReadsLikeAReportIsOfferedAButtonAndOtherTextIsNot) {
    Exchange ex = site.dm("UANNA", "the wifi is down on the 2nd floor", "Ev-claim-1");
    EXPECT_CONTAINS(ex.text, "That sounds like an office issue (IT, high)");
    EXPECT_EQ(site.count("tickets"), 0);
    const auto& rows = ex.messages;
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].body()["blocks"].back()["elements"][0]["value"],
              "office the wifi is down on the 2nd floor");
    EXPECT_CONTAINS(site.dm("UANNA", "hello there", "Ev-claim-2").text, "Hi Anna");
    // Two words of a topic are a question, not a report (here no FAQ answers it).
    EXPECT_CONTAINS(site.dm("UANNA", "wifi password", "Ev-claim-3").text, "didn't understand");
    EXPECT_CONTAINS(site.dm("UANNA", "printer jammed", "Ev-claim-4").text, "didn't understand");
    EXPECT_CONTAINS(site.dm("UANNA", "printer broken", "Ev-claim-5").text,
                    "That sounds like an office issue (IT, high)");
    // News that it works again is not a report; that it stopped again is.
    for (const char* good : {"the printer is working again, thanks", "wifi works fine now",
                             "the kitchen leak has been fixed", "lights are back on in 3F",
                             "the fridge is no longer leaking"})
        EXPECT_FALSE(testing_support::contains(
            site.dm("UANNA", good, std::string("Ev-good-") + good).text, "office issue"))
            << good;
    EXPECT_CONTAINS(site.dm("UANNA", "the printer is not working again", "Ev-claim-7").text,
                    "That sounds like an office issue");
    // A low priority's words alone say nothing of what is wrong.
    EXPECT_CONTAINS(site.dm("UANNA", "whenever you like tell me a joke", "Ev-claim-6").text,
                    "didn't understand");
}

// A ticket named in a DM ("any news on OFC-1?") is shown as `/office show`
// shows it, to whoever may see it.
TEST_F(Office, ATicketNamedInADmIsShown) {
    site.slash("UANNA", "/office printer on 3F jammed");
    EXPECT_CONTAINS(site.dm("UANNA", "any news on OFC-1?", "Ev-ofc-named-1").text, "*Now:* open");
    EXPECT_CONTAINS(site.dm("UCARL", "what about ofc-1", "Ev-ofc-named-2").text,
                    "someone else's ticket");
    EXPECT_EQ(site.count("tickets"), 1);
}

TEST_F(Office, ShowTellsTheWholeHistoryToThoseInvolved) {
    site.slash("UANNA", "/office printer on 3F jammed");
    site.slash("UBIZ", "/office ack OFC-1");
    site.slash("UANNA", "/office comment OFC-1 it shows error E4");
    site.slash("UBIZ", "/office resolve OFC-1 new fuser");
    site.slash("UANNA", "/office fixed OFC-1");
    const std::string shown = site.slash("UANNA", "/office show OFC-1").text;
    for (const char* step : {"created by <@UANNA>", "acknowledged by <@UBIZ>",
                             "commented by <@UANNA>: it shows error E4",
                             "resolved by <@UBIZ>: new fuser", "closed by <@UANNA>: fixed"})
        EXPECT_CONTAINS(shown, step);
    EXPECT_CONTAINS(shown, "*Now:* closed");
    expect_refused("UCARL", "/office show OFC-1", "someone else's ticket");
    EXPECT_CONTAINS(site.slash("UBIZ", "/office queue").text, "No open tickets at");
}

}  // namespace
