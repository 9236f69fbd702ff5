// The crash loop: a mixed load of every workflow (PTO requests and their
// approvals, expenses and both approval stages, office tickets and their
// changes, FAQ questions and curation), by slash command, DM and button, on
// the real binary, killed with SIGKILL at random moments at least ten times
// in one run and restarted after each. Slack retries a DM that got no answer
// with the same event id, as Slack does. Afterwards every acknowledged
// request is present exactly once, every decision acknowledged holds, no
// balance or total is off, each item's audit trail leads to its state, and
// every message reached the fake Slack (twice only where a kill fell between
// Slack's answer and the outbox recording it; those are counted).
//
// SITELEAD_CRASH_SEED=n replays a run's kill moments and choices.

#include <gtest/gtest.h>

#include <signal.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <mutex>
#include <optional>
#include <random>
#include <regex>
#include <thread>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "tests/support/bot_process.hpp"
#include "tests/support/fake_slack.hpp"
#include "tests/support/site.hpp"
#include "tests/support/slack_requests.hpp"

namespace {

using namespace testing_support;
using namespace std::chrono_literals;

constexpr int kKills = 12;
constexpr int kVacationDays = 18;  // of the 20 each person has in a year

enum class Kind {
    sick,             // /pto DAY sick: recorded at once
    vacation,         // /pto DAY vacation: waits for the manager
    pto_approve,      // the manager approves one
    expense,          // a small expense, by slash command or DM
    big_expense,      // over the second-approval amount, with a receipt
    expense_approve,  // the manager approves one (a button)
    expense_second,   // the site lead approves a big one at stage 2
    ticket,           // an office report
    ticket_ack,       // BizOps acknowledges it
    ticket_resolve,   // and resolves it
    ticket_fixed,     // its reporter confirms it is fixed
    faq_add,          // the site lead adds an entry
    faq_ask,          // a question
};
constexpr int kKinds = 13;

struct Op {
    Kind kind = Kind::sick;
    std::string user;
    std::string line;       // the command line without its slash, or the DM's text
    std::string tag;        // what finds its row: a unique word or day
    std::string requester;  // a ticket\'s change: who reported it
    std::int64_t target = 0;
    std::int64_t amount_minor = 0;
    bool by_dm = false, by_button = false;
    std::string event_id;
    int attempts = 0;
    bool acknowledged = false;
};

bool creates(Kind k) {
    return k == Kind::sick || k == Kind::vacation || k == Kind::expense || k == Kind::big_expense ||
           k == Kind::ticket || k == Kind::faq_add;
}

std::string money(std::int64_t minor) {
    return fmt::format("{}.{:02}", minor / 100, minor % 100);
}

std::int64_t id_in(const std::string& body, const char* prefix) {
    std::smatch m;
    if (!std::regex_search(body, m, std::regex(std::string(prefix) + "-([0-9]+)"))) return 0;
    return std::stoll(m[1]);
}

// The load: what to send next, given what was acknowledged so far.
class Load {
public:
    explicit Load(unsigned seed) : random_(seed) {}

    std::optional<std::size_t> next() {
        std::lock_guard lock(mutex_);
        if (!retries_.empty()) {
            const auto i = retries_.front();
            retries_.pop_front();
            ++ops_[i].attempts;
            return i;
        }
        const int n = counter_++;
        ops_.push_back(make(n, static_cast<Kind>(n % kKinds)));
        ops_.back().attempts = 1;
        return ops_.size() - 1;
    }

    SlackRequest request(std::size_t i) {
        std::lock_guard lock(mutex_);
        const Op& op = ops_[i];
        if (op.by_button) {
            const auto space = op.line.find(' ');
            return signed_action(button_press(op.user, "exp." + op.line.substr(0, space), op.line));
        }
        if (op.by_dm) {
            auto req = signed_event(dm_event(op.user, op.line, op.event_id));
            if (op.attempts > 1)
                req.headers.emplace_back("X-Slack-Retry-Num", std::to_string(op.attempts - 1));
            return req;
        }
        const auto space = op.line.find(' ');
        return signed_slash("/" + op.line.substr(0, space), op.line.substr(space + 1), op.user);
    }

