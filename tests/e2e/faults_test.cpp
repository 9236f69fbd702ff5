// Faults the bot must survive with nothing acknowledged lost: its database
// held by another program past the busy timeout, a full disk (a size limit
// SQLite honours), and a database file it cannot use at start.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <thread>

#include <date/date.h>

#include <SQLiteCpp/Database.h>

#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"
#include "tests/support/slack_requests.hpp"
#include "tests/support/test_server.hpp"

namespace {

using namespace testing_support;
using namespace std::chrono_literals;

std::string slash_text(const TestServer& server, const std::string& text) {
    const auto r = server.post(signed_slash("/pto", text, kAna));
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.json().value("text", "");
}

TEST(Faults, ALockHeldPastTheBusyTimeoutIsAClearRefusalAndThenPasses) {
    TestServer server{TestServerOptions{{{"database", {{"busy_timeout_ms", 200}}}}}};
    {
        // Another program takes the database and keeps it.
        SQLite::Database other(server.config().database.path, SQLite::OPEN_READWRITE, 5000);
        other.exec("BEGIN EXCLUSIVE");
        const std::string refused = slash_text(server, "2027-03-15 vacation");
        EXPECT_NE(refused.find("its database is held by another program"), std::string::npos)
            << refused;
        EXPECT_NE(refused.find("Nothing was saved"), std::string::npos) << refused;
        // Answers that only read go on.
        EXPECT_EQ(server.post(signed_slash("/sitelead", "help", kAna)).status, 200u);
        other.exec("ROLLBACK");
    }
    EXPECT_EQ(server.count("pto_requests"), 0);
    const std::string saved = slash_text(server, "2027-03-15 vacation");
    EXPECT_NE(saved.find("Requested PTO-1"), std::string::npos) << saved;
    EXPECT_EQ(server.count("pto_requests"), 1);
}

TEST(Faults, AFullDiskRefusesChangesClearlyKeepsWhatWasAcknowledgedAndRecovers) {
    TestServer server{TestServerOptions{{{"database", {{"max_size_mb", 1}}}}}};
    // Sick days are recorded at once: one a Monday, from 2027 on.
    date::sys_days monday{date::year{2027} / date::January / 4};
    const auto next_day = [&] {
        const std::string text = date::format("%F", monday) + " sick";
        monday += date::days{7};
        return text;
    };
    ASSERT_NE(slash_text(server, next_day()).find("Recorded PTO-1"), std::string::npos);
    {
        // The disk fills up: another program's data takes what was left (it
        // waits its turn for the lock, as any program sharing the file does).
        SQLite::Database other(server.config().database.path, SQLite::OPEN_READWRITE, 5000);
        other.exec("CREATE TABLE ballast (b BLOB)");
        other.exec("INSERT INTO ballast VALUES (zeroblob(1100000))");
    }
    // What still fits in the pages it has is saved; then nothing is.
    long long acknowledged = 1;
    std::string refused;
    for (int i = 0; i < 100 && refused.empty(); ++i) {
        const std::string text = slash_text(server, next_day());
        if (text.find("Recorded PTO-") != std::string::npos)
            ++acknowledged;
        else
            refused = text;
    }
    EXPECT_NE(refused.find("the bot's disk is full"), std::string::npos) << refused;
    EXPECT_EQ(server.count("pto_requests"), acknowledged);  // every one acknowledged, no other
    EXPECT_EQ(server.post(signed_slash("/pto", "balance", kAna)).status, 200u);  // reads go on
    {
        SQLite::Database other(server.config().database.path, SQLite::OPEN_READWRITE, 5000);
        other.exec("DROP TABLE ballast");  // room again
    }
    const std::string saved = slash_text(server, next_day());
    EXPECT_NE(saved.find("Recorded PTO-"), std::string::npos) << saved;
    EXPECT_EQ(server.count("pto_requests"), acknowledged + 1);
    // Every message of an acknowledged request goes out once there is room
    // (delivery never stopped; the outcomes it could not record waited).
    const std::string unsent = "state = 'pending' AND method != 'views.publish'";
    for (int i = 0; i < 250 && server.count("outbox", unsent) > 0; ++i)
        std::this_thread::sleep_for(20ms);
    EXPECT_EQ(server.count("outbox", unsent), 0);
    EXPECT_EQ(server.count("outbox", "method = 'chat.postMessage' AND state = 'sent'"),
              acknowledged + 1);
    std::printf("full disk: %lld requests acknowledged before the limit, then refused: \"%s\"\n",
                acknowledged, refused.c_str());
}

TEST(Faults, ADatabaseFileItCannotUseIsRefusedAtStartWithAMessage) {
    const TempDir dir("sitelead-faults");
    auto cfg = test_config_json(dir / "bad.db");
    std::ofstream(dir / "site.json") << cfg.dump(2);
    std::ofstream(dir / "bad.db") << std::string(4096, 'x');  // not SQLite at all
    auto run = run_child(
        bot_binary(),
        {{"serve", "--config", (dir / "site.json").string()}, {{"SLACK_SIGNING_SECRET", "s"}}, {}});
    EXPECT_NE(run.status, 0);
    EXPECT_NE(run.output.find("cannot open the database"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("file is not a database"), std::string::npos) << run.output;

    // A file from a newer version of the bot.
    std::filesystem::remove(dir / "bad.db");
    {
        SQLite::Database newer((dir / "bad.db").string(),
                               SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        newer.exec("PRAGMA user_version = 999");
    }
    run = run_child(
        bot_binary(),
        {{"serve", "--config", (dir / "site.json").string()}, {{"SLACK_SIGNING_SECRET", "s"}}, {}});
    EXPECT_NE(run.status, 0);
    EXPECT_NE(run.output.find("newer sitelead-bot"), std::string::npos) << run.output;
}

}  // namespace
