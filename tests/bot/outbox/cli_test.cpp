#include "bot/outbox/cli.hpp"

#include <sstream>

#include <gtest/gtest.h>

#include "storage/outbox.hpp"
#include "tests/support/db.hpp"

namespace {

namespace outbox = storage::outbox;
using core::Message;
using testing_support::TempDb;

class OutboxCli : public ::testing::Test {
protected:
    OutboxCli() { cfg.database = tmp.cfg; }

    std::int64_t add_dead(const std::string& to, const std::string& text, const std::string& why) {
        auto db = tmp.connect();
        outbox::enqueue(*db, "r-" + to, {Message::dm(to, text)}, 100);
        const auto id = db->getLastInsertRowid();
        outbox::mark_dead(*db, id, 1, why);
        return id;
    }

    TempDb tmp;
    config::Config cfg;
    std::ostringstream out;
};

TEST_F(OutboxCli, ListsDeadRowsWithTheirErrorAndTheStartOfTheirText) {
    add_dead("C404",
             "Office ticket: the printer on floor 2 is out of toner again, please order more",
             "channel_not_found");
    EXPECT_EQ(bot::outbox_list(cfg, "dead", out), 0);
    const std::string text = out.str();
    EXPECT_NE(text.find("LAST ERROR"), std::string::npos);
    EXPECT_NE(text.find("C404"), std::string::npos);
    EXPECT_NE(text.find("chat.postMessage"), std::string::npos);
    EXPECT_NE(text.find("channel_not_found"), std::string::npos);
    EXPECT_NE(text.find("Office ticket: the printer on floor 2 is out of toner again,..."),
              std::string::npos)
        << text;
}

TEST_F(OutboxCli, SaysSoWhenThereIsNothingToList) {
    EXPECT_EQ(bot::outbox_list(cfg, "pending", out), 0);
    EXPECT_EQ(out.str(), "no pending messages\n");
}

TEST_F(OutboxCli, RefusesAnUnknownStateNamingTheKnownOnes) {
    EXPECT_EQ(bot::outbox_list(cfg, "failed", out), 2);
    EXPECT_EQ(out.str(), "unknown state \"failed\": use pending, sent or dead\n");
}

TEST_F(OutboxCli, ReportsAMissingDatabaseFile) {
    cfg.database.path = (tmp.dir / "nope.db").string();
    EXPECT_EQ(bot::outbox_list(cfg, "dead", out), 1);
    EXPECT_NE(out.str().find("no database at"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(cfg.database.path));
}

TEST_F(OutboxCli, RequeuesEveryDeadRow) {
    add_dead("U1", "a", "channel_not_found");
    add_dead("U2", "b", "gave up");
    EXPECT_EQ(bot::outbox_requeue(cfg, std::nullopt, out), 0);
    EXPECT_NE(out.str().find("re-queued 2 messages"), std::string::npos);
    EXPECT_EQ(tmp.count("outbox", "state = 'pending' AND attempts = 0"), 2);
}

TEST_F(OutboxCli, RefusesToRequeueARowThatIsNotDead) {
    auto db = tmp.connect();
    outbox::enqueue(*db, "r-1", {Message::dm("U1", "hi")}, 100);
    const auto id = db->getLastInsertRowid();
    EXPECT_EQ(bot::outbox_requeue(cfg, id, out), 2);
    EXPECT_EQ(out.str(), "message #" + std::to_string(id) +
                             " is pending, not dead; only dead messages can be re-queued\n");
    out.str("");
    EXPECT_EQ(bot::outbox_requeue(cfg, 999, out), 2);
    EXPECT_NE(out.str().find("there is no outbox message #999"), std::string::npos);
}

}  // namespace
