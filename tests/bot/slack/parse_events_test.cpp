// The Events API's bodies parsed: the URL handshake, direct messages,
// mentions, files shared in a DM, and what is not somebody asking the bot.

#include "bot/slack/parse.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "bot/slack/requests.hpp"
#include "tests/bot/slack/parse_support.hpp"

namespace bot::slack {
namespace {

using nlohmann::json;
using testing::describe;
using testing::kMessageIm;

// Slack's doc samples (slack-protocol.md §3.5, §4.2), with their trailing
// commas removed; its message.im sample is in parse_support.hpp.
constexpr std::string_view kAppMention = R"({
    "token": "XXYYZZ",
    "team_id": "T123ABC456",
    "api_app_id": "A123ABC456",
    "event": {
        "type": "app_mention",
        "user": "U061F7AUR",
        "text": "<@U0LAN0Z89> is it everything a river should be?",
        "ts": "1515449522.000016",
        "channel": "C123ABC456",
        "event_ts": "1515449522000016"
    },
    "type": "event_callback",
    "authorizations": [
        {
            "team_id": "T123ABC456",
            "user_id": "U123ABC456",
            "is_bot": false,
            "is_enterprise_install": false
        }
    ],
    "event_id": "Ev123ABC456",
    "event_time": 123456789
})";
// A DM event whose text, and optionally other event fields, are replaced.
std::string dm(std::string_view text, const json& extra = json::object()) {
    json body = json::parse(kMessageIm);
    body["event"]["text"] = text;
    body["event"].update(extra);
    return body.dump();
}

// ---- Events API ---------------------------------------------------------------

TEST(SlackParse, AnswersTheUrlVerificationHandshake) {
    const Parsed parsed = parse(kJsonType, R"({"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":)"
                                           R"("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tY)"
                                           R"(XAYM8P","type":"url_verification"})");
    ASSERT_TRUE(std::holds_alternative<UrlVerification>(parsed)) << describe(parsed);
    EXPECT_EQ(std::get<UrlVerification>(parsed).challenge,
              "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
}

TEST(SlackParse, RefusesUrlVerificationWithoutAStringChallenge) {
    for (std::string_view body :
         {R"({"type":"url_verification"})", R"({"type":"url_verification","challenge":42})"}) {
        SCOPED_TRACE(body);
        const Parsed parsed = parse(kJsonType, body);
        ASSERT_TRUE(std::holds_alternative<BadRequest>(parsed)) << describe(parsed);
        EXPECT_EQ(std::get<BadRequest>(parsed).reason,
                  "url_verification without a challenge string");
    }
}

TEST(SlackParse, TurnsADirectMessageIntoACommand) {
    const Parsed parsed = parse(kJsonType, kMessageIm);
    ASSERT_TRUE(std::holds_alternative<Command>(parsed)) << describe(parsed);
    const auto& cmd = std::get<Command>(parsed);
    EXPECT_EQ(cmd.source, Source::direct_message);
    EXPECT_EQ(cmd.user_id, "U2147483697");
    EXPECT_EQ(cmd.channel_id, "D024BE91L");
    EXPECT_EQ(cmd.event_id, "Ev0PV52K21");
    // The first word and the rest; the router decides that "hello" is no
    // command and gives the whole message to the fallback (the FAQ).
    EXPECT_EQ(cmd.name, "hello");
    EXPECT_EQ(cmd.text, "hello can you hear me?");
    EXPECT_EQ(cmd.message, "Hello hello can you hear me?");
}

