// Slack's request bodies parsed: content types, slash commands, forms and
// button presses. The Events API's bodies: parse_events_test.cpp.

#include "bot/slack/parse.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "bot/slack/form.hpp"
#include "bot/slack/requests.hpp"
#include "tests/bot/slack/parse_support.hpp"

namespace bot::slack {
namespace {

using nlohmann::json;
using testing::describe;
using testing::kMessageIm;

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

std::string payload_body(const json& payload) {
    return "payload=" + form_encode(payload.dump());
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

}  // namespace
}  // namespace bot::slack
