// Where a file's bytes may go: Slack's upload URLs are HTTPS; plain HTTP only
// to the Web API's own origin, as a local fake Slack serves it.

#include "bot/outbox/file_share.hpp"

#include <gtest/gtest.h>

namespace bot {
namespace {

TEST(FileShare, BytesGoOverHttpsOrToTheApisOwnOrigin) {
    constexpr std::string_view kSlack = "https://slack.com/api";
    EXPECT_TRUE(upload_url_allowed("https://files.slack.com/upload/v1/CwABAAAAXAoAAU", kSlack));
    EXPECT_FALSE(upload_url_allowed("http://files.slack.com/upload/v1/CwABAAAAXAoAAU", kSlack));
    EXPECT_FALSE(upload_url_allowed("ftp://files.slack.com/x", kSlack));

    constexpr std::string_view kFake = "http://127.0.0.1:4000/api";
    EXPECT_TRUE(upload_url_allowed("http://127.0.0.1:4000/upload/F100", kFake));
    EXPECT_FALSE(upload_url_allowed("http://127.0.0.1:40001/upload/F100", kFake));  // another port
    EXPECT_FALSE(upload_url_allowed("http://127.0.0.1:4000", kFake));
    EXPECT_FALSE(upload_url_allowed("http://127.0.0.2:4000/upload/F100", kFake));
    EXPECT_FALSE(upload_url_allowed("http://127.0.0.1:4000/upload/F100", "not a url"));
}

}  // namespace
}  // namespace bot