TEST(SlackParse, TurnsAnAppMentionIntoACommandWithoutTheMention) {
    const Parsed parsed = parse(kJsonType, kAppMention);
    ASSERT_TRUE(std::holds_alternative<Command>(parsed)) << describe(parsed);
    const auto& cmd = std::get<Command>(parsed);
    EXPECT_EQ(cmd.source, Source::mention);
    EXPECT_EQ(cmd.user_id, "U061F7AUR");
    EXPECT_EQ(cmd.channel_id, "C123ABC456");
    EXPECT_EQ(cmd.event_id, "Ev123ABC456");
    EXPECT_EQ(cmd.name, "is");
    EXPECT_EQ(cmd.text, "it everything a river should be?");
    EXPECT_EQ(cmd.message, "is it everything a river should be?");
    EXPECT_EQ(cmd.thread_ts, "1515449522.000016");  // answered in its own thread
    json in_thread = json::parse(kAppMention);
    in_thread["event"]["thread_ts"] = "1515449000.000001";
    EXPECT_EQ(std::get<Command>(parse(kJsonType, in_thread.dump())).thread_ts, "1515449000.000001");
}

TEST(SlackParse, SplitsTheFirstWordOffDirectMessageText) {
    struct Case {
        std::string_view text;
        std::string_view name;
        std::string_view rest;
    };
    const Case cases[] = {
        {"pto dec 21-23 family trip", "pto", "dec 21-23 family trip"},
        {"  PTO  Dec 21 ", "pto", "Dec 21"},
        {"approve PTO-12", "approve", "PTO-12"},
        {"help", "help", ""},
        {"sitelead\tdigest", "sitelead", "digest"},
        {"<@U0LAN0Z89> pto list", "pto", "list"},
        {"<@U0LAN0Z89|sitelead>   approve PTO-12", "approve", "PTO-12"},
        {"<@U0LAN0Z89>", "", ""},
        {"where is the wifi password?", "where", "is the wifi password?"},
        {"ptos are great", "ptos", "are great"},
        {"faq is &lt;b&gt; bold &amp; safe?", "faq", "is <b> bold & safe?"},
        {"&amp;lt;not a tag", "&lt;not", "a tag"},
        // Encoded brackets are text the user typed, not a mention.
        {"&lt;@U1&gt; pto", "<@u1>", "pto"},
        // Only the leading mention is the bot's; later ones are arguments.
        {"deny PTO-3 <@U2147483697>", "deny", "PTO-3 <@U2147483697>"},
        {"<!here> pto", "<!here>", "pto"},
        {"   ", "", ""},
        // Control characters never reach a handler.
        {"pto\x01 dec\x02 21", "pto", "dec 21"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        const Parsed parsed = parse(kJsonType, dm(c.text));
        ASSERT_TRUE(std::holds_alternative<Command>(parsed)) << describe(parsed);
        EXPECT_EQ(std::get<Command>(parsed).name, c.name);
        EXPECT_EQ(std::get<Command>(parsed).text, c.rest);
    }
}

TEST(SlackParse, KeepsTheWholeMessageForTheFallback) {
    const Parsed parsed = parse(kJsonType, dm("<@U0LAN0Z89>  What's the &lt;wifi&gt;?"));
    ASSERT_TRUE(std::holds_alternative<Command>(parsed)) << describe(parsed);
    EXPECT_EQ(std::get<Command>(parsed).message, "What's the <wifi>?");
}

TEST(SlackParse, IgnoresMessagesThatAreNotSomebodyAskingTheBot) {
    json app_mention_by_bot = json::parse(kAppMention);
    app_mention_by_bot["event"]["bot_id"] = "B1";
    json app_mention_subtype = json::parse(kAppMention);
    app_mention_subtype["event"]["subtype"] = "thread_broadcast";
    json channel_message = json::parse(kMessageIm);
    channel_message["event"]["channel_type"] = "channel";
    json no_channel_type = json::parse(kMessageIm);
    no_channel_type["event"].erase("channel_type");
    json no_user = json::parse(kMessageIm);
    no_user["event"].erase("user");
    // The classic bot_message event of slack-protocol.md §3.6, verbatim.
    json classic_bot = json::parse(kMessageIm);
    classic_bot["event"] = json::parse(R"({"type": "message", "subtype": "bot_message",
        "ts": "1358877455.000010", "text": "Pushing is the answer", "bot_id": "BB12033",
        "username": "github", "icons": {}})");

    struct Case {
        std::string body;
        std::string why;
    };
    const Case cases[] = {
        {classic_bot.dump(), "bot message"},
        // A current app's bot: bot_id beside an ordinary user id.
        {dm("pto list", {{"bot_id", "B0LAN0Z89"}, {"bot_profile", {{"id", "B0LAN0Z89"}}}}),
         "bot message"},
        {dm("pto list", {{"subtype", "message_changed"}}), "message subtype message_changed"},
        {dm("pto list", {{"edited", {{"user", "U2147483697"}, {"ts", "1355517524.000000"}}}}),
         "edited message"},
        {channel_message.dump(), "message outside a DM"},
        {no_channel_type.dump(), "message outside a DM"},
        {no_user.dump(), "message without a user"},
        {app_mention_by_bot.dump(), "bot message"},
        {app_mention_subtype.dump(), "message subtype thread_broadcast"},
        {R"({"type":"event_callback","event_id":"Ev1","event":{"type":"reaction_added",)"
         R"("user":"U1"}})",
         "event type reaction_added"},
        {R"({"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","type":"app_rate_limited","team_id":)"
         R"("T123ABC456","minute_rate_limited":1518467820,"api_app_id":"A123ABC456"})",
         "envelope type app_rate_limited"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.body);
        const Parsed parsed = parse(kJsonType, c.body);
        ASSERT_TRUE(std::holds_alternative<Ignored>(parsed)) << describe(parsed);
        EXPECT_EQ(std::get<Ignored>(parsed).why, c.why);
    }
}

