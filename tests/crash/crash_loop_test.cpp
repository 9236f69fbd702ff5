// The crash loop: a mixed load of every workflow (PTO requests and their
// approvals, expenses and both approval stages, office tickets and their
// changes, FAQ questions and curation, announcements to everyone by DM), by slash command, DM and
// button, on the real binary, killed with SIGKILL at random moments at least ten times in one run
// and restarted after each. Slack retries a DM that got no answer with the same event id, as Slack
// does. Afterwards every acknowledged request is present exactly once, every decision acknowledged
// holds, no balance or total is off, each item's audit trail leads to its state, and every message
// reached the fake Slack (twice only where a kill fell between Slack's answer and the outbox
// recording it; those are counted).
//
// SITELEAD_CRASH_SEED=n replays a run's kill moments and choices.

#include <gtest/gtest.h>

#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <thread>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "tests/crash/mixed_load.hpp"
#include "tests/support/bot_process.hpp"
#include "tests/support/fake_slack.hpp"
#include "tests/support/site.hpp"
#include "tests/support/slack_requests.hpp"

namespace {

using namespace testing_support;
using namespace std::chrono_literals;
using crash::drive;
using crash::Kind;
using crash::kKinds;
using crash::Load;
using crash::Op;

constexpr int kKills = 12;
struct Checks {
    SQLite::Database& db;
    int made = 0;

