// An announcement to a directory of 500 people, by DM, over HTTP to the
// real server, whose outbox worker delivers to a fake Slack that enforces
// chat.postMessage's limits the way Slack does: one post a second to any one
// channel, and (here) 80 a second across the workspace, answering 429 with
// Retry-After beyond them. The bot's pace is set above that (100 DMs a
// second), so Slack does push back. Every person gets it exactly once,
// every 429 is followed by the same message again until it is taken, none
// is given up, and no DM is tried before its place in the pace (one every
// 60/dms_per_minute seconds from the moment it was announced).

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "tests/support/fake_slack.hpp"
#include "tests/support/outbox_process.hpp"
#include "tests/support/test_server.hpp"

namespace {

using namespace testing_support;
using namespace std::chrono_literals;
using nlohmann::json;

constexpr int kPeople = 500;
constexpr int kPerMinute = 6000;  // one DM every 10 ms
constexpr auto kInterval = 10ms;

json directory() {
    json people = json::array();
    people.push_back({{"slack_id", kLead}, {"name", "Sam Lead"}, {"roles", {"site_lead"}}});
    for (int i = 1; i < kPeople; ++i)
        people.push_back({{"slack_id", fmt::format("U{:06}", i)},
                          {"name", fmt::format("Person {}", i)},
                          {"manager", kLead},
                          {"roles", {"employee"}}});
    return people;
}

TEST(AnnouncementByDm, ReachesEveryoneOnceAtItsPaceThroughSlacksRateLimit) {
    FakeSlack slack;
    slack.limit_posts(PostLimit{.per_window = 80, .window = 1000ms});
    TestServer server{TestServerOptions{
        .patch = {{"slack", {{"api_base_url", slack.base_url()}, {"max_attempts", 3}}},
                  {"site", {{"announcements_channel", "C0NEWS"}}},
                  {"announcements", {{"dms_per_minute", kPerMinute}}},
                  {"people", directory()}},
        .bot_token = "xoxb-e2e-token",
    }};

    const auto asked = std::chrono::steady_clock::now();
    const auto reply = server.post(signed_slash("/sitelead",
                                                "announce --dm --send The lifts are out "
                                                "today; use the east stairs.",
                                                kLead));
    ASSERT_EQ(reply.status, 200u) << reply.body;
    EXPECT_NE(reply.json()
                  .value("text", "")
                  .find("ANN-1 is on its way to <#C0NEWS> and everyone at Test Site by DM (500 "
                        "people). The DMs go one every 0.01 s"),
              std::string::npos)
        << reply.body;

    // Every message taken by Slack: the channel's and 500 DMs.
    const auto taken = [&] {
        std::size_t n = 0;
        for (const auto& c : slack.calls()) n += c.method == "chat.postMessage" && c.status == 200;
        return n;
    };
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (taken() < kPeople + 1 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(50ms);
    std::this_thread::sleep_for(300ms);  // anything more would arrive by now

    std::map<std::string, int> delivered, limited;
    std::map<std::string, std::chrono::steady_clock::time_point> first_try;
    std::map<std::string, std::chrono::steady_clock::time_point> last_limited, delivered_at;
    for (const auto& c : slack.calls()) {
        if (c.method != "chat.postMessage") continue;  // the author's Home tab
        const std::string channel = c.body.value("channel", "");
        EXPECT_EQ(c.body.value("text", ""),
                  ":mega: *Announcement* from <@U0LEAD> to Test Site\nThe lifts are out today; "
                  "use the east stairs.");
        first_try.try_emplace(channel, c.at);
        if (c.status == 200) {
            ++delivered[channel];
            delivered_at[channel] = c.at;
        } else {
            ASSERT_EQ(c.status, 429u);
            ++limited[channel];
            last_limited[channel] = c.at;
        }
    }
    // Exactly once each: the channel and every person of the directory.
    EXPECT_EQ(delivered.size(), static_cast<std::size_t>(kPeople + 1));
    EXPECT_EQ(delivered["C0NEWS"], 1);
    EXPECT_EQ(delivered[kLead], 1);
    for (int i = 1; i < kPeople; ++i) EXPECT_EQ(delivered[fmt::format("U{:06}", i)], 1) << i;
    // Slack pushed back, and each message it refused was sent again later.
    EXPECT_GT(limited.size(), 0u);
    for (const auto& [channel, when] : last_limited) {
        ASSERT_TRUE(delivered_at.count(channel)) << channel << " was left at its 429";
        EXPECT_GT(delivered_at[channel], when) << channel;
    }
    // Recorded once Slack's answers are back and committed.
    EXPECT_TRUE(eventually([&] {
        return server.count("outbox", "subject = 'ANN-1' AND state = 'sent'") == kPeople + 1;
    }));
    EXPECT_TRUE(eventually([&] { return server.count("outbox", "state <> 'sent'") == 0; }));
    // The pace: the k-th DM is first tried no sooner than k intervals after
    // the announcement was asked for, so the last no sooner than 4.99 s.
    std::vector<std::chrono::steady_clock::time_point> dm_tries;
    for (const auto& [channel, at] : first_try)
        if (channel != "C0NEWS") dm_tries.push_back(at);
    std::sort(dm_tries.begin(), dm_tries.end());
    ASSERT_EQ(dm_tries.size(), static_cast<std::size_t>(kPeople));
    for (std::size_t k = 0; k < dm_tries.size(); ++k)
        EXPECT_GE(dm_tries[k] - asked, static_cast<long>(k) * kInterval - 5ms) << k;
    int refusals = 0;
    for (const auto& [channel, n] : limited) refusals += n;
    auto last = asked;
    for (const auto& [channel, at] : delivered_at) last = std::max(last, at);
    std::printf(
        "[          ] %d DMs; %d answered 429 (%zu messages), all delivered %.2f s after "
        "the announcement\n",
        kPeople, refusals, limited.size(), std::chrono::duration<double>(last - asked).count());
}

}  // namespace