// A file shared in a DM (Events API message, subtype file_share): the files'
// ids, names and permalinks come with what was typed.
TEST(SlackParse, ReadsFilesSharedInADm) {
    const std::string body =
        dm("expense 12 meals lunch",
           {{"subtype", "file_share"},
            {"files",
             {{{"id", "F0R3C31PT"},
               {"name", "lunch.jpg"},
               {"mimetype", "image/jpeg"},
               {"permalink", "https://acme.slack.com/files/U2147483697/F0R3C31PT/lunch.jpg"}}}}});
    const Parsed parsed = parse(kJsonType, body);
    ASSERT_TRUE(std::holds_alternative<Command>(parsed)) << describe(parsed);
    const Command& cmd = std::get<Command>(parsed);
    EXPECT_EQ(cmd.name, "expense");
    ASSERT_EQ(cmd.files.size(), 1u);
    EXPECT_EQ(cmd.files[0].id, "F0R3C31PT");
    EXPECT_EQ(cmd.files[0].name, "lunch.jpg");
    EXPECT_EQ(cmd.files[0].permalink,
              "https://acme.slack.com/files/U2147483697/F0R3C31PT/lunch.jpg");
    // Outside a DM a shared file is not for the bot.
    json in_channel = json::parse(body);
    in_channel["event"]["channel_type"] = "channel";
    EXPECT_TRUE(std::holds_alternative<Ignored>(parse(kJsonType, in_channel.dump())));
}

TEST(SlackParse, RefusesMalformedEventBodies) {
    json no_event_id = json::parse(kMessageIm);
    no_event_id.erase("event_id");
    json no_event = json::parse(kMessageIm);
    no_event.erase("event");

    struct Case {
        std::string body;
        std::string reason;
    };
    const Case cases[] = {
        {"{\"type\": \"event_callback\",", "body is not valid JSON"},
        {"", "body is not valid JSON"},
        {"[1, 2]", "body is not valid JSON"},
        {"\"event_callback\"", "body is not valid JSON"},
        {no_event_id.dump(), "missing event_id"},
        {no_event.dump(), "event_callback without an event object"},
        {R"({"event_id":"Ev1"})", "body has no type; expected an Events API envelope"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.body);
        const Parsed parsed = parse(kJsonType, c.body);
        ASSERT_TRUE(std::holds_alternative<BadRequest>(parsed)) << describe(parsed);
        EXPECT_EQ(std::get<BadRequest>(parsed).reason, c.reason);
    }
}

}  // namespace
}  // namespace bot::slack