    std::int64_t number(const std::string& sql, const std::vector<std::string>& args = {}) {
        SQLite::Statement q(db, sql);
        for (std::size_t i = 0; i < args.size(); ++i) q.bind(static_cast<int>(i + 1), args[i]);
        ++made;
        return q.executeStep() ? q.getColumn(0).getInt64() : 0;
    }
    std::string text(const std::string& sql, std::int64_t id) {
        SQLite::Statement q(db, sql);
        q.bind(1, id);
        ++made;
        return q.executeStep() ? q.getColumn(0).getString() : "";
    }
};

std::int64_t rows_of(Checks& c, const Op& op) {
    switch (op.kind) {
        case Kind::sick:
        case Kind::vacation:
            return c.number(
                "SELECT count(*) FROM pto_requests WHERE requester = ? AND start_date = ?",
                {op.user, op.tag});
        case Kind::expense:
        case Kind::big_expense:
            return c.number(
                "SELECT count(*) FROM expenses WHERE description = ? AND amount_minor = ?",
                {op.tag, std::to_string(op.amount_minor)});
        case Kind::ticket:
            return c.number("SELECT count(*) FROM tickets WHERE description = ?", {op.tag});
        case Kind::faq_add:
            return c.number("SELECT count(*) FROM faq_entries WHERE question = ?", {op.tag});
        case Kind::announce:
            return c.number("SELECT count(*) FROM announcements WHERE text = ?", {op.tag});
        default:
            return 0;
    }
}

// Whether an acknowledged decision holds (later decisions only move on).
bool decision_holds(Checks& c, const Op& op) {
    const auto expense = [&] {
        return c.text("SELECT status || ' ' || stage FROM expenses WHERE id = ?", op.target);
    };
    const auto ticket = [&] {
        return c.text("SELECT status FROM tickets WHERE id = ?", op.target);
    };
    switch (op.kind) {
        case Kind::pto_approve:
            return c.text("SELECT status FROM pto_requests WHERE id = ?", op.target) == "approved";
        case Kind::expense_approve: {
            const auto s = expense();
            return s == "approved 1" ||
                   (op.amount_minor && (s == "pending 2" || s == "approved 2"));
        }
        case Kind::expense_second:
            return expense() == "approved 2";
        case Kind::ticket_ack: {
            const auto s = ticket();
            return s == "acknowledged" || s == "resolved" || s == "closed";
        }
        case Kind::ticket_resolve:
            return ticket() == "resolved" || ticket() == "closed";
        case Kind::ticket_fixed:
            return ticket() == "closed";
        default:
            return true;
    }
}

TEST(CrashLoop, TwelveKillsInAMixedLoadOfEveryWorkflowLoseNothingAcknowledged) {
    const unsigned seed = std::getenv("SITELEAD_CRASH_SEED")
                              ? static_cast<unsigned>(std::atoi(std::getenv("SITELEAD_CRASH_SEED")))
                              : std::random_device{}();
    std::printf("crash loop: seed %u\n", seed);
    std::mt19937 random(seed);
    Load load(seed);

    FakeSlack slack;
    const TempDir dir("sitelead-crash-loop");
    auto cfg = site_json();
    cfg["log_level"] = "info";  // serve announces its port at info
    cfg["database"] = {{"path", (dir / "loop.db").string()}, {"synchronous", "FULL"}};
    cfg["slack"]["signing_secret"] = kSigningSecret;
    cfg["announcements"] = {{"dms_per_minute", 6000}};  // its DMs 10 ms apart
    const auto config_path = dir / "site.json";
    std::ofstream(config_path) << cfg.dump(2);
    const std::map<std::string, std::string> env = {{"SLACK_BOT_TOKEN", "xoxb-crash-loop"},
                                                    {"SLACK_API_BASE_URL", slack.base_url()}};

    for (int kill = 0; kill < kKills; ++kill) {
        Bot bot(config_path, env);
        ASSERT_NE(bot.port(), 0) << bot.child().output();
        const int until = load.acknowledged_count() + 40 + static_cast<int>(random() % 200);
        std::vector<std::thread> clients;
        for (int t = 0; t < 4; ++t) clients.emplace_back(drive, std::ref(load), bot.port());
        // Reading the child's output keeps its log pipe from filling up.
        while (load.acknowledged_count() < until) bot.child().wait_for_output("\x01", 1ms);
        std::this_thread::sleep_for(std::chrono::microseconds(random() % 20000));
        bot.child().send_signal(SIGKILL);
        for (auto& c : clients) c.join();
        ASSERT_EQ(bot.child().wait_exit(5s), 128 + SIGKILL);
    }

    // The last start: Slack's remaining retries come in, then the outbox drains.
    Bot bot(config_path, env);
    ASSERT_NE(bot.port(), 0) << bot.child().output();
    const std::size_t retried = load.retries_left();
    while (const auto left = load.retries_left()) {
        const auto i = load.next();
        const auto r = post_slack(bot.port(), load.request(*i));
        ASSERT_EQ(r.status, 200u) << r.body;
        load.acknowledged(*i, r.body);
        ASSERT_LT(load.retries_left(), left);
    }
    SQLite::Database db((dir / "loop.db").string(), SQLite::OPEN_READONLY, 5000);
    Checks c{db};
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (c.number("SELECT count(*) FROM outbox WHERE state = 'pending' AND method != "
                    "'views.publish'") > 0 &&
           std::chrono::steady_clock::now() < deadline)
        bot.child().wait_for_output("\x01", 100ms);

    // Every acknowledged request exactly once; one that got no answer at most
    // once; every acknowledged decision holds.
    int sent = 0, acknowledged = 0, decisions = 0;
    std::int64_t expected_total = 0;
    for (const auto& op : load.ops()) {
        sent += op.attempts;
        acknowledged += op.acknowledged;
        if (creates(op.kind)) {
            const auto rows = rows_of(c, op);
            if (op.acknowledged)
                EXPECT_EQ(rows, 1) << "acknowledged: " << op.user << " " << op.line;
            else
                EXPECT_LE(rows, 1) << "twice: " << op.user << " " << op.line;
            if ((op.kind == Kind::expense || op.kind == Kind::big_expense) && rows == 1)
                expected_total += op.amount_minor;
        } else if (op.acknowledged && op.kind != Kind::faq_ask) {
            ++decisions;
            EXPECT_TRUE(decision_holds(c, op)) << op.user << " " << op.line;
        }
    }
    // No balance or total off: each person's days charged by year agree with
    // their requests, and the expenses add up to what was acknowledged.
    const char* usage_from_requests =
        "SELECT r.requester, r.leave_type, c.year, "
        "  total(c.days) FILTER (WHERE r.status = 'approved'), "
        "  total(c.days) FILTER (WHERE r.status = 'pending') "
        "FROM pto_requests r JOIN pto_charges c ON c.request_id = r.id "
        "WHERE r.status IN ('approved', 'pending') GROUP BY 1, 2, 3";
    const char* usage_kept =
        "SELECT requester, leave_type, year, approved, pending FROM pto_usage "
        "WHERE approved != 0 OR pending != 0";
    EXPECT_EQ(c.number(fmt::format("SELECT count(*) FROM ({} EXCEPT {})", usage_kept,
                                   usage_from_requests)),
              0);
    EXPECT_EQ(c.number(fmt::format("SELECT count(*) FROM ({} EXCEPT {})", usage_from_requests,
                                   usage_kept)),
              0);
    EXPECT_EQ(c.number("SELECT total(amount_minor) FROM expenses"), expected_total);

    // Each item's audit trail is one unbroken chain of changes from nothing
    // to the state it is in.
    const auto items = c.number(
        "SELECT count(*) FROM (SELECT 'PTO', id, status FROM pto_requests UNION ALL "
        "SELECT 'EXP', id, status FROM expenses UNION ALL SELECT 'OFC', id, status FROM tickets "
        "UNION ALL SELECT 'ANN', id, state FROM announcements)");
    SQLite::Statement trail(
        db,
        "SELECT kind, item_id, from_state, to_state FROM audit_trail "
        "WHERE kind IN ('PTO', 'EXP', 'OFC', 'ANN') ORDER BY kind, item_id, id");
    std::map<std::pair<std::string, std::int64_t>, std::string> reached;
    int broken = 0;
    while (trail.executeStep()) {
        const auto key =
            std::make_pair(trail.getColumn(0).getString(), trail.getColumn(1).getInt64());
        auto [at, fresh] = reached.try_emplace(key, "");
        if (trail.getColumn(2).getString() != at->second) ++broken;
        at->second = trail.getColumn(3).getString();
    }
    EXPECT_EQ(broken, 0);
    EXPECT_EQ(static_cast<std::int64_t>(reached.size()), items);
    for (const auto& [key, state] : reached) {
        const auto table = key.first == "PTO"   ? "pto_requests"
                           : key.first == "EXP" ? "expenses"
                           : key.first == "OFC" ? "tickets"
                                                : "announcements";
        const auto column = key.first == "ANN" ? "state" : "status";
        EXPECT_EQ(c.text(fmt::format("SELECT {} FROM {} WHERE id = ?", column, table), key.second),
                  state)
            << key.first << "-" << key.second;
    }

    // Every message reached Slack; twice only where a kill fell between
    // Slack's answer and the outbox recording it.
    EXPECT_EQ(c.number("SELECT count(*) FROM outbox WHERE state != 'sent' AND method != "
                       "'views.publish'"),
              0);
    std::map<std::pair<std::string, std::string>, int> queued, arrived;
    SQLite::Statement rows(db,
                           "SELECT method, payload FROM outbox WHERE method != 'views.publish'");
    while (rows.executeStep())
        ++queued[{rows.getColumn(0).getString(),
                  nlohmann::json::parse(rows.getColumn(1).getString()).value("text", "")}];
    for (const auto& call : slack.calls())
        if (call.body.is_object()) ++arrived[{call.method, call.body.value("text", "")}];
    int missing = 0, twice = 0, messages = 0;
    for (const auto& [key, n] : queued) {
        messages += n;
        const int got = arrived.count(key) ? arrived.at(key) : 0;
        if (got < n) missing += n - got;
        if (got > n) twice += got - n;
    }
    EXPECT_EQ(missing, 0);
    // Every kind of request was made and acknowledged: the checks above had
    // something to check.
    std::map<Kind, int> kinds;
    for (const auto& op : load.ops()) kinds[op.kind] += op.acknowledged;
    for (int k = 0; k < kKinds; ++k)
        EXPECT_GT(kinds[static_cast<Kind>(k)], 0) << "no acknowledged request of kind " << k;
    std::printf(
        "crash loop: %d requests sent (%zu retried by Slack after the last kill), %d acknowledged, "
        "%d kills; checked: %zu requests, %d decisions, balances and totals, %lld audit trails, "
        "%d messages (%d arrived twice); %d checks made\n",
        sent, retried, acknowledged, kKills, load.ops().size(), decisions,
        static_cast<long long>(items), messages, twice, c.made);
}

}  // namespace