    void acknowledged(std::size_t i, const std::string& body) {
        std::lock_guard lock(mutex_);
        Op& op = ops_[i];
        op.acknowledged = true;
        ++acknowledged_;
        if (op.by_dm) return;  // its answer goes by DM: no id to decide on
        switch (op.kind) {
            case Kind::vacation:
                if (const auto id = id_in(body, "PTO")) pto_waiting_.push_back({id, op.user});
                break;
            case Kind::expense:
            case Kind::big_expense:
                if (const auto id = id_in(body, "EXP"))
                    expense_waiting_.push_back({id, op.user, op.kind == Kind::big_expense});
                break;
            case Kind::expense_approve:
                if (op.amount_minor) second_stage_.push_back(op.target);
                break;
            case Kind::ticket:
                if (const auto id = id_in(body, "OFC")) open_tickets_.push_back({id, op.user});
                break;
            case Kind::ticket_ack:
                acked_tickets_.push_back({op.target, op.requester});
                break;
            case Kind::ticket_resolve:
                resolved_tickets_.push_back({op.target, op.requester});
                break;
            default:
                break;
        }
    }

    // No answer: Slack retries a DM (up to three times); nothing else.
    void lost(std::size_t i) {
        std::lock_guard lock(mutex_);
        if (ops_[i].by_dm && ops_[i].attempts < 4) retries_.push_back(i);
    }

    int acknowledged_count() {
        std::lock_guard lock(mutex_);
        return acknowledged_;
    }
    std::size_t retries_left() {
        std::lock_guard lock(mutex_);
        return retries_.size();
    }
    const std::vector<Op>& ops() const { return ops_; }

private:
    struct Waiting {
        std::int64_t id;
        std::string requester;
        bool big = false;
    };

