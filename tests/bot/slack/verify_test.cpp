#include "bot/slack/verify.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>

namespace bot::slack {
namespace {

using std::chrono::system_clock;

// The worked example of Slack's "Verifying requests from Slack" page, also
// used by the official Python, JavaScript and Java SDK tests.
constexpr std::string_view kSecret = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr std::string_view kTimestamp = "1531420618";
constexpr std::int64_t kTime = 1531420618;
constexpr std::string_view kBody =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id="
    "G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-"
    "collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%"
    "2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121."
    "803a0bc887a14d10d2c447fce8b6703c";
constexpr std::string_view kSignature =
    "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

system_clock::time_point at(std::int64_t unix_seconds) {
    return system_clock::time_point{std::chrono::seconds{unix_seconds}};
}

Verdict verify_at(std::int64_t now, std::string_view signature = kSignature,
                  std::string_view timestamp = kTimestamp, std::string_view body = kBody) {
    return verify(kSecret, body, timestamp, signature, at(now));
}

TEST(SlackVerify, OfficialBodyIsTheDocumentedLength) {
    // Guards the constant above against a stray character when it was split.
    EXPECT_EQ(kBody.size(), 362u);
}

TEST(SlackVerify, AcceptsTheOfficialExampleAtItsOwnTime) {
    EXPECT_EQ(verify_at(kTime), Verdict::ok);
}

TEST(SlackVerify, AcceptsTimestampsExactlyFiveMinutesAwayInEitherDirection) {
    EXPECT_EQ(verify_at(kTime + 300), Verdict::ok);
    EXPECT_EQ(verify_at(kTime - 300), Verdict::ok);
}

TEST(SlackVerify, RefusesTimestampsMoreThanFiveMinutesAwayAsStale) {
    EXPECT_EQ(verify_at(kTime + 301), Verdict::stale);
    EXPECT_EQ(verify_at(kTime - 301), Verdict::stale);  // from the future
}

TEST(SlackVerify, SubSecondClockReadingsCountWholeSeconds) {
    const auto now = at(kTime + 300) + std::chrono::milliseconds{999};
    EXPECT_EQ(verify(kSecret, kBody, kTimestamp, kSignature, now), Verdict::ok);
}

TEST(SlackVerify, RefusesATamperedBody) {
    const std::string tampered = std::string(kBody) + "------";
    EXPECT_EQ(verify_at(kTime, kSignature, kTimestamp, tampered), Verdict::bad_signature);
}

TEST(SlackVerify, RefusesTheRightSignatureUnderAnotherSecret) {
    EXPECT_EQ(verify("8f742231b10e8888abcd99yyyzzz85a6", kBody, kTimestamp, kSignature, at(kTime)),
              Verdict::bad_signature);
}

TEST(SlackVerify, RefusesTheRightSignatureForAnotherTimestamp) {
    EXPECT_EQ(verify_at(kTime, kSignature, "1531420619"), Verdict::bad_signature);
}

TEST(SlackVerify, AcceptsTheDerivedVectors) {
    struct Case {
        std::string_view body;
        std::string_view signature;
    };
    const Case cases[] = {
        {R"({"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":)"
         R"("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"})",
         "v0=f9bd80929259f3f6d5fe3a3186c453c89cd1ad4862815a15837584f31c993652"},
        {"", "v0=55f41ec73231010289b54e669149ea021fccab11b5524355523533ce930cb739"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.body);
        EXPECT_EQ(verify_at(kTime, c.signature, kTimestamp, c.body), Verdict::ok);
        EXPECT_EQ(sign(kSecret, kTimestamp, c.body), c.signature);
    }
}

TEST(SlackVerify, TamperedBodyHasTheDerivedSignatureNotTheOfficialOne) {
    const std::string tampered = std::string(kBody) + "------";
    EXPECT_EQ(sign(kSecret, kTimestamp, tampered),
              "v0=54d12afb4ea9655825354a816a2a8548469aa0da991a1fae65b0ee5bd4f32b6b");
}

TEST(SlackVerify, SignReproducesTheOfficialSignature) {
    EXPECT_EQ(sign(kSecret, kTimestamp, kBody), kSignature);
}

TEST(SlackVerify, RefusesMissingHeaders) {
    EXPECT_EQ(verify_at(kTime, kSignature, ""), Verdict::missing_headers);
    EXPECT_EQ(verify_at(kTime, ""), Verdict::missing_headers);
    EXPECT_EQ(verify_at(kTime, "", ""), Verdict::missing_headers);
}

TEST(SlackVerify, RefusesTimestampsThatAreNotPlainDecimalUnixSeconds) {
    for (std::string_view ts : {"abc", "-1531420618", "+1531420618", " 1531420618", "1531420618 ",
                                "1531420618.5", "0x5B47A3CA", "99999999999999999999999"}) {
        SCOPED_TRACE(ts);
        EXPECT_EQ(verify_at(kTime, kSignature, ts), Verdict::bad_timestamp);
    }
}

TEST(SlackVerify, RefusesOtherSignatureVersions) {
    std::string v1(kSignature);
    v1[1] = '1';
    EXPECT_EQ(verify_at(kTime, v1), Verdict::bad_signature);
}

TEST(SlackVerify, RefusesSignaturesOfTheWrongLength) {
    const std::string full(kSignature);
    EXPECT_EQ(verify_at(kTime, full.substr(0, full.size() - 1)), Verdict::bad_signature);
    EXPECT_EQ(verify_at(kTime, full + "0"), Verdict::bad_signature);
    EXPECT_EQ(verify_at(kTime, "v0="), Verdict::bad_signature);
}

TEST(SlackVerify, RefusesUpperCaseHex) {
    std::string upper(kSignature);
    std::transform(upper.begin() + 3, upper.end(), upper.begin() + 3,
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    ASSERT_NE(upper, kSignature);
    EXPECT_EQ(verify_at(kTime, upper), Verdict::bad_signature);
}

TEST(SlackVerify, RefusesEverythingWhenTheSecretIsEmpty) {
    const std::string signed_with_empty = sign("", kTimestamp, kBody);
    EXPECT_EQ(verify("", kBody, kTimestamp, signed_with_empty, at(kTime)), Verdict::bad_signature);
}

TEST(SlackVerify, NamesEveryVerdict) {
    EXPECT_STREQ(to_string(Verdict::ok), "ok");
    for (Verdict v : {Verdict::missing_headers, Verdict::bad_timestamp, Verdict::stale,
                      Verdict::bad_signature}) {
        EXPECT_STRNE(to_string(v), "ok");
        EXPECT_STRNE(to_string(v), "unknown verdict");
    }
}

}  // namespace
}  // namespace bot::slack
