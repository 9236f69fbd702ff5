// The durability promise under a real crash: the server takes a stream of
// signed, state-changing requests, is killed with SIGKILL partway, and is
// restarted on the same database. Every request that got a 200 must be there
// with its messages delivered to (fake) Slack at least once; a request that
// got no answer must be wholly there or wholly absent.

#include <gtest/gtest.h>

#include <signal.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <date/date.h>

#include "bot/slack/form.hpp"
#include "tests/support/bot_process.hpp"
#include "tests/support/fake_slack.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/site.hpp"
#include "tests/support/slack_requests.hpp"

namespace {

using namespace testing_support;
using namespace std::chrono_literals;

struct Sent {
    std::string user, day;
    bool acknowledged = false;
};

TEST(Crash, SigkillMidStreamLosesNoAcknowledgedRequestOrMessage) {
    FakeSlack slack;
    const TempDir dir("sitelead-crash");
    auto cfg = site_json();
    cfg["log_level"] = "info";  // serve announces its port at info
    cfg["database"] = {{"path", (dir / "crash.db").string()}, {"synchronous", "FULL"}};
    const auto config_path = dir / "site.json";
    std::ofstream(config_path) << cfg.dump(2);
    const std::map<std::string, std::string> env = {{"SLACK_BOT_TOKEN", "xoxb-crash-test"},
                                                    {"SLACK_API_BASE_URL", slack.base_url()}};
    const std::string secret = cfg["slack"]["signing_secret"];
    const std::vector<std::string> users = {"UANNA", "UBEN", "UCARL", "UMGR1", "UMGR2", "UBIZ"};

    auto bot = std::make_unique<Bot>(config_path, env);
    ASSERT_NE(bot->port(), 0) << bot->child().output();

    std::mutex mutex;
    std::vector<Sent> sent;
    std::atomic<int> acknowledged{0};
    std::atomic<int> next{0};
    std::vector<std::thread> clients;
    for (int t = 0; t < 4; ++t) {
        clients.emplace_back([&, port = bot->port()] {
            for (;;) {
                const int n = next++;
                if (n >= 5000) return;
                Sent s{users[n % users.size()],
                       working_day_ahead(n / static_cast<int>(users.size()))};
                const std::string body =
                    "team_id=T1&channel_id=C1&user_id=" + s.user +
                    "&command=%2Fpto&text=" + bot::slack::form_encode(s.day + " sick crash test") +
                    "&trigger_id=1";
                std::size_t index;
                {
                    std::lock_guard lock(mutex);
                    index = sent.size();
                    sent.push_back(s);
                }
                HttpResult r;
                try {
                    r = post_slack(
                        port, sign("application/x-www-form-urlencoded", body, unix_now(), secret));
                } catch (const std::exception&) {
                    return;  // the server is gone
                }
                if (r.status != 200) return;
                std::lock_guard lock(mutex);
                sent[index].acknowledged = true;
                ++acknowledged;
            }
        });
    }
    // Reading the child's output keeps its log pipe from filling up.
    while (acknowledged < 150) bot->child().wait_for_output("\x01", 2ms);
    bot->child().send_signal(SIGKILL);
    for (auto& c : clients) c.join();
    EXPECT_EQ(bot->child().wait_exit(5s), 128 + SIGKILL);
    bot.reset();

    bot = std::make_unique<Bot>(config_path, env);
    SQLite::Database db((dir / "crash.db").string(), SQLite::OPEN_READONLY, 5000);
    std::vector<std::int64_t> ids;
    int unanswered = 0;
    for (const auto& s : sent) {
        SQLite::Statement q(db,
                            "SELECT id FROM pto_requests WHERE requester = ? AND start_date = ?");
        q.bind(1, s.user);
        q.bind(2, s.day);
        const bool stored = q.executeStep();
        if (s.acknowledged) {
            ASSERT_TRUE(stored) << "acknowledged but lost: " << s.user << " " << s.day;
            ids.push_back(q.getColumn(0).getInt64());
        } else {
            ++unanswered;
        }
    }
    std::printf("crash: %zu sent, %zu acknowledged, %d unanswered when killed\n", sent.size(),
                ids.size(), unanswered);
    // All or nothing: every stored request has its audit row and its message.
    const auto count = [&](const char* sql) { return db.execAndGet(sql).getInt64(); };
    const auto stored = count("SELECT count(*) FROM pto_requests");
    EXPECT_EQ(count("SELECT count(*) FROM audit_trail WHERE action = 'recorded'"), stored);
    // (Home tab publishes come beside them, one waiting per person.)
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE method != 'views.publish'"), stored);
    EXPECT_GE(stored, static_cast<long long>(ids.size()));
    EXPECT_LE(stored, static_cast<long long>(ids.size()) + unanswered);

    // Every acknowledged request's message reaches Slack at least once.
    const auto delivered = [&] {
        std::set<std::string> seen;
        for (const auto& call : slack.calls())
            if (call.body.is_object()) seen.insert(call.body.dump());
        std::size_t found = 0;
        for (auto id : ids) {
            const std::string tag = "(PTO-" + std::to_string(id) + ")";
            for (const auto& body : seen)
                if (body.find(tag) != std::string::npos) {
                    ++found;
                    break;
                }
        }
        return found;
    };
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (delivered() < ids.size() && std::chrono::steady_clock::now() < deadline)
        bot->child().wait_for_output("\x01", 100ms);
    EXPECT_EQ(delivered(), ids.size());
}

}  // namespace