    Op make(int n, Kind kind) {
        static const std::vector<std::string> staff = {"UANNA", "UBEN", "UCARL", "UBIZ"};
        static const std::map<std::string, std::string> manager = {
            {"UANNA", "UMGR1"}, {"UBEN", "UMGR1"}, {"UCARL", "UMGR2"}};
        const auto pick = [&](const std::vector<std::string>& from) {
            return from[random_() % from.size()];
        };
        const std::string word = fmt::format("crash{}", n);
        Op op;
        op.kind = kind;
        op.tag = word;
        switch (kind) {
            case Kind::vacation: {
                op.user = pick({"UANNA", "UCARL"});
                if (vacation_days_[op.user] >= kVacationDays) return make(n, Kind::sick);
                op.tag = working_day_ahead(vacation_days_[op.user]++, 2);
                op.line = "pto " + op.tag + " vacation " + word;
                return op;
            }
            case Kind::sick:
                op.user = pick(staff);
                op.tag = working_day_ahead(sick_days_[op.user]++, 1);
                op.line = "pto " + op.tag + " sick " + word;
                op.by_dm = random_() % 2 == 0;
                break;
            case Kind::pto_approve: {
                if (pto_waiting_.empty()) return make(n, Kind::vacation);
                const auto w = pto_waiting_.front();
                pto_waiting_.pop_front();
                op.user = manager.at(w.requester);
                op.target = w.id;
                op.line = fmt::format("approve PTO-{}", w.id);
                return op;
            }
            case Kind::expense:
                op.user = pick({"UANNA", "UBEN", "UCARL"});
                op.amount_minor = 1000 + n % 1500;  // under the receipt amount
                op.line = fmt::format("expense {} meals {}", money(op.amount_minor), word);
                op.by_dm = random_() % 2 == 0;
                break;
            case Kind::big_expense:
                op.user = pick({"UANNA", "UBEN", "UCARL"});
                op.amount_minor = 110000 + n % 10000;  // a second approval's
                op.line = fmt::format("expense {} equipment {} https://files.example.com/{}.pdf",
                                      money(op.amount_minor), word, word);
                break;
            case Kind::expense_approve: {
                if (expense_waiting_.empty()) return make(n, Kind::expense);
                const auto w = expense_waiting_.front();
                expense_waiting_.pop_front();
                op.user = manager.at(w.requester);
                op.target = w.id;
                op.amount_minor = w.big;  // remembered: goes on to stage 2
                op.line = fmt::format("approve EXP-{}", w.id);
                op.by_button = true;
                return op;
            }
            case Kind::expense_second: {
                if (second_stage_.empty()) return make(n, Kind::big_expense);
                op.target = second_stage_.front();
                second_stage_.pop_front();
                op.user = "ULEAD";
                op.line = fmt::format("approve EXP-{}", op.target);
                return op;
            }
            case Kind::ticket:
                op.user = pick(staff);
                op.tag = fmt::format("{0}x {0}y {0}z", word);
                op.line = "office " + op.tag;
                op.by_dm = random_() % 4 == 0;
                break;
            case Kind::ticket_ack:
            case Kind::ticket_resolve:
            case Kind::ticket_fixed: {
                auto& from = kind == Kind::ticket_ack       ? open_tickets_
                             : kind == Kind::ticket_resolve ? acked_tickets_
                                                            : resolved_tickets_;
                if (from.empty()) return make(n, Kind::ticket);
                const auto w = from.front();
                from.pop_front();
                op.target = w.id;
                op.requester = w.requester;
                op.user = kind == Kind::ticket_fixed ? w.requester : "UBIZ";
                op.line = fmt::format("office {} OFC-{}",
                                      kind == Kind::ticket_ack       ? "ack"
                                      : kind == Kind::ticket_resolve ? "resolve"
                                                                     : "fixed",
                                      op.target);
                return op;
            }
            case Kind::faq_add:
                op.user = "ULEAD";
                op.tag = fmt::format("Where is the {} room?", word);
                op.line = fmt::format("faq add {} | Behind the {} door.", op.tag, word);
                break;
            case Kind::faq_ask:
                op.user = pick(staff);
                op.line = pick({"faq where do packages go", "faq wifi password",
                                "faq what is the capital of peru"});
                break;
        }
        if (op.by_dm) op.event_id = fmt::format("EvCRASH{}", n);
        return op;
    }

    std::mutex mutex_;
    std::mt19937 random_;
    std::vector<Op> ops_;
    std::deque<std::size_t> retries_;
    int counter_ = 0, acknowledged_ = 0;
    std::map<std::string, int> vacation_days_, sick_days_;
    std::deque<Waiting> pto_waiting_, expense_waiting_;
    std::deque<std::int64_t> second_stage_;
    std::deque<Waiting> open_tickets_, acked_tickets_, resolved_tickets_;
};

// Sends until the server stops answering.
void drive(Load& load, unsigned short port) {
    while (const auto i = load.next()) {
        HttpResult r;
        try {
            r = post_slack(port, load.request(*i));
        } catch (const std::exception&) {
            load.lost(*i);
            return;
        }
        if (r.status != 200) {
            load.lost(*i);
            return;
        }
        load.acknowledged(*i, r.body);
    }
}

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
    const auto dir = make_temp_dir("sitelead-crash-loop");
    auto cfg = site_json();
    cfg["log_level"] = "info";  // serve announces its port at info
    cfg["database"] = {{"path", (dir / "loop.db").string()}, {"synchronous", "FULL"}};
    cfg["slack"]["signing_secret"] = kSigningSecret;
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
        "SELECT 'EXP', id, status FROM expenses UNION ALL SELECT 'OFC', id, status FROM tickets)");
    SQLite::Statement trail(db,
                            "SELECT kind, item_id, from_state, to_state FROM audit_trail "
                            "WHERE kind IN ('PTO', 'EXP', 'OFC') ORDER BY kind, item_id, id");
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
                                                : "tickets";
        EXPECT_EQ(c.text(fmt::format("SELECT status FROM {} WHERE id = ?", table), key.second),
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
    std::filesystem::remove_all(dir);
}

}  // namespace
