// The dispatcher through the real service: the answer deadline, refusals
// rolled back, and what goes by HTTP and what by message.

#include <future>
#include <thread>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "bot/dispatch/router.hpp"
#include "storage/faq_store.hpp"
#include "tests/support/common.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/site.hpp"

namespace {

using namespace std::chrono_literals;
using testing_support::Harness;
using testing_support::noon_at;

using testing_support::contains;

using testing_support::HeldWriter;

template <typename F>
bool eventually(F done) {
    for (int i = 0; i < 500; ++i) {
        if (done()) return true;
        std::this_thread::sleep_for(10ms);
    }
    return false;
}

TEST(Dispatcher, AnswersWorkingOnItWhenTheCommitMissesTheDeadlineThenSendsTheOutcome) {
    Harness site{noon_at(2026, 12, 1), {}, 100ms};
    HeldWriter held(site.writer());
    const auto started = std::chrono::steady_clock::now();
    const auto ex = site.slash("UANNA", "/pto dec 21 vacation");
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
    EXPECT_TRUE(contains(ex.text, "Working on it")) << ex.text;
    EXPECT_EQ(site.count("pto_requests"), 0);  // nothing is claimed before the commit

    held.release();
    ASSERT_TRUE(eventually([&] { return site.count("outbox", "recipient = 'UANNA'") == 1; }));
    EXPECT_EQ(site.count("pto_requests", "requester = 'UANNA'"), 1);
    EXPECT_EQ(site.count("outbox", "recipient = 'UANNA' AND payload LIKE '%Requested PTO-1%'"), 1);
    // The approver is asked as usual.
    EXPECT_EQ(site.count("outbox", "recipient = 'UMGR1' AND subject = 'PTO-1'"), 1);
}

TEST(Dispatcher, SendsALateRefusalByMessageToo) {
    Harness site{noon_at(2026, 12, 1), {}, 100ms};
    site.slash("UANNA", "/pto dec 21 vacation");
    HeldWriter held(site.writer());
    const auto ex = site.slash("UANNA", "/pto dec 21 vacation");
    EXPECT_TRUE(contains(ex.text, "Working on it")) << ex.text;
    held.release();
    ASSERT_TRUE(eventually([&] {
        return site.count("outbox", "recipient = 'UANNA' AND payload LIKE '%overlaps%'") == 1;
    }));
    EXPECT_EQ(site.count("pto_requests"), 1);
}

TEST(Dispatcher, AnswersWithinTheDeadlineAsUsual) {
    Harness site{noon_at(2026, 12, 1), {}, 2000ms};
    const auto ex = site.slash("UANNA", "/pto dec 21 vacation");
    EXPECT_TRUE(contains(ex.text, "Requested PTO-1")) << ex.text;
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(site.count("outbox", "recipient = 'UANNA'"), 0);  // no second answer by DM
}

TEST(Dispatcher, AnswersViewsWithoutTheWriter) {
    Harness site{noon_at(2026, 12, 1), {}, 100ms};
    HeldWriter held(site.writer());
    const auto ex = site.slash("UANNA", "/pto balance");
    EXPECT_TRUE(contains(ex.text, "Your PTO balance")) << ex.text;
}

TEST(Dispatcher, TurnsARefusalIntoTheReplyAndChangesNothing) {
    Harness site{noon_at(2026, 12, 1)};
    const auto ex = site.dm("UANNA", "pto 2026-11-03", "Ev1");
    EXPECT_TRUE(contains(ex.text, "in the past")) << ex.text;
    EXPECT_EQ(site.count("pto_requests"), 0);
    EXPECT_EQ(site.count("outbox"), 1);  // the refusal, as a DM
    EXPECT_EQ(site.count("processed_events"), 1);
}

TEST(Dispatcher, GivesTextThatIsNoCommandToTheFallback) {
    Harness site{noon_at(2026, 12, 1)};
    const auto ex = site.dm("UANNA", "where is the wifi password?", "Ev2");
    EXPECT_TRUE(contains(ex.text, "didn't understand \"where is the wifi password?\"")) << ex.text;
}

TEST(Dispatcher, PreparesQuestionsAtOnceAndQueuesEverythingElseWithTheWorkForTheWriter) {
    const config::Config cfg = testing_support::site_config();
    const bot::Router router(cfg, core::system_clock());
    const auto command = [](bot::Source source, std::string name) {
        bot::Command c;
        c.source = source;
        c.name = std::move(name);
        return c;
    };
    using bot::Source;
    EXPECT_TRUE(router.answers_at_once(command(Source::slash_command, "faq")));
    EXPECT_TRUE(router.answers_at_once(command(Source::slash_command, "sitelead")));
    EXPECT_TRUE(router.answers_at_once(command(Source::slash_command, "nonsense")));
    EXPECT_FALSE(router.answers_at_once(command(Source::slash_command, "pto")));
    EXPECT_FALSE(router.answers_at_once(command(Source::slash_command, "approve")));
    // A DM, a mention or a button goes to the writer whatever it says.
    EXPECT_FALSE(router.answers_at_once(command(Source::direct_message, "faq")));
    EXPECT_FALSE(router.answers_at_once(command(Source::mention, "")));
    EXPECT_FALSE(router.answers_at_once(command(Source::button, "faq")));
}

TEST(Dispatcher, AnswersAQuestionWhileTheWriterIsHeld) {
    Harness site{noon_at(2026, 12, 1), {}, 100ms};
    {
        auto db = site.db().connect();
        storage::faq::import_document(*db, nlohmann::json::parse(R"({"entries": [
          {"key": "wifi", "question": "What is the wifi password?", "answer": "Office-Staff."}]})"),
                                      "USEED", 1);
    }
    HeldWriter held(site.writer());
    const auto ex = site.slash("UANNA", "/faq wifi password");
    EXPECT_TRUE(contains(ex.text, "Office-Staff.")) << ex.text;
}

}  // namespace
