// Expenses through the real service: signed requests in, replies, rows and
// outbox rows out. The test site is in New York (USD): receipts above $25,
// a second approval above $1,000, nothing above $10,000; meals are limited
// to $60 an item. Today is Tuesday 2026-12-01.

#include <gtest/gtest.h>

#include "handlers/expense.hpp"
#include "tests/support/common.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/site.hpp"

namespace {

using testing_support::contains;
using testing_support::Exchange;
using testing_support::Harness;
using testing_support::noon_at;

struct Expenses : ::testing::Test {
    Harness site{noon_at(2026, 12, 1)};

    // A refusal: a reply that says `why`, and nothing stored or sent.
    void expect_refused(const std::string& user, const std::string& line, const std::string& why) {
        const auto expenses = site.count("expenses");
        const auto trail = site.count("audit_trail");
        const auto outbox = site.count("outbox");
        const auto decided = site.count("expenses",
                                        "status != 'pending' AND status != "
                                        "'needs_receipt'");
        Exchange ex = site.slash(user, line);
        EXPECT_EQ(ex.status, 200u);
        EXPECT_CONTAINS(ex.text, why);
        EXPECT_EQ(site.count("expenses"), expenses) << line;
        EXPECT_EQ(site.count("audit_trail"), trail) << line;
        EXPECT_EQ(site.count("outbox"), outbox) << line;
        EXPECT_EQ(site.count("expenses", "status != 'pending' AND status != 'needs_receipt'"),
                  decided)
            << line;
    }
};

TEST_F(Expenses, ASmallExpenseGoesToTheManagerWithButtons) {
    Exchange ex = site.slash("UANNA", "/expense 18.40 meals sandwiches for the offsite");
    EXPECT_CONTAINS(ex.text, "Submitted EXP-1: $18.40 meals (sandwiches for the offsite)");
    EXPECT_CONTAINS(ex.text, "I've asked <@UMGR1>");
    EXPECT_EQ(site.count("expenses",
                         "id = 1 AND amount_minor = 1840 AND currency = 'USD' AND "
                         "status = 'pending' AND approver = 'UMGR1' AND site = "
                         "'office' AND spent_on = '2026-12-01'"),
              1);
    EXPECT_EQ(site.count("audit_trail", "kind = 'EXP' AND item_id = 1 AND action = 'created'"), 1);
    const auto asks = ex.to("UMGR1");
    ASSERT_EQ(asks.size(), 1u);
    EXPECT_EQ(asks[0].subject, "EXP-1");
    EXPECT_TRUE(asks[0].has_buttons);
    const auto blocks = asks[0].body()["blocks"];
    EXPECT_CONTAINS(blocks[0]["text"]["text"].get<std::string>(), "$18.40");
    EXPECT_EQ(blocks.back()["elements"][0]["value"], "approve EXP-1");
}

// As with time off, the submitter hears who stands in and why.
TEST_F(Expenses, WithoutAManagerTheSubmitterIsToldWhoDecidesAndWhy) {
    Exchange ex = site.slash("ULEAD", "/expense 10 meals lunch");
    EXPECT_CONTAINS(ex.text,
                    "I've asked <@UADMIN> to approve it. <@ULEAD> has no manager in the "
                    "directory, so <@UADMIN> (admin) decides.");
}

TEST_F(Expenses, AboveTheReceiptAmountItWaitsForTheReceipt) {
    Exchange saved = site.slash("UANNA", "/expense 1,250.00 equipment monitor");
    EXPECT_CONTAINS(saved.text, "Saved EXP-1: $1,250.00 equipment (monitor)");
    EXPECT_CONTAINS(saved.text, "`/expense receipt EXP-1 <link>`");
    EXPECT_TRUE(saved.to("UMGR1").empty());
    EXPECT_EQ(site.count("expenses", "status = 'needs_receipt'"), 1);
    expect_refused("UMGR1", "/approve EXP-1", "waiting for its receipt");

    Exchange attached =
        site.slash("UANNA", "/expense receipt EXP-1 https://files.example.com/monitor.pdf");
    EXPECT_CONTAINS(attached.text, "I've asked <@UMGR1> to approve it");
    ASSERT_EQ(attached.to("UMGR1").size(), 1u);
    EXPECT_CONTAINS(attached.to("UMGR1")[0].body()["blocks"][0]["text"]["text"].get<std::string>(),
                    "https://files.example.com/monitor.pdf");
    EXPECT_EQ(site.count("expenses", "status = 'pending' AND receipt_url != ''"), 1);
    expect_refused("UANNA", "/expense receipt EXP-1 https://files.example.com/again.pdf",
                   "already has a receipt");
}

TEST_F(Expenses, AReceiptLinkInTheCommandIsEnough) {
    Exchange ex = site.slash("UANNA", "/expense 80 travel taxi https://files.example.com/taxi.png");
    EXPECT_CONTAINS(ex.text, "Submitted EXP-1: $80.00 travel (taxi)");
    EXPECT_EQ(
        site.count("expenses",
                   "status = 'pending' AND receipt_url = 'https://files.example.com/taxi.png' "
                   "AND description = 'taxi'"),
        1);
}

TEST_F(Expenses, TheApproverSeesFlagsNotRefusals) {
    site.slash("UANNA", "/expense 20 meals lunch");
    Exchange ex = site.slash("UANNA",
                             "/expense 72 meals team lunch on nov 3 "
                             "https://files.example.com/lunch.pdf");
    EXPECT_CONTAINS(ex.text, "Over the meals limit of $60.00 by $12.00");
    Exchange again = site.slash("UANNA", "/expense 20 meals lunch");
    EXPECT_CONTAINS(again.text, "Possibly a duplicate of EXP-1");
    const std::string shown =
        again.to("UMGR1")[0].body()["blocks"][0]["text"]["text"].get<std::string>();
    EXPECT_CONTAINS(shown, "Possibly a duplicate of EXP-1");
    EXPECT_EQ(site.count("expenses", "id = 2 AND spent_on = '2026-11-03'"), 1);
    Exchange old = site.slash("UANNA", "/expense 15 supplies pens on aug 14");
    EXPECT_CONTAINS(old.text, "Spent 109 days ago");
    // A weekday is the last one that has been (today is Tuesday, Dec 1).
    site.slash("UANNA", "/expense 16 supplies tape on friday");
    site.slash("UANNA", "/expense 17 supplies glue on last monday");
    site.slash("UANNA", "/expense 18 supplies ink on tuesday");
    site.slash("UANNA", "/expense 19 supplies clips on last tuesday");
    site.slash("UANNA", "/expense 21 supplies paper for the last minute yesterday");
    site.slash("UANNA", "/expense 22 supplies toner last monday");
    site.slash("UANNA", "/expense 23 supplies pens for the last minute");
    for (const char* spent : {"amount_minor = 1600 AND spent_on = '2026-11-27'",
                              "amount_minor = 1700 AND spent_on = '2026-11-30'",
                              "amount_minor = 1800 AND spent_on = '2026-12-01'",
                              "amount_minor = 1900 AND spent_on = '2026-11-24'",
                              "amount_minor = 2100 AND spent_on = '2026-11-30' AND "
                              "description = 'paper for the last minute'",
                              "amount_minor = 2200 AND spent_on = '2026-11-30' AND "
                              "description = 'toner'",
                              "amount_minor = 2300 AND spent_on = '2026-12-01' AND "
                              "description = 'pens for the last minute'"})
        EXPECT_EQ(site.count("expenses", spent), 1) << spent;
}

TEST_F(Expenses, RefusesWhatCannotBeRightAndSaysHowToWriteIt) {
    expect_refused("UANNA", "/expense 0 meals lunch", "must be more than zero");
    expect_refused("UANNA", "/expense -5 meals lunch", "must be more than zero");
    expect_refused("UANNA", "/expense 12.345 meals lunch", "more decimals than USD has");
    expect_refused("UANNA", "/expense 30 XYZ meals lunch", "I don't know the currency `XYZ`");
    expect_refused("UANNA", "/expense 30 gym membership", "`gym` is not a category");
    expect_refused("UANNA", "/expense 30 meals lunch https://", "is not a web address");
    site.slash("UANNA", "/expense 30 meals lunch");
    expect_refused("UANNA", "/expense receipt EXP-1 receipt.pdf",
                   "`receipt.pdf` is not a web address I can link to");
    expect_refused("UANNA", "/expense 10,000.01 equipment car", "above the most one expense");
    expect_refused("UANNA", "/expense 30 meals", "Say what it was for");
    expect_refused("UANNA", "/expense 30 meals lunch on 2027-01-05", "is in the future");
    expect_refused("UANNA", "/expense 30 meals lunch on nov 31", "November has 30 days");
    expect_refused("UANNA", "/expense 30 meals lunch on 13/5", "there is no month 13");
    expect_refused("UNOBODY", "/expense 30 meals lunch", "not in the Test Office site directory");
}

// Expensify files "taxi" under travel: a word people write for a category
// names it, and stays in the description.
TEST_F(Expenses, ACategoryIsReadFromTheWordPeopleWriteForIt) {
    Exchange taxi = site.slash("UANNA", "/expense 45.50 taxi from the airport");
    EXPECT_CONTAINS(taxi.text, "Saved EXP-1: $45.50 travel (taxi from the airport)");
    EXPECT_EQ(site.count("expenses",
                         "id = 1 AND category = 'travel' AND description = 'taxi "
                         "from the airport'"),
              1);
    Exchange lunch = site.slash("UANNA", "/expense 12 Lunch, with the team");
    EXPECT_CONTAINS(lunch.text, "Submitted EXP-2: $12.00 meals (Lunch, with the team)");

    // A category word later on: the command that files it so.
    expect_refused("UANNA", "/expense 45.50 from the airport by taxi",
                   "`from` is not a category. Put the category first: `/expense 45.50 travel "
                   "from the airport by taxi`");
    // Two categories named, or none: the list.
    expect_refused("UANNA", "/expense 80 from the hotel by taxi",
                   "`from` is not a category. The categories are `meals`, `travel`");
    expect_refused("UANNA", "/expense 30 gym membership",
                   "`gym` is not a category. The categories are");
}

TEST_F(Expenses, OneApprovalByButtonTellsTheSubmitterAndReplacesTheButtons) {
    site.slash("UANNA", "/expense 18.40 meals sandwiches");
    site.slash("UANNA", "/expense 12 supplies tape");
    Exchange ex = site.press("UMGR1", "exp.approve", "approve EXP-1");
    EXPECT_CONTAINS(ex.text, "Approved EXP-1");
    EXPECT_CONTAINS(ex.text, "Still waiting for you: EXP-2.");
    EXPECT_EQ(site.count("expenses", "id = 1 AND status = 'approved' AND decided_by = 'UMGR1'"), 1);
    ASSERT_EQ(ex.to("UANNA").size(), 1u);
    EXPECT_CONTAINS(ex.to("UANNA")[0].body()["text"].get<std::string>(), "Approved: your EXP-1");
    bool replaced = false;
    for (const auto& m : ex.messages) replaced |= m.method == "chat.update" && m.subject == "EXP-1";
    EXPECT_TRUE(replaced);
    expect_refused("UMGR1", "/approve EXP-1", "EXP-1 was already approved by <@UMGR1>");
}

TEST_F(Expenses, AboveTheSecondApprovalAmountASiteLeadApprovesToo) {
    site.slash("UANNA", "/expense 1,500 equipment laptop https://files.example.com/laptop.pdf");
    Exchange first = site.slash("UMGR1", "/approve EXP-1 needed for the project");
    EXPECT_CONTAINS(first.text, "first of two approvals");
    EXPECT_EQ(site.count("expenses", "status = 'pending' AND stage = 2 AND approver = 'ULEAD'"), 1);
    ASSERT_EQ(first.to("ULEAD").size(), 1u);
    EXPECT_TRUE(first.to("ULEAD")[0].has_buttons);
    EXPECT_CONTAINS(first.to("UANNA")[0].body()["text"].get<std::string>(),
                    "<@ULEAD> gives the second approval");
    EXPECT_CONTAINS(site.slash("ULEAD", "/expense pending").text,
                    "• `EXP-1` <@UANNA> $1,500.00 · equipment · laptop · *second approval*");
    // The manager cannot give the second approval too.
    expect_refused("UMGR1", "/approve EXP-1", "needs its second approval from a site lead");
    Exchange second = site.press("ULEAD", "exp.approve", "approve EXP-1");
    EXPECT_CONTAINS(second.text, "Approved EXP-1");
    EXPECT_EQ(site.count("expenses", "status = 'approved' AND stage = 2"), 1);
    EXPECT_EQ(site.count("audit_trail", "kind = 'EXP' AND action = 'approved'"), 2);
}

// Without exchange rates an amount in another currency cannot be compared
// with the second-approval amount, so it gets the second approval whatever
// its size: otherwise JPY 900000 would pass on the manager's word alone.
TEST_F(Expenses, InAnotherCurrencyASiteLeadApprovesTooWhateverTheAmount) {
    site.slash("UANNA", "/expense EUR 40 meals team lunch https://files.example.com/lunch.pdf");
    Exchange first = site.slash("UMGR1", "/approve EXP-1");
    EXPECT_CONTAINS(first.text, "first of two approvals");
    EXPECT_EQ(site.count("expenses", "status = 'pending' AND stage = 2 AND approver = 'ULEAD'"), 1);
    ASSERT_EQ(first.to("ULEAD").size(), 1u);
    EXPECT_CONTAINS(first.to("ULEAD")[0].body().dump(), "it is in EUR, which I can't compare with");
    Exchange second = site.press("ULEAD", "exp.approve", "approve EXP-1");
    EXPECT_CONTAINS(second.text, "Approved EXP-1");
    EXPECT_EQ(site.count("expenses", "status = 'approved' AND stage = 2"), 1);
    // In the site's own currency the same amount needs the manager only.
    site.slash("UANNA", "/expense 40 meals team lunch https://files.example.com/lunch2.pdf");
    EXPECT_CONTAINS(site.slash("UMGR1", "/approve EXP-2").text, "Approved EXP-2 for");
    EXPECT_EQ(site.count("expenses", "id = 2 AND status = 'approved' AND stage = 1"), 1);
}

TEST_F(Expenses, ADenialNeedsAReasonAndTellsTheSubmitter) {
    site.slash("UANNA", "/expense 18.40 meals sandwiches");
    expect_refused("UMGR1", "/deny EXP-1", "A reason is required");
    Exchange ex = site.slash("UMGR1", "/deny EXP-1 personal lunch");
    EXPECT_CONTAINS(ex.text, "Denied EXP-1");
    EXPECT_CONTAINS(ex.to("UANNA")[0].body()["text"].get<std::string>(), "personal lunch");
    EXPECT_EQ(site.count("expenses", "status = 'denied' AND decision_note = 'personal lunch'"), 1);
}

TEST_F(Expenses, TheSubmitterCancelsWhatIsStillWaiting) {
    site.slash("UANNA", "/expense 18.40 meals sandwiches");
    expect_refused("UBEN", "/expense cancel EXP-1", "You have no expense EXP-1");
    Exchange ex = site.slash("UANNA", "/expense cancel EXP-1");
    EXPECT_CONTAINS(ex.text, "Cancelled EXP-1");
    // The manager's buttons give way to the outcome, and they are told.
    const auto told = ex.to("UMGR1");
    ASSERT_EQ(told.size(), 2u);
    EXPECT_EQ(told[0].method, "chat.update");
    EXPECT_CONTAINS(told[1].body()["text"].get<std::string>(), "FYI: <@UANNA> cancelled EXP-1");
    EXPECT_EQ(site.count("expenses", "status = 'cancelled'"), 1);
    expect_refused("UMGR1", "/approve EXP-1", "EXP-1 was already cancelled");
}

// "/expense receipt <link>" and "/expense cancel" without an id: the
// expenses the command applies to, each with the command to copy.
TEST_F(Expenses, ACommandWithoutAnIdListsTheExpensesItAppliesTo) {
    site.slash("UANNA", "/expense 18.40 meals sandwiches");  // pending, no receipt needed
    site.slash("UANNA", "/expense 40 travel taxi");          // waits for its receipt
    site.slash("UANNA", "/expense 12 supplies pens");
    site.slash("UMGR1", "/approve EXP-3");  // decided: neither
    expect_refused(
        "UANNA", "/expense receipt https://files.example.com/taxi.pdf",
        "Which expense?\n• `EXP-2` $40.00 · travel · taxi · *needs a receipt*: `/expense receipt "
        "EXP-2 https://files.example.com/taxi.pdf`\n• `EXP-1` $18.40 · meals · sandwiches");
    const auto cancel = site.slash("UANNA", "/expense cancel").text;
    EXPECT_CONTAINS(cancel, "`/expense cancel EXP-1`");
    EXPECT_CONTAINS(cancel, "`/expense cancel EXP-2`");
    EXPECT_FALSE(contains(cancel, "EXP-3")) << cancel;
    expect_refused("UBEN", "/expense receipt",
                   "Which expense? None of yours waits for a receipt.\nUsage: `/expense receipt "
                   "EXP-7 <link>`");
    expect_refused("UBEN", "/expense cancel", "None of yours is still waiting");
}

// Money spent said in a DM is offered as its expense, with a button that
// submits it; nothing is submitted before it is pressed.
TEST_F(Expenses, MoneySpentSaidInADmIsOfferedAsItsExpense) {
    Exchange ex = site.dm("UANNA", "I spent 18.40 on a taxi to the airport", "Ev-exp-claim-1");
    EXPECT_CONTAINS(ex.text,
                    "Shall I submit $18.40 travel (taxi to the airport) as an expense? You can "
                    "also write `/expense 18.40 travel taxi to the airport`.");
    ASSERT_EQ(ex.messages.size(), 1u);
    const auto button = ex.messages[0].body()["blocks"].back()["elements"][0];
    EXPECT_EQ(button["text"]["text"], "Submit it");
    EXPECT_EQ(site.count("expenses"), 0);
    EXPECT_CONTAINS(site.press("UANNA", button["action_id"], button["value"]).text,
                    "Submitted EXP-1: $18.40 travel (taxi to the airport)");
    EXPECT_EQ(site.count("expenses", "category = 'travel' AND amount_minor = 1840"), 1);

    EXPECT_CONTAINS(site.dm("UANNA", "bought a new keyboard, 79.99 EUR", "Ev-exp-claim-2").text,
                    "`/expense 79.99 EUR equipment new keyboard`");
    // The day it was spent is shown apart; the command reads it back.
    EXPECT_CONTAINS(site.dm("UANNA", "I paid 12 for parking on friday", "Ev-exp-claim-4").text,
                    "Shall I submit $12.00 travel (parking), spent Fri Nov 27, as an expense? "
                    "You can also write `/expense 12.00 travel parking on friday`.");
    // What was typed is shown as typed: no mention of the whole channel.
    EXPECT_CONTAINS(site.dm("UANNA", "spent 9 on lunch <!channel>", "Ev-exp-claim-3").text,
                    "(lunch &lt;!channel&gt;)");
    for (const char* other : {"can I expense a taxi to the airport?", "I bought 3 coffees for 9.60",
                              "spent 20 minutes looking for a taxi", "paid 12 for it"}) {
        SCOPED_TRACE(other);
        EXPECT_FALSE(testing_support::contains(
            site.dm("UANNA", other, std::string("Ev-exp-other-") + other).text, "Shall I submit"));
    }
    EXPECT_EQ(site.count("expenses"), 1);
}

// A word before an expense's id is a command mistyped, not an amount.
TEST_F(Expenses, AWordBeforeAnExpenseIsACommandNotAnAmount) {
    site.slash("UANNA", "/expense 18.40 meals sandwiches");
    expect_refused("UANNA", "/expense shwo EXP-1", "did you mean `/expense show EXP-1`?");
    expect_refused("UANNA", "/expense reciept EXP-1 https://files.example.com/r.pdf",
                   "did you mean `/expense receipt EXP-1 https://files.example.com/r.pdf`?");
    expect_refused("UANNA", "/expense withdraw EXP-1",
                   "`withdraw` is no /expense command. With EXP-1: `/expense show EXP-1`, "
                   "`/expense receipt EXP-1 <link>`, `/expense cancel EXP-1`, `/expense reimburse "
                   "EXP-1`. `/expense list` shows your expenses.");
    EXPECT_EQ(site.count("expenses"), 1);
}

TEST_F(Expenses, BizOpsReimbursesAnApprovedExpense) {
    site.slash("UANNA", "/expense 18.40 meals sandwiches");
    expect_refused("UBIZ", "/expense reimburse EXP-1",
                   "EXP-1 is waiting for <@UMGR1>: only an approved expense is reimbursed.");
    site.slash("UANNA", "/expense 40 meals team lunch");  // above the receipt threshold
    expect_refused("UBIZ", "/expense reimburse EXP-2",
                   "EXP-2 still needs a receipt: only an approved expense is reimbursed.");
    site.slash("UMGR1", "/approve EXP-1");
    expect_refused("UANNA", "/expense reimburse EXP-1", "Only BizOps at Test Office or an admin");
    Exchange ex = site.slash("UBIZ", "/expense reimburse EXP-1 ACH-2231");
    EXPECT_CONTAINS(ex.text, "Reimbursed EXP-1 ($18.40 to <@UANNA>)");
    EXPECT_CONTAINS(ex.to("UANNA")[0].body()["text"].get<std::string>(),
                    "was reimbursed (ACH-2231)");
    EXPECT_EQ(site.count("expenses", "status = 'reimbursed' AND reference = 'ACH-2231'"), 1);
    expect_refused("UBIZ", "/expense reimburse EXP-1", "already reimbursed (ACH-2231)");
}

TEST_F(Expenses, OnlyTheRightPeopleDecide) {
    site.slash("UANNA", "/expense 18.40 meals sandwiches");
    expect_refused("UANNA", "/approve EXP-1", "You can't decide your own request EXP-1");
    expect_refused("UMGR2", "/approve EXP-1", "Only <@UANNA>'s manager (<@UMGR1>) or a site lead");
    expect_refused("UCARL", "/approve EXP-1", "Only <@UANNA>'s manager");
    // A site lead's own expense goes to another decider, never to themselves.
    Exchange lead = site.slash("ULEAD", "/expense 18.40 meals sandwiches");
    EXPECT_FALSE(contains(lead.text, "I've asked <@ULEAD>"));
    EXPECT_EQ(site.count("expenses", "submitter = 'ULEAD' AND approver = 'ULEAD'"), 0);
}

TEST_F(Expenses, ListsPendingAndHistory) {
    site.slash("UANNA", "/expense 18.40 meals sandwiches");
    site.slash("UANNA", "/expense 22 EUR travel train ticket https://files.example.com/t.pdf");
    site.slash("UMGR1", "/deny EXP-1 personal");
    Exchange list = site.slash("UANNA", "/expense list");
    EXPECT_CONTAINS(list.text, "`EXP-2` €22.00 · travel · train ticket · *waiting for <@UMGR1>*");
    EXPECT_CONTAINS(list.text, "*Total* (not counting denied or cancelled): €22.00");
    const std::string pending = site.slash("UMGR1", "/expense pending").text;
    EXPECT_CONTAINS(pending, "1 expense waiting");
    EXPECT_CONTAINS(pending, "Decide with `/approve EXP-2 [note]` or `/deny EXP-2 <reason>`.");
    // The approver's view: who and what, not "waiting for" themselves.
    EXPECT_CONTAINS(pending, "• `EXP-2` <@UANNA> €22.00 · travel · train ticket\n");
    Exchange show = site.slash("UANNA", "/expense show EXP-1");
    EXPECT_CONTAINS(show.text, "• today 12:00 created by <@UANNA>");
    EXPECT_CONTAINS(show.text, "denied by <@UMGR1>: personal");
    expect_refused("UCARL", "/expense show EXP-1", "There is no expense EXP-1 you can see");
}

// An expense named in a DM ("has EXP-1 been paid yet?") is shown as
// `/expense show` shows it, to whoever may see it; not in a channel.
TEST_F(Expenses, AnExpenseNamedInADmIsShown) {
    site.slash("UANNA", "/expense 18.40 meals sandwiches");
    EXPECT_CONTAINS(site.dm("UANNA", "has EXP-1 been paid yet?", "Ev-exp-named-1").text,
                    "• today 12:00 created by <@UANNA>");
    EXPECT_CONTAINS(site.dm("UCARL", "what about exp-1?", "Ev-exp-named-2").text,
                    "There is no expense EXP-1 you can see");
}

TEST_F(Expenses, SiteLeadsAndBizOpsSeeAMonthsTotals) {
    site.slash("UANNA", "/expense 18.40 meals sandwiches");
    site.slash("UBEN", "/expense 20 meals pizza");
    site.slash("UANNA", "/expense 22 EUR travel train https://files.example.com/t.pdf");
    site.slash("UMGR1", "/deny EXP-2 personal");
    Exchange ex = site.slash("UBIZ", "/expense export 2026-12");
    EXPECT_CONTAINS(ex.text, "Expenses spent in 2026-12: 2 (1 denied or cancelled not counted)");
    EXPECT_CONTAINS(ex.text, "• meals: $18.40");
    EXPECT_CONTAINS(ex.text, "• travel: €22.00");
    EXPECT_CONTAINS(ex.text, "on its way to your DM: expenses-2026-12.csv");
    // The CSV goes to who asked, as a file in their DM, with every expense
    // of the month (the denied one too).
    const auto files = ex.to("UBIZ");
    ASSERT_EQ(files.size(), 1u);
    EXPECT_EQ(files[0].method, storage::outbox::kFileMethod);
    const auto file = files[0].body();
    EXPECT_EQ(file["channels"], "UBIZ");
    EXPECT_EQ(file["filename"], "expenses-2026-12.csv");
    EXPECT_EQ(file["content"],
              handlers::expense::export_csv(site.cfg, *site.db().connect(), "2026-12"));
    EXPECT_CONTAINS(file["content"].get<std::string>(), "EXP-2,");
    EXPECT_CONTAINS(file["initial_comment"].get<std::string>(),
                    "Expenses spent in 2026-12: 3 (2 counted in the totals).");
    expect_refused("UANNA", "/expense export 2026-12", "Only site leads and BizOps");
    expect_refused("ULEAD", "/expense export december",
                   "\"december\" is not a month: write it as YYYY-MM, such as `/expense export "
                   "2026-11` (the last month when none is given).");
    // None named: the last month, as finance closes it.
    EXPECT_CONTAINS(site.slash("UBIZ", "/expense export").text,
                    "No expenses were spent in 2026-11.");
}

// A receipt can be a file shared in the DM with the bot: in the message
// that submits the expense, or as the next file within 10 minutes.
TEST_F(Expenses, AFileSharedInTheDmIsTheReceipt) {
    Exchange same = site.share("UANNA", "expense 80 travel taxi", "F0TAXI", "taxi.png", "Ev0F1");
    EXPECT_CONTAINS(same.text, "Submitted EXP-1");
    EXPECT_EQ(site.count("expenses",
                         "id = 1 AND status = 'pending' AND receipt_file = 'F0TAXI' "
                         "AND receipt_name = 'taxi.png' AND receipt_url LIKE "
                         "'https://test.slack.com/files/%'"),
              1);

    site.slash("UANNA", "/expense 1,250 equipment monitor");
    site.now += std::chrono::minutes(5);
    Exchange later = site.share("UANNA", "", "F0MON", "monitor-invoice.pdf", "Ev0F2");
    EXPECT_CONTAINS(later.text, "Attached monitor-invoice.pdf as the receipt of EXP-2");
    EXPECT_CONTAINS(later.text, "I've asked <@UMGR1> to approve it");
    EXPECT_EQ(later.to("UMGR1").size(), 1u);
    EXPECT_EQ(site.count("expenses", "id = 2 AND status = 'pending' AND receipt_file = 'F0MON'"),
              1);
    // Slack sends the event again: one receipt, one ask.
    Exchange retried = site.share("UANNA", "", "F0MON", "monitor-invoice.pdf", "Ev0F2");
    EXPECT_TRUE(retried.messages.empty());

    site.slash("UANNA", "/expense 1,100 equipment chair");
    site.now += std::chrono::minutes(11);
    Exchange too_late = site.share("UANNA", "", "F0LATE", "chair.pdf", "Ev0F3");
    EXPECT_CONTAINS(too_late.text, "you have none");
    EXPECT_EQ(site.count("expenses", "id = 3 AND status = 'needs_receipt'"), 1);
    Exchange by_id = site.share("UANNA", "expense receipt EXP-3", "F0LATE", "chair.pdf", "Ev0F4");
    EXPECT_CONTAINS(by_id.text, "Attached chair.pdf as the receipt of EXP-3");
}

TEST_F(Expenses, ADoubleClickDecidesOnce) {
    site.slash("UANNA", "/expense 18.40 meals sandwiches");
    auto first = site.press("UMGR1", "exp.approve", "approve EXP-1", "555.666");
    auto second = site.press("UMGR1", "exp.approve", "approve EXP-1", "555.666");
    EXPECT_EQ(second.body, first.body);
    EXPECT_TRUE(second.messages.empty());
    EXPECT_EQ(site.count("audit_trail", "kind = 'EXP' AND action = 'approved'"), 1);
}

}  // namespace
