#include "bot/slack/form.hpp"

#include <gtest/gtest.h>

#include <string>

namespace bot::slack {
namespace {

TEST(SlackForm, DecodesFieldsLikeAFormNotLikeAUrl) {
    struct Case {
        std::string_view body;
        std::string_view key;
        std::string_view value;
    };
    const Case cases[] = {
        {"a=a+b%2Bc", "a", "a b+c"},  // '+' is a space, "%2B" a plus
        {"text=pto+dec+21-23+family+trip", "text", "pto dec 21-23 family trip"},
        {"enterprise_name=Globular%20Construct%20Inc", "enterprise_name", "Globular Construct Inc"},
        {"command=/weather", "command", "/weather"},  // raw '/' as in Slack's own example
        {"response_url=https://hooks.slack.com/commands/1234/5678", "response_url",
         "https://hooks.slack.com/commands/1234/5678"},
        {"text=", "text", ""},
        {"text", "text", ""},
        {"text=a%3Db%26c", "text", "a=b&c"},
        {"text=x=y", "text", "x=y"},  // only the first '=' separates
        {"my+key=1", "my key", "1"},  // keys are decoded too
        {"text=caf%C3%A9", "text", "caf\xC3\xA9"},
        {"text=faq add wifi | it is guest", "text", "faq add wifi | it is guest"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.body);
        const auto form = parse_form(c.body);
        ASSERT_TRUE(form.has_value());
        ASSERT_TRUE(form->contains(std::string(c.key)));
        EXPECT_EQ(form->at(std::string(c.key)), c.value);
    }
}

TEST(SlackForm, RefusesMalformedEscapes) {
    for (std::string_view body : {"a=%zz", "a=%4", "a=%", "a=ok&b=100%", "%G1=x", "a=%4g"}) {
        SCOPED_TRACE(body);
        EXPECT_FALSE(parse_form(body).has_value());
    }
}

TEST(SlackForm, ReadsEveryFieldOfTheSigningExample) {
    const auto form = parse_form(
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id="
        "G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-"
        "collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%"
        "2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121."
        "803a0bc887a14d10d2c447fce8b6703c");
    ASSERT_TRUE(form.has_value());
    EXPECT_EQ(form->size(), 11u);
    EXPECT_EQ(form->at("command"), "/webhook-collect");
    EXPECT_EQ(form->at("text"), "");
    EXPECT_EQ(form->at("user_id"), "U2CERLKJA");
    EXPECT_EQ(form->at("response_url"),
              "https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN");
    EXPECT_EQ(form->at("trigger_id"), "398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");
}

TEST(SlackForm, KeepsTheFirstOfARepeatedKey) {
    const auto form = parse_form("user_id=U1&user_id=U2");
    ASSERT_TRUE(form.has_value());
    EXPECT_EQ(form->at("user_id"), "U1");
}

TEST(SlackForm, SkipsEmptyFields) {
    const auto form = parse_form("&a=1&&b=2&");
    ASSERT_TRUE(form.has_value());
    EXPECT_EQ(form->size(), 2u);
    EXPECT_EQ(form->at("a"), "1");
    EXPECT_EQ(form->at("b"), "2");
}

TEST(SlackForm, AnEmptyBodyIsAnEmptyForm) {
    const auto form = parse_form("");
    ASSERT_TRUE(form.has_value());
    EXPECT_TRUE(form->empty());
}

TEST(SlackForm, EncodesAllButUnreservedCharactersWithSpacesAsPlus) {
    struct Case {
        std::string_view raw;
        std::string_view encoded;
    };
    const Case cases[] = {
        {"pto dec 21", "pto+dec+21"}, {"a+b", "a%2Bb"},
        {"/pto", "%2Fpto"},           {"a&b=c", "a%26b%3Dc"},
        {"AZaz09-._~", "AZaz09-._~"}, {"{\"x\":1}", "%7B%22x%22%3A1%7D"},
        {"caf\xC3\xA9", "caf%C3%A9"}, {"", ""},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.raw);
        EXPECT_EQ(form_encode(c.raw), c.encoded);
    }
}

TEST(SlackForm, EncodingThenParsingGivesBackTheValue) {
    const std::string value = "approve PTO-12 ok? 100% & more: +1 <@U1|ann> \"quoted\"\n";
    const auto form = parse_form("text=" + form_encode(value));
    ASSERT_TRUE(form.has_value());
    EXPECT_EQ(form->at("text"), value);
}

}  // namespace
}  // namespace bot::slack
