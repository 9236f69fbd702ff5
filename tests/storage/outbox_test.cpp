#include <gtest/gtest.h>

#include "core/json_text.hpp"
#include "storage/outbox.hpp"
#include "tests/support/common.hpp"
#include "tests/support/db.hpp"

namespace {

using core::Message;
using testing_support::TempDb;

using testing_support::approval;

TEST(Outbox, EnqueueWritesOnePendingRowPerPost) {
    TempDb tmp;
    auto db = tmp.connect();
    EXPECT_EQ(storage::outbox::enqueue(
                  *db, "r-1", {Message::dm("U1", "hello"), Message::dm("C9", "ticket")}, 1000),
              2);
    auto rows = storage::outbox::by_request(*db, "r-1");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].recipient, "U1");
    EXPECT_EQ(rows[0].method, "chat.postMessage");
    EXPECT_EQ(rows[0].body()["channel"], "U1");
    EXPECT_EQ(rows[0].body()["text"], "hello");
    EXPECT_FALSE(rows[0].body().contains("blocks"));
    EXPECT_EQ(rows[0].state, "pending");
    EXPECT_EQ(rows[0].next_attempt_at, 1000);
    EXPECT_EQ(rows[1].recipient, "C9");
}

TEST(Outbox, UpdateReplacesEveryPostAboutTheSubjectThatStillHasButtons) {
    TempDb tmp;
    auto db = tmp.connect();
    storage::outbox::enqueue(
        *db, "r-1",
        {approval("UMGR", "PTO-1"), approval("ULEAD", "PTO-1"), approval("UMGR", "PTO-2")}, 1);
    EXPECT_EQ(storage::outbox::enqueue(
                  *db, "r-2", {Message::update_buttons("PTO-1", "Approved by <@UMGR>")}, 2),
              2);
    auto updates = storage::outbox::by_request(*db, "r-2");
    ASSERT_EQ(updates.size(), 2u);
    EXPECT_EQ(updates[0].method, "chat.update");
    EXPECT_EQ(updates[0].recipient, "UMGR");
    EXPECT_EQ(updates[1].recipient, "ULEAD");
    EXPECT_TRUE(updates[0].target_id.has_value());
    EXPECT_EQ(updates[0].body()["text"], "Approved by <@UMGR>");
    // The buttons are gone now: a second decision updates nothing.
    EXPECT_EQ(storage::outbox::enqueue(*db, "r-3", {Message::update_buttons("PTO-1", "again")}, 3),
              0);
    // Another subject's buttons stay.
    EXPECT_EQ(storage::outbox::enqueue(*db, "r-4", {Message::update_buttons("PTO-2", "done")}, 4),
              1);
}

TEST(Outbox, EditAndReplyTargetTheFirstPostAboutTheSubjectToTheirChannel) {
    TempDb tmp;
    auto db = tmp.connect();
    Message triage = Message::dm("CBIZ", "OFC-1 filed");
    triage.subject = "OFC-1";
    Message dm = Message::dm("UREQ", "you filed OFC-1");
    dm.subject = "OFC-1";
    dm.has_buttons = true;
    storage::outbox::enqueue(*db, "r-1", {triage, dm}, 1);
    const auto posts = storage::outbox::by_request(*db, "r-1");

    EXPECT_EQ(storage::outbox::enqueue(*db, "r-2",
                                       {Message::edit("CBIZ", "OFC-1", "OFC-1 acknowledged"),
                                        Message::reply("CBIZ", "OFC-1", "acknowledged by Ana")},
                                       2),
              2);
    const auto rows = storage::outbox::by_request(*db, "r-2");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].method, "chat.update");
    EXPECT_EQ(rows[1].method, "chat.postMessage");
    for (const auto& row : rows) {
        EXPECT_EQ(row.recipient, "CBIZ");  // after the post, in its line
        EXPECT_EQ(row.target_id, posts[0].id);
    }
    EXPECT_EQ(storage::outbox::addressed(rows[0].payload, rows[0].method, "C1", "17.1"),
              R"({"channel":"C1","ts":"17.1","text":"OFC-1 acknowledged"})");
    EXPECT_EQ(storage::outbox::addressed(rows[1].payload, rows[1].method, "C1", "17.1"),
              R"({"channel":"C1","thread_ts":"17.1","text":"acknowledged by Ana"})");
    // The edit kept the DM's buttons; an update of the subject still finds them.
    EXPECT_EQ(storage::outbox::enqueue(*db, "r-3", {Message::update_buttons("OFC-1", "done")}, 3),
              1);
    // No post to that channel: nothing to edit.
    EXPECT_EQ(storage::outbox::enqueue(*db, "r-4", {Message::edit("COTHER", "OFC-1", "x")}, 4), 0);
}

TEST(Outbox, AWebhookIsOneRowToItsUrlWhosePayloadIsItsDocumentWithSlotsFilled) {
    TempDb tmp;
    auto db = tmp.connect();
    const std::string url = "https://hooks.example/tickets?key=k1";
    Message hook = Message::webhook(
        url, R"({"ticket":)" + core::json_string("OFC-" + core::slot(0)) + R"(,"state":"open"})");
    hook.subject = "OFC-" + core::slot(0);
    EXPECT_EQ(storage::outbox::enqueue(
                  *db, "r-1", storage::outbox::prepare(std::vector<Message>{hook}), {"3"}, 1000),
              1);
    const auto rows = storage::outbox::by_request(*db, "r-1");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].method, "webhook");
    EXPECT_EQ(rows[0].method, storage::outbox::kWebhookMethod);
    EXPECT_EQ(rows[0].recipient, url);
    EXPECT_EQ(rows[0].payload, R"({"ticket":"OFC-3","state":"open"})");
    EXPECT_EQ(rows[0].subject, "OFC-3");
    EXPECT_FALSE(rows[0].target_id.has_value());
    EXPECT_EQ(rows[0].state, "pending");
    EXPECT_EQ(rows[0].next_attempt_at, 1000);
    // It is no Slack post: nothing about its subject edits or answers it.
    EXPECT_EQ(storage::outbox::enqueue(
                  *db, "r-2",
                  {Message::edit(url, "OFC-3", "x"), Message::reply(url, "OFC-3", "y"),
                   Message::update_buttons("OFC-3", "z")},
                  2),
              0);
}

TEST(Outbox, APostInAThreadNamesIt) {
    TempDb tmp;
    auto db = tmp.connect();
    Message m = Message::dm("C1", "Filed OFC-2");
    m.thread_ts = "1515449522.000016";
    storage::outbox::enqueue(*db, "r-1", {m}, 1);
    EXPECT_EQ(storage::outbox::by_request(*db, "r-1").at(0).body()["thread_ts"],
              "1515449522.000016");
}

}  // namespace
