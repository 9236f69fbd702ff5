#include "bot/slack/parse.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "bot/slack/form.hpp"

namespace bot::slack {
namespace {

using nlohmann::json;

constexpr std::string_view kFormType = "application/x-www-form-urlencoded";
constexpr std::string_view kJsonType = "application/json";

// Slack's doc samples (slack-protocol.md §3.4, §3.5, §4.2), with their
// trailing commas removed.
constexpr std::string_view kMessageIm = R"({
    "token": "one-long-verification-token",
    "team_id": "T123ABC456",
    "api_app_id": "A0PNCHHK2",
    "event": {
        "type": "message",
        "channel": "D024BE91L",
        "user": "U2147483697",
        "text": "Hello hello can you hear me?",
        "ts": "1355517523.000005",
        "event_ts": "1355517523.000005",
        "channel_type": "im"
    },
    "type": "event_callback",
    "authorizations": [
        {
            "team_id": "T123ABC456",
            "user_id": "U2147483697",
            "is_bot": false,
            "is_enterprise_install": false
        }
    ],
    "event_id": "Ev0PV52K21",
    "event_time": 1355517523
})";

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

// bolt-python's block_actions fixture, with the value our buttons carry.
constexpr std::string_view kBlockActions = R"({
    "type": "block_actions",
    "user": {"id": "W111", "username": "primary-owner", "name": "primary-owner",
             "team_id": "T111"},
    "api_app_id": "A111",
    "token": "verification_token",
    "container": {"type": "message", "message_ts": "111.222", "channel_id": "C111",
                  "is_ephemeral": true},
    "trigger_id": "111.222.valid",
    "team": {"id": "T111", "domain": "workspace-domain", "enterprise_id": "E111",
             "enterprise_name": "Sandbox Org"},
    "channel": {"id": "C111", "name": "test-channel"},
    "response_url": "https://hooks.slack.com/actions/T111/111/random-value",
    "actions": [
        {"action_id": "pto.approve", "block_id": "b",
         "text": {"type": "plain_text", "text": "Button", "emoji": true},
         "value": "approve PTO-12", "type": "button", "action_ts": "1596530385.194939"}
    ]
})";

std::string describe(const Parsed& parsed) {
    struct Visitor {
        std::string operator()(const Command& c) const { return "Command " + c.name; }
        std::string operator()(const UrlVerification&) const { return "UrlVerification"; }
        std::string operator()(const SslCheck&) const { return "SslCheck"; }
        std::string operator()(const Ignored& i) const { return "Ignored: " + i.why; }
        std::string operator()(const BadRequest& b) const { return "BadRequest: " + b.reason; }
    };
    return std::visit(Visitor{}, parsed);
}

std::string payload_body(const json& payload) {
    return "payload=" + form_encode(payload.dump());
}

// A DM event whose text, and optionally other event fields, are replaced.
std::string dm(std::string_view text, const json& extra = json::object()) {
    json body = json::parse(kMessageIm);
    body["event"]["text"] = text;
    body["event"].update(extra);
    return body.dump();
}

// ---- content types ----------------------------------------------------------

TEST(SlackParse, MatchesContentTypesIgnoringCaseAndParameters) {
    for (std::string_view type : {"application/json", "application/json; charset=utf-8",
                                  "Application/JSON;charset=UTF-8", " application/json "}) {
        SCOPED_TRACE(type);
        const Parsed parsed = parse(type, kMessageIm);
        EXPECT_TRUE(std::holds_alternative<Command>(parsed)) << describe(parsed);
    }
    const Parsed form = parse("application/x-www-form-urlencoded; charset=UTF-8", "ssl_check=1");
    EXPECT_TRUE(std::holds_alternative<SslCheck>(form)) << describe(form);
}

TEST(SlackParse, RefusesUnsupportedContentTypesSayingWhatSlackSends) {
    const Parsed parsed = parse("text/plain; charset=utf-8", "hello");
    ASSERT_TRUE(std::holds_alternative<BadRequest>(parsed)) << describe(parsed);
    EXPECT_EQ(std::get<BadRequest>(parsed).reason,
              "unsupported content type text/plain; Slack sends "
              "application/x-www-form-urlencoded or application/json");

    const Parsed none = parse("", "hello");
    ASSERT_TRUE(std::holds_alternative<BadRequest>(none)) << describe(none);
    EXPECT_NE(std::get<BadRequest>(none).reason.find("(none)"), std::string::npos);
}

