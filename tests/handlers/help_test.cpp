// Each help lists what its caller may do, and nothing they may not
// (product.md: "`/sitelead help` lists everything the caller may do").

#include <gtest/gtest.h>

#include "tests/support/common.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/site.hpp"

namespace {

using testing_support::contains;
using testing_support::Harness;
using testing_support::noon_at;

struct Help : ::testing::Test {
    Harness site{noon_at(2026, 12, 1)};

    bool lists(const std::string& user, const std::string& help, const std::string& usage) {
        return contains(site.slash(user, help).text, usage);
    }
};

// Site leads work tickets and export expenses as BizOps do; only BizOps
// (and admins) mark expenses reimbursed.
TEST_F(Help, SiteLeadsSeeTheTicketAndExportCommandsTheyMayUse) {
    for (const std::string usage :
         {"/office queue", "/office ack OFC-5", "/office assign OFC-5", "/office resolve OFC-5"}) {
        SCOPED_TRACE(usage);
        EXPECT_TRUE(lists("ULEAD", "/office help", usage));
        EXPECT_TRUE(lists("UBIZ", "/office help", usage));
        EXPECT_TRUE(lists("UADMIN", "/office help", usage));
        EXPECT_FALSE(lists("UANNA", "/office help", usage));
    }
    EXPECT_TRUE(lists("ULEAD", "/expense help", "/expense export [2026-11]"));
    EXPECT_TRUE(lists("UBIZ", "/expense help", "/expense export [2026-11]"));
    EXPECT_FALSE(lists("UANNA", "/expense help", "/expense export"));
    EXPECT_FALSE(lists("ULEAD", "/expense help", "/expense reimburse"));
    EXPECT_TRUE(lists("UBIZ", "/expense help", "/expense reimburse"));
    EXPECT_TRUE(lists("UADMIN", "/expense help", "/expense reimburse"));
    // And what help lists, they may do: a site lead's ack is taken.
    site.slash("UANNA", "/office printer on 3F jammed");
    EXPECT_CONTAINS(site.slash("ULEAD", "/office ack OFC-1").text, "OFC-1 is yours");
    EXPECT_CONTAINS(site.slash("ULEAD", "/expense export 2026-11").text, "2026-11");
}

// A DM that only greets or thanks the bot gets a greeting or a "you're
// welcome" back, reaches nobody and records nothing; one that also says
// something else is read as it was before.
TEST_F(Help, AGreetingOrAThanksInADmIsAnsweredInKind) {
    int event = 0;
    auto dm = [&](const std::string& text) {
        return site.dm("UANNA", text, "Ev-talk-" + std::to_string(++event)).text;
    };
    for (const char* hello :
         {"hi", "Hello there!", "hey bot", "good morning", "Good afternoon", "Bom dia", "olá 👋"})
        EXPECT_CONTAINS(dm(hello), "Hi Anna");
    for (const char* thanks :
         {"thanks", "Thank you so much!", "thx :pray:", "ty 🙏", "ok great, thanks for the help",
          "thank you so much for the help", "obrigada"})
        EXPECT_CONTAINS(dm(thanks), "You're welcome!");
    for (const char* other : {"hi, I need a day off", "thanks but no", "good", "ok great",
                              "hello how are you doing today my friend"})
        EXPECT_FALSE(contains(dm(other), "You're welcome") || contains(dm(other), "Hi Anna"))
            << other;
    EXPECT_EQ(site.count("faq_questions"), 0);
    EXPECT_EQ(site.count("tickets"), 0);
}

// "What can you do?" asked of the bot is answered with the help, not sent
// to the site lead as a question the FAQ cannot answer.
TEST_F(Help, AskingWhatTheBotDoesGetsTheHelp) {
    int event = 0;
    auto dm = [&](const std::string& text) {
        return site.dm("UANNA", text, "Ev-about-" + std::to_string(++event)).text;
    };
    for (const char* about : {"what can you do?", "Hey bot, what can you do exactly?",
                              "who are you", "How do I use you?", "help me please"})
        EXPECT_CONTAINS(dm(about), "Here is what I can do for you");
    EXPECT_EQ(site.count("faq_questions"), 0);
    EXPECT_EQ(site.count("outbox", "recipient = 'ULEAD'"), 0);
    EXPECT_FALSE(
        contains(dm("what can you do about the broken printer?"), "Here is what I can do for you"));
}

}  // namespace
