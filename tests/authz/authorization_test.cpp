// The authorisation matrix: every state-changing command, button and form
// submission of every workflow, tried by each kind of person, through the
// real service with signed requests and a real SQLite file. A cell is
// allowed when the action changed the bot's state, refused when it left
// every table of state exactly as it was and said why. The README's "Who may
// do what" is this table (SITELEAD_UPDATE_GOLDEN=1 writes it there).
//
// Two sites: New York (the requester's, led by Lena) and London (led by
// Lola). Today is Tuesday 2026-12-01 in New York.

#include <gtest/gtest.h>

#include <algorithm>

#include <array>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "storage/faq_store.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/site.hpp"

namespace {

using nlohmann::json;
using testing_support::Exchange;
using testing_support::Harness;

// Who tries each action: the columns.
struct Who {
    const char* column;  // as the README shows it
    const char* user;
};
constexpr std::array<Who, 9> kWho = {{
    {"requester", "UANNA"},              // the one whose request, expense or ticket it is
    {"teammate", "UBEN"},                // an employee with the same manager
    {"another manager", "UMGR2"},        // manages someone else
    {"their manager", "UMGR1"},          // the requester's manager
    {"site lead (2nd stage)", "ULEAD"},  // of the requester's site; approves the 2nd stage
    {"other site's lead", "ULOLA"},      // leads London
    {"bizops", "UBIZ"},
    {"admin", "UADMIN"},
    {"not in directory", "UNOBODY"},
}};

// The item an action is tried on, made afresh for each person by the
// requester (and whoever moves it to the state the action needs); its id.
using Setup = std::function<std::string(Harness&, int n)>;
using Act =
    std::function<Exchange(Harness&, const std::string& user, const std::string& id, int n)>;

struct Action {
    const char* workflow;
    const char* what;  // the action as the README shows it
    Setup setup;       // null: the action makes something new
    Act act;
    const char* allowed;  // one character per column of kWho: Y allowed, . refused
};

std::string id_in(const Exchange& ex, const char* prefix) {
    std::smatch m;
    const std::string all = ex.body + " " + ex.text;
    if (!std::regex_search(all, m, std::regex(std::string(prefix) + "-[0-9]+")))
        ADD_FAILURE() << "no " << prefix << " id in " << all;
    return m.empty() ? "" : m[0].str();
}

// The n-th working day from Monday 2027-02-01: each try asks for its own day.
std::string day(int n) {
    const int week = n / 5, weekday = n % 5;
    const int d = 1 + week * 7 + weekday;
    return fmt::format("2027-02-{:02}", d);
}

// ---- what the actions are tried on -----------------------------------------

std::string pending_pto(Harness& h, int n) {
    return id_in(h.slash("UANNA", "/pto " + day(n) + " vacation"), "PTO");
}
std::string pending_expense(Harness& h, int n) {
    return id_in(h.slash("UANNA", fmt::format("/expense 12.{:02} meals lunch {}", n, n)), "EXP");
}
std::string second_stage_expense(Harness& h, int n) {
    const std::string id =
        id_in(h.slash("UANNA", fmt::format("/expense 1,250.{:02} equipment monitor "
                                           "https://files.example.com/m{}.pdf",
                                           n, n)),
              "EXP");
    h.slash("UMGR1", "/approve " + id);
    return id;
}
std::string approved_expense(Harness& h, int n) {
    const std::string id = pending_expense(h, n);
    h.slash("UMGR1", "/approve " + id);
    return id;
}
std::string expense_waiting_for_a_receipt(Harness& h, int n) {
    return id_in(h.slash("UANNA", fmt::format("/expense 40.{:02} meals dinner {}", n, n)), "EXP");
}
std::string open_ticket(Harness& h, int n) {
    return id_in(h.slash("UANNA", fmt::format("/office gizmo{0} widget{0} rattles", n)), "OFC");
}
std::string resolved_ticket(Harness& h, int n) {
    const std::string id = open_ticket(h, n);
    h.slash("UBIZ", "/office resolve " + id);
    return id;
}
std::string faq_entry(Harness& h, int n) {
    return id_in(h.slash("ULEAD", fmt::format("/faq add Where is room {}? | Down the hall.", n)),
                 "FAQ");
}
// An entry the requester asked about and got as the answer.
std::string answered_entry(Harness& h, int n) {
    const std::string id = faq_entry(h, n);
    h.slash("UANNA", fmt::format("/faq where is room {}?", n));
    h.writer().run([](SQLite::Database&) {});  // the question's record, written after the answer
    return id;
}
// An entry for New York only, as a site's FAQ file brings it.
std::string new_york_entry(Harness& h, int n) {
    const auto db = h.db().connect();
    const json doc = {{"entries",
                       {{{"key", fmt::format("ny-room-{}", n)},
                         {"site", "nyc"},
                         {"question", fmt::format("Where is New York room {}?", n)},
                         {"answer", "On the 3rd floor."}}}}};
    storage::faq::import_document(*db, doc, "ULEAD", 1);
    return fmt::format("FAQ-{}", db->execAndGet("SELECT max(id) FROM faq_entries").getInt64());
}
std::string unanswered_question(Harness& h, int n) {
    return id_in(h.slash("UANNA", fmt::format("/faq what is the capital of country {}", n)), "Q");
}
// An unanswered question and an entry for every site: "Q-4 FAQ-3". The
// question's words are its own, not within a typo of an earlier one's: an
// entry that learnt those must not answer it.
std::string question_and_entry(Harness& h, int n) {
    const std::string word(7, static_cast<char>('b' + n));
    const std::string question = id_in(h.slash("UANNA", fmt::format("/faq {0} {0}s?", word)), "Q");
    return question + " " + faq_entry(h, n);
}
// What the FAQ learnt from the requester's Helpful press on an entry for
// every site: "ASK-5". Its words are its own, so that no question learnt
// before answers it.
std::string helpful_ask(Harness& h, int n) {
    const std::string word(6, static_cast<char>('m' + n));
    const std::string entry = id_in(
        h.slash("ULEAD", fmt::format("/faq add Where is the {} kit? | In the hall.", word)), "FAQ");
    h.slash("UANNA", fmt::format("/faq where is the {} kit?", word));
    h.writer().run([](SQLite::Database&) {});  // the question's record, written after the answer
    h.slash("UANNA", "/faq helpful " + entry);
    const auto db = h.db().connect();
    return fmt::format("ASK-{}",
                       db->execAndGet("SELECT max(id) FROM faq_asks WHERE helpful = 1").getInt64());
}
// A question New York's site lead answered in words: what it taught counts
// at New York only.
std::string question_answered_in_words(Harness& h, int n) {
    const std::string id = unanswered_question(h, n);
    h.slash("ULEAD", "/faq answer " + id + " Somewhere.");
    return id;
}

// An announcement to New York, scheduled by its site lead.
std::string scheduled_announcement(Harness& h, int n) {
    return id_in(
        h.slash("ULEAD", fmt::format("/sitelead announce --at \"2026-12-08 09:00\" Hello {}", n)),
        "ANN");
}

// ---- how they are tried ----------------------------------------------------

// A slash command; "{id}" and "{n}" stand for the item and the try.
Act slash(std::string line) {
    return [line](Harness& h, const std::string& user, const std::string& id, int n) {
        return h.slash(user, fmt::format(fmt::runtime(line), fmt::arg("id", id), fmt::arg("n", n),
                                         fmt::arg("day", day(n))));
    };
}
Act button(std::string action_id, std::string value) {
    return [action_id, value](Harness& h, const std::string& user, const std::string& id, int) {
        return h.press(user, action_id, fmt::format(fmt::runtime(value), fmt::arg("id", id)));
    };
}
// A file shared in the DM with the bot, with no words.
Act share() {
    return [](Harness& h, const std::string& user, const std::string&, int n) {
        return h.share(user, "", fmt::format("F{}", n), "receipt.pdf",
                       fmt::format("Ev-share-{}-{}", n, user));
    };
}
// The form `command` opens (as the requester sees it), submitted by `user`.
Act form(std::string command, std::function<std::map<std::string, std::string>(int)> values) {
    return [command, values](Harness& h, const std::string& user, const std::string&, int n) {
        const json view = h.slash("UANNA", command).view;
        return h.submit(user, view, values(n), fmt::format("V{}", n));
    };
}
// The Deny button's form, opened by the manager, submitted by `user`.
Act deny_form() {
    return [](Harness& h, const std::string& user, const std::string& id, int n) {
        const std::string kind = id.substr(0, id.find('-'));
        const json view =
            h.press("UMGR1", kind == "PTO" ? "pto.deny" : "exp.deny", "deny " + id).view;
        return h.submit(user, view, {{"reason", "not this time"}}, fmt::format("V{}", n));
    };
}

const std::vector<Action>& matrix() {
    //                                  requester, teammate, another manager, their manager,
    //                                  site lead, other site's lead, bizops, admin, stranger
    static const std::vector<Action> actions = {
        {"PTO", "`/pto <when> [type]`: ask for time off", nullptr, slash("/pto {day} vacation"),
         "YYYYYYYY."},
        {"PTO", "the PTO form, submitted", nullptr,
         form(
             "/pto",
             [](int n) {
                 return std::map<std::string, std::string>{{"start", day(n)}, {"type", "vacation"}};
             }),
         "YYYYYYYY."},
        {"PTO", "`/pto calendar rotate`: a new calendar link", nullptr,
         slash("/pto calendar rotate"), "YYYYYYYY."},
        {"PTO", "`/pto cancel PTO-n`", pending_pto, slash("/pto cancel {id}"), "Y........"},
        {"PTO", "`/approve PTO-n`", pending_pto, slash("/approve {id}"), "...YY..Y."},
        {"PTO", "`/deny PTO-n <reason>`", pending_pto, slash("/deny {id} not now"), "...YY..Y."},
        {"PTO", "Approve button", pending_pto, button("pto.approve", "approve {id}"), "...YY..Y."},
        {"PTO", "Deny button's form, submitted", pending_pto, deny_form(), "...YY..Y."},

        {"Expenses", "`/expense <amount> <category> <what>`", nullptr,
         slash("/expense 9.{n:02} meals lunch {n}"), "YYYYYYYY."},
        {"Expenses", "the expense form, submitted", nullptr,
         form("/expense",
              [](int n) {
                  return std::map<std::string, std::string>{{"amount", fmt::format("9.{:02}", n)},
                                                            {"currency", "USD"},
                                                            {"category", "meals"},
                                                            {"description", "lunch"},
                                                            {"date", "2026-11-30"}};
              }),
         "YYYYYYYY."},
        {"Expenses", "`/expense cancel EXP-n`", pending_expense, slash("/expense cancel {id}"),
         "Y........"},
        {"Expenses", "`/approve EXP-n` (1st stage)", pending_expense, slash("/approve {id}"),
         "...YY..Y."},
        {"Expenses", "`/deny EXP-n <reason>` (1st stage)", pending_expense,
         slash("/deny {id} personal"), "...YY..Y."},
        {"Expenses", "Approve button (1st stage)", pending_expense,
         button("exp.approve", "approve {id}"), "...YY..Y."},
        {"Expenses", "Deny button's form, submitted (1st stage)", pending_expense, deny_form(),
         "...YY..Y."},
        {"Expenses", "`/approve EXP-n` (2nd stage, over the threshold)", second_stage_expense,
         slash("/approve {id}"), "....Y..Y."},
        {"Expenses", "`/deny EXP-n <reason>` (2nd stage)", second_stage_expense,
         slash("/deny {id} too much"), "....Y..Y."},
        {"Expenses", "`/expense receipt EXP-n <url>` (an expense waiting for one)",
         expense_waiting_for_a_receipt,
         slash("/expense receipt {id} https://files.example.com/r{n}"), "Y........"},
        {"Expenses", "a receipt shared as a file in the DM (an expense waiting for one)",
         expense_waiting_for_a_receipt, share(), "Y........"},
        {"Expenses", "`/expense reimburse EXP-n`", approved_expense,
         slash("/expense reimburse {id} REF{n}"), "......YY."},

        {"Office", "`/office <description>`: file a ticket", nullptr,
         slash("/office sprocket{n} doohickey{n} squeaks"), "YYYYYYYY."},
        {"Office", "the office form, submitted", nullptr,
         form("/office",
              [](int n) {
                  return std::map<std::string, std::string>{
                      {"description", fmt::format("thingamajig{0} whatsit{0} hums", n)}};
              }),
         "YYYYYYYY."},
        {"Office", "`/office ack OFC-n`", open_ticket, slash("/office ack {id}"), "....Y.YY."},
        {"Office", "Acknowledge button", open_ticket, button("ofc.ack", "office ack {id}"),
         "....Y.YY."},
        {"Office", "`/office assign OFC-n @someone`", open_ticket,
         slash("/office assign {id} <@UBIZ>"), "....Y.YY."},
        {"Office", "`/office resolve OFC-n`", open_ticket, slash("/office resolve {id}"),
         "....Y.YY."},
        {"Office", "Resolve button", open_ticket, button("ofc.resolve", "office resolve {id}"),
         "....Y.YY."},
        {"Office", "`/office reopen OFC-n`", resolved_ticket, slash("/office reopen {id}"),
         "Y...Y.YY."},
        {"Office", "Reopen button", resolved_ticket, button("ofc.reopen", "office reopen {id}"),
         "Y...Y.YY."},
        {"Office", "Fixed button (on a resolved ticket)", resolved_ticket,
         button("ofc.fixed", "office fixed {id}"), "Y........"},
        {"Office", "Still broken button", resolved_ticket,
         button("ofc.broken", "office broken {id}"), "Y........"},
        {"Office", "`/office fixed OFC-n` (confirm a resolved ticket)", resolved_ticket,
         slash("/office fixed {id}"), "Y........"},
        {"Office", "`/office broken OFC-n` (still broken)", resolved_ticket,
         slash("/office broken {id}"), "Y........"},
        {"Office", "`/office comment OFC-n <text>`", open_ticket,
         slash("/office comment {id} it rattles louder"), "Y...Y.YY."},
        {"Office", "`/office follow OFC-n`", open_ticket, slash("/office follow {id}"),
         ".YYYYYYY."},
        {"Office", "Follow button", open_ticket, button("ofc.follow", "office follow {id}"),
         ".YYYYYYY."},

        {"FAQ", "`/faq <question>` nobody has answered yet (recorded as Q-n)", nullptr,
         slash("/faq what is the capital of land {n}"), "YYYYYYYYY"},
        {"FAQ", "Helpful button (on an answer the requester got)", answered_entry,
         button("faq.helpful", "faq helpful {id}"), "Y........"},
        {"FAQ", "Not helpful button (on an answer the requester got)", answered_entry,
         button("faq.unhelpful", "faq unhelpful {id}"), "Y........"},
        {"FAQ", "`/faq add <question> | <answer>`", nullptr,
         slash("/faq add Where is hall {n}? | Upstairs."), "....YY.Y."},
        {"FAQ", "`/faq edit FAQ-n <answer>` (an entry for every site)", faq_entry,
         slash("/faq edit {id} Downstairs."), "....YY.Y."},
        {"FAQ", "`/faq edit FAQ-n <answer>` (an entry for New York)", new_york_entry,
         slash("/faq edit {id} Downstairs."), "....Y..Y."},
        {"FAQ", "`/faq remove FAQ-n` (an entry for every site)", faq_entry,
         slash("/faq remove {id}"), "....YY.Y."},
        {"FAQ", "`/faq remove FAQ-n` (an entry for New York)", new_york_entry,
         slash("/faq remove {id}"), "....Y..Y."},
        {"FAQ", "`/faq contact FAQ-n @someone` (an entry for every site)", faq_entry,
         slash("/faq contact {id} <@UBIZ>"), "....YY.Y."},
        {"FAQ", "`/faq contact FAQ-n @someone` (an entry for New York)", new_york_entry,
         slash("/faq contact {id} <@UBIZ>"), "....Y..Y."},
        {"FAQ", "`/faq answer Q-n <answer>`", unanswered_question,
         slash("/faq answer {id} Somewhere."), "....Y..Y."},
        {"FAQ", "`/faq dismiss Q-n [reason]`", unanswered_question,
         slash("/faq dismiss {id} not the office's"), "....Y..Y."},
        {"FAQ", "`/faq answer Q-n FAQ-m` (an entry for every site, which learns the words)",
         question_and_entry, slash("/faq answer {id}"), "....Y..Y."},
        {"FAQ", "`/faq tags FAQ-n <word> ...` (an entry for every site)", faq_entry,
         slash("/faq tags {id} hall stairs"), "....YY.Y."},
        {"FAQ", "`/faq tags FAQ-n <word> ...` (an entry for New York)", new_york_entry,
         slash("/faq tags {id} hall stairs"), "....Y..Y."},
        {"FAQ", "`/faq forget ASK-n` (what an entry for every site learnt)", helpful_ask,
         slash("/faq forget {id}"), "....YY.Y."},
        {"FAQ", "`/faq forget Q-n` (a question New York's lead answered in words)",
         question_answered_in_words, slash("/faq forget {id}"), "....Y..Y."},

        // Each announces to their own site (London: by DM, it has no channel).
        {"Site lead", "`/sitelead announce --dm --send <text>` (or its preview's button)", nullptr,
         slash("/sitelead announce --dm --send Hello {n}"), "....YY.Y."},
        {"Site lead", "`/sitelead announce --at <time> <text>`", nullptr,
         slash("/sitelead announce --dm --send --at \"2026-12-08 09:00\" Hello {n}"), "....YY.Y."},
        {"Site lead", "`/sitelead announcements cancel ANN-n` (New York's)", scheduled_announcement,
         slash("/sitelead announcements cancel {id}"), "....Y..Y."},
    };
    return actions;
}

// Every table of the bot's state, as one text: what a refusal must leave as
// it was. (Not the outbox, which carries a refusal's DM to a button's
// presser, nor the records of requests seen.)
std::string state(const Harness& h) {
    auto db = h.db().connect();
    std::string out;
    for (const char* table : {"pto_requests", "pto_charges", "pto_usage", "expenses", "tickets",
                              "ticket_followers", "faq_entries", "faq_questions", "faq_asks",
                              "audit_trail", "calendar_tokens", "announcements"}) {
        SQLite::Statement q(*db, fmt::format("SELECT * FROM {}", table));
        out += table;
        while (q.executeStep()) {
            out += '\n';
            for (int i = 0; i < q.getColumnCount(); ++i) out += q.getColumn(i).getString() + '|';
        }
        out += '\n';
    }
    return out;
}

std::string markdown() {
    std::string out = "| workflow | action |";
    for (const auto& w : kWho) out += fmt::format(" {} |", w.column);
    out += "\n|---|---|";
    for (std::size_t i = 0; i < kWho.size(); ++i) out += ":-:|";
    out += '\n';
    for (const auto& a : matrix()) {
        out += fmt::format("| {} | {} |", a.workflow, a.what);
        for (std::size_t i = 0; i < kWho.size(); ++i) out += a.allowed[i] == 'Y' ? " ✓ |" : " |";
        out += '\n';
    }
    return out;
}

class Authorization : public ::testing::TestWithParam<std::size_t> {};

TEST_P(Authorization, EachPersonIsAllowedOrRefusedAsTheTableSaysAndARefusalChangesNothing) {
    const Action& a = matrix()[GetParam()];
    ASSERT_EQ(std::string(a.allowed).size(), kWho.size()) << a.what;
    Harness h(testing_support::noon_at(2026, 12, 1), testing_support::two_sites_config());
    for (std::size_t i = 0; i < kWho.size(); ++i) {
        const int n = static_cast<int>(i) + 1;
        SCOPED_TRACE(fmt::format("{} by {} ({})", a.what, kWho[i].column, kWho[i].user));
        const std::string id = a.setup ? a.setup(h, n) : "";
        const std::string before = state(h);
        const Exchange ex = a.act(h, kWho[i].user, id, n);
        ASSERT_EQ(ex.status, 200u);
        const bool changed = state(h) != before;
        const bool allowed = a.allowed[i] == 'Y';
        EXPECT_EQ(changed, allowed)
            << (allowed ? "refused" : "allowed") << ": " << ex.body << " " << ex.text;
        // A refusal says why.
        if (!allowed && !changed) {
            EXPECT_FALSE(ex.body.empty() && ex.text.empty());
        }
    }
}

INSTANTIATE_TEST_SUITE_P(EveryAction, Authorization,
                         ::testing::Range<std::size_t>(0, matrix().size()),
                         [](const ::testing::TestParamInfo<std::size_t>& info) {
                             std::string name =
                                 fmt::format("{:02}_{}", info.param, matrix()[info.param].workflow);
                             std::replace(name.begin(), name.end(), ' ', '_');
                             return name;
                         });

// The README's table is the one above.
TEST(AuthorizationReadme, ListsWhoMayDoWhatFromTheSameTable) {
    const std::string path = std::string(SITELEAD_SOURCE_DIR) + "/README.md";
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string readme = buffer.str();
    const std::string begin = "<!-- who-may-do-what: begin -->\n";
    const std::string end = "<!-- who-may-do-what: end -->";
    const auto from = readme.find(begin);
    const auto to = readme.find(end);
    ASSERT_NE(from, std::string::npos) << "README.md has no " << begin;
    ASSERT_NE(to, std::string::npos) << "README.md has no " << end;
    const std::string table = markdown();
    const std::string current = readme.substr(from + begin.size(), to - from - begin.size());
    if (std::getenv("SITELEAD_UPDATE_GOLDEN") && current != table) {
        readme.replace(from + begin.size(), current.size(), table);
        std::ofstream(path) << readme;
        return;
    }
    EXPECT_EQ(current, table) << "run the test with SITELEAD_UPDATE_GOLDEN=1 to write it";
}

}  // namespace