// ---- slash commands -----------------------------------------------------------

TEST(SlackParse, ReadsSlacksSlashCommandExample) {
    const Parsed parsed = parse(
        kFormType,
        "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&enterprise_id=E0001&"
        "enterprise_name=Globular%20Construct%20Inc&channel_id=C2147483705&channel_name=test&"
        "user_id=U2147483697&user_name=Steve&command=/weather&text=94070&response_url=https://"
        "hooks.slack.com/commands/1234/5678&trigger_id=13345224609.738474920.8088930838d88f008e0&"
        "api_app_id=A123456");
    ASSERT_TRUE(std::holds_alternative<Command>(parsed)) << describe(parsed);
    const auto& cmd = std::get<Command>(parsed);
    EXPECT_EQ(cmd.source, Source::slash_command);
    EXPECT_EQ(cmd.name, "weather");
    EXPECT_EQ(cmd.text, "94070");
    EXPECT_EQ(cmd.user_id, "U2147483697");
    EXPECT_EQ(cmd.channel_id, "C2147483705");
    EXPECT_TRUE(cmd.event_id.empty());
}

TEST(SlackParse, ReadsTheSigningExampleAsASlashCommand) {
    const Parsed parsed = parse(
        kFormType,
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id="
        "G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-"
        "collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%"
        "2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121."
        "803a0bc887a14d10d2c447fce8b6703c");
    ASSERT_TRUE(std::holds_alternative<Command>(parsed)) << describe(parsed);
    const auto& cmd = std::get<Command>(parsed);
    EXPECT_EQ(cmd.name, "webhook-collect");
    EXPECT_EQ(cmd.text, "");
    EXPECT_EQ(cmd.user_id, "U2CERLKJA");
    EXPECT_EQ(cmd.channel_id, "G8PSS9T3V");
}

TEST(SlackParse, NormalisesSlashCommandNameAndText) {
    struct Case {
        std::string_view fields;
        std::string_view name;
        std::string_view text;
    };
    const Case cases[] = {
        {"command=%2FPTO&text=+dec+21-23++family+trip+", "pto", "dec 21-23  family trip"},
        {"command=expense&text=", "expense", ""},  // no slash, no text
        {"command=%2Ffaq&text=a+%26lt%3B+b+%26gt%3B+c+%26amp%3B+d", "faq", "a < b > c & d"},
        {"command=%2Ffaq&text=%26amp%3Blt%3B", "faq", "&lt;"},  // decoded once, not twice
        {"command=%2Fapprove&text=PTO-3+for+%3C%40U2147483697%7Cann%3E", "approve",
         "PTO-3 for <@U2147483697|ann>"},
        {"command=%2Ffaq&text=add+wifi+%7C+guest+network", "faq", "add wifi | guest network"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.fields);
        const Parsed parsed = parse(kFormType, "user_id=U1&channel_id=C1&" + std::string(c.fields));
        ASSERT_TRUE(std::holds_alternative<Command>(parsed)) << describe(parsed);
        EXPECT_EQ(std::get<Command>(parsed).name, c.name);
        EXPECT_EQ(std::get<Command>(parsed).text, c.text);
    }
}

TEST(SlackParse, RefusesBadFormBodies) {
    struct Case {
        std::string_view body;
        std::string_view reason;
    };
    const Case cases[] = {
        {"command=%2Fpto&text=dec+21", "missing user_id"},
        {"command=%2Fpto&user_id=&text=dec+21", "missing user_id"},
        {"command=%2F&user_id=U1", "empty command; expected command=/name"},
        {"user_id=U1&text=hello",
         "expected a slash command (command=...) or an interaction (payload=...)"},
        {"", "expected a slash command (command=...) or an interaction (payload=...)"},
        {"command=%2Fpto&user_id=U1&text=100%zz",
         "body is not valid form encoding (a '%' must be followed by two hex digits)"},
        {"payload=%7Bnot+json", "payload is not valid JSON"},
        {"payload=%5B1%5D", "payload is not a JSON object"},
        {"payload=%7B%7D", "payload is missing type"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.body);
        const Parsed parsed = parse(kFormType, c.body);
        ASSERT_TRUE(std::holds_alternative<BadRequest>(parsed)) << describe(parsed);
        EXPECT_EQ(std::get<BadRequest>(parsed).reason, c.reason);
    }
}

