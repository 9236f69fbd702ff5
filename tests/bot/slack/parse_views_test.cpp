// The payloads of Slack's forms, Home tab and shortcuts (slack-protocol.md
// §9): what the parser makes of each.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "bot/slack/form.hpp"
#include "bot/slack/parse.hpp"
#include "bot/slack/requests.hpp"

namespace bot::slack {
namespace {

using nlohmann::json;

Parsed parse_payload(const json& payload) {
    return parse(kFormType, "payload=" + form_encode(payload.dump()));
}

Command command_of(const Parsed& parsed) {
    if (const auto* bad = std::get_if<BadRequest>(&parsed)) ADD_FAILURE() << bad->reason;
    if (const auto* ignored = std::get_if<Ignored>(&parsed)) ADD_FAILURE() << ignored->why;
    return std::holds_alternative<Command>(parsed) ? std::get<Command>(parsed) : Command{};
}

// A submitted view as Slack sends it: each field in its element's shape.
constexpr std::string_view kSubmission = R"({
  "type": "view_submission",
  "team": {"id": "T0001", "domain": "acme"},
  "user": {"id": "U0ANA", "name": "ana", "team_id": "T0001"},
  "api_app_id": "A0001",
  "trigger_id": "12345.98765.abcd",
  "view": {
    "id": "V0FORM", "type": "modal", "callback_id": "pto", "private_metadata": "",
    "hash": "156772938.1827394",
    "state": {"values": {
      "start": {"start": {"type": "datepicker", "selected_date": "2026-12-21"}},
      "end": {"end": {"type": "datepicker", "selected_date": null}},
      "type": {"type": {"type": "static_select",
                        "selected_option": {"text": {"type": "plain_text", "text": "vacation"},
                                            "value": "vacation"}}},
      "reason": {"reason": {"type": "plain_text_input", "value": "family\u0007 trip <3"}},
      "who": {"who": {"type": "checkboxes", "selected_options": [{"value": "a"}, {"value": "b"}]}}
    }}
  }
})";

TEST(SlackParseViews, ASubmissionBecomesItsFormsCommandWithEachValue) {
    const Command cmd = command_of(parse_payload(json::parse(kSubmission)));
    EXPECT_EQ(cmd.source, Source::form);
    EXPECT_EQ(cmd.name, "pto");
    EXPECT_EQ(cmd.user_id, "U0ANA");
    EXPECT_EQ(cmd.trigger_id, "12345.98765.abcd");
    EXPECT_EQ(cmd.submission.view_id, "V0FORM");
    EXPECT_EQ(cmd.submission.hash, "156772938.1827394");
    const std::map<std::string, std::string> values{{"start", "2026-12-21"},
                                                    {"end", ""},
                                                    {"type", "vacation"},
                                                    {"reason", "family trip <3"},
                                                    {"who", "a,b"}};
    EXPECT_EQ(cmd.submission.values, values);  // typed text as typed, control characters dropped
}

TEST(SlackParseViews, AChangedFieldOfAnOpenFormComesWithTheWholeForm) {
    json payload = json::parse(kSubmission);
    payload["type"] = "block_actions";
    payload["container"] = {{"type", "view"}, {"view_id", "V0FORM"}};
    payload["actions"] = {{{"type", "datepicker"},
                           {"action_id", "start"},
                           {"block_id", "start"},
                           {"selected_date", "2026-12-21"}}};
    const Command cmd = command_of(parse_payload(payload));
    EXPECT_EQ(cmd.source, Source::form_changed);
    EXPECT_EQ(cmd.name, "pto");
    EXPECT_EQ(cmd.submission.values.at("type"), "vacation");
}

TEST(SlackParseViews, AButtonOnTheHomeTabIsAButtonOnItsView) {
    json payload = {
        {"type", "block_actions"},
        {"user", {{"id", "U0MGR"}}},
        {"trigger_id", "1.2.3"},
        {"container", {{"type", "view"}, {"view_id", "V0HOME"}}},
        {"view", {{"id", "V0HOME"}, {"type", "home"}}},
        {"actions",
         {{{"type", "button"}, {"action_id", "home.approve.PTO-1"}, {"value", "approve PTO-1"}}}}};
    const Command cmd = command_of(parse_payload(payload));
    EXPECT_EQ(cmd.source, Source::button);
    EXPECT_EQ(cmd.name, "approve");
    EXPECT_EQ(cmd.text, "PTO-1");
    EXPECT_EQ(cmd.message_ts, "V0HOME");  // what a repeated press is the same press on
    EXPECT_EQ(cmd.trigger_id, "1.2.3");
}

TEST(SlackParseViews, AMessageShortcutCarriesTheMessageAndALinkToIt) {
    const json payload = message_shortcut("U0ANA", "office", "the <tap> & sink leak", "C0GEN",
                                          "1700000000.123456", "7.8.9");
    const Command cmd = command_of(parse_payload(payload));
    EXPECT_EQ(cmd.source, Source::shortcut);
    EXPECT_EQ(cmd.name, "office");
    EXPECT_EQ(cmd.message, "the <tap> & sink leak");  // Slack's entities decoded
    EXPECT_EQ(cmd.permalink, "https://local.slack.com/archives/C0GEN/p1700000000123456");
    EXPECT_EQ(cmd.trigger_id, "7.8.9");
}

TEST(SlackParseViews, OpeningTheHomeTabIsACommandButTheMessagesTabIsNot) {
    const json home = home_opened_event("U0ANA", "Ev0H");
    const Command cmd = command_of(parse(kJsonType, home.dump()));
    EXPECT_EQ(cmd.source, Source::home_opened);
    EXPECT_EQ(cmd.user_id, "U0ANA");
    EXPECT_EQ(cmd.event_id, "Ev0H");

    json messages = home;
    messages["event"]["tab"] = "messages";
    EXPECT_TRUE(std::holds_alternative<Ignored>(parse(kJsonType, messages.dump())));
}

TEST(SlackParseViews, PayloadsMissingWhatTheyNeedAreBadRequests) {
    json no_view = json::parse(kSubmission);
    no_view.erase("view");
    json no_form = json::parse(kSubmission);
    no_form["view"].erase("callback_id");
    json no_user = message_shortcut("", "office", "x", "C", "1.2", "t");
    for (const auto& payload : {no_view, no_form, no_user}) {
        SCOPED_TRACE(payload.dump());
        EXPECT_TRUE(std::holds_alternative<BadRequest>(parse_payload(payload)));
    }
}

}  // namespace
}  // namespace bot::slack