TEST(SlackParse, AnswersSslChecksWhateverElseTheFormCarries) {
    for (std::string_view body :
         {"ssl_check=1&token=abc", "ssl_check=1&command=%2Fpto&user_id=U1"}) {
        SCOPED_TRACE(body);
        const Parsed parsed = parse(kFormType, body);
        EXPECT_TRUE(std::holds_alternative<SslCheck>(parsed)) << describe(parsed);
    }
}

// ---- interactivity ------------------------------------------------------------

TEST(SlackParse, TurnsAButtonPressIntoACommand) {
    const Parsed parsed = parse(kFormType, payload_body(json::parse(kBlockActions)));
    ASSERT_TRUE(std::holds_alternative<Command>(parsed)) << describe(parsed);
    const auto& cmd = std::get<Command>(parsed);
    EXPECT_EQ(cmd.source, Source::button);
    EXPECT_EQ(cmd.user_id, "W111");
    EXPECT_EQ(cmd.channel_id, "C111");
    EXPECT_EQ(cmd.name, "approve");
    EXPECT_EQ(cmd.text, "PTO-12");
    EXPECT_EQ(cmd.action_id, "pto.approve");
    EXPECT_EQ(cmd.action_value, "approve PTO-12");
    EXPECT_EQ(cmd.message_ts, "111.222");
}

TEST(SlackParse, TakesChannelAndMessageFromTheirOwnFieldsWhenTheContainerLacksThem) {
    json payload = json::parse(kBlockActions);
    payload["container"] = {{"type", "message"}};
    payload["channel"]["id"] = "C222";
    payload["message"] = {{"type", "message"}, {"ts", "333.444"}};
    const Parsed parsed = parse(kFormType, payload_body(payload));
    ASSERT_TRUE(std::holds_alternative<Command>(parsed)) << describe(parsed);
    EXPECT_EQ(std::get<Command>(parsed).channel_id, "C222");
    EXPECT_EQ(std::get<Command>(parsed).message_ts, "333.444");
}

TEST(SlackParse, LowerCasesTheButtonsCommandWord) {
    json payload = json::parse(kBlockActions);
    payload["actions"][0]["value"] = "  Deny   EXP-7 ";
    const Parsed parsed = parse(kFormType, payload_body(payload));
    ASSERT_TRUE(std::holds_alternative<Command>(parsed)) << describe(parsed);
    EXPECT_EQ(std::get<Command>(parsed).name, "deny");
    EXPECT_EQ(std::get<Command>(parsed).text, "EXP-7");
}

TEST(SlackParse, RefusesButtonPressesWithoutUserOrActions) {
    json no_user = json::parse(kBlockActions);
    no_user["user"].erase("id");
    json no_actions = json::parse(kBlockActions);
    no_actions.erase("actions");
    json empty_actions = json::parse(kBlockActions);
    empty_actions["actions"] = json::array();

    for (const auto& [payload, field] :
         {std::pair{no_user, "user.id"}, std::pair{no_actions, "actions"},
          std::pair{empty_actions, "actions"}}) {
        SCOPED_TRACE(payload.dump());
        const Parsed parsed = parse(kFormType, payload_body(payload));
        ASSERT_TRUE(std::holds_alternative<BadRequest>(parsed)) << describe(parsed);
        EXPECT_NE(std::get<BadRequest>(parsed).reason.find(field), std::string::npos);
    }
}

TEST(SlackParse, IgnoresOtherInteractions) {
    json view = {{"type", "view_closed"}, {"user", {{"id", "U1"}}}};
    json select = json::parse(kBlockActions);
    select["actions"][0] = {{"type", "static_select"}, {"action_id", "pick"}};
    json link = json::parse(kBlockActions);
    link["actions"][0].erase("value");

    for (const auto& [payload, why] : {std::pair{view, "interaction type view_closed"},
                                       std::pair{select, "block action static_select"},
                                       std::pair{link, "button without a value"}}) {
        SCOPED_TRACE(why);
        const Parsed parsed = parse(kFormType, payload_body(payload));
        ASSERT_TRUE(std::holds_alternative<Ignored>(parsed)) << describe(parsed);
        EXPECT_EQ(std::get<Ignored>(parsed).why, why);
    }
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
