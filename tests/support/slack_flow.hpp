#pragma once
// The fixture of the end-to-end flows: the real server on a loopback port,
// delivering to a fake Slack Web API, and the questions tests ask of what
// Slack received.

#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/fake_slack.hpp"
#include "tests/support/outbox_process.hpp"
#include "tests/support/test_server.hpp"

namespace testing_support {

struct SlackFlow : ::testing::Test {
    FakeSlack slack;
    TestServer server{TestServerOptions{{{"slack", {{"api_base_url", slack.base_url()}}}},
                                        "xoxb-e2e-token",
                                        core::system_clock(),
                                        ""}};

    // The text of a slash command's answer (expects a 200).
    static std::string reply_text(const HttpResult& r) {
        EXPECT_EQ(r.status, 200u) << r.body;
        return r.json().value("text", "");
    }
    // The first call of `method` to `channel` among `calls`, or null.
    static const SlackCall* find(const std::string& method, const std::string& channel,
                                 const std::vector<SlackCall>& calls) {
        for (const auto& c : calls)
            if (c.method == method && c.body.value("channel", "") == channel) return &c;
        return nullptr;
    }
    // The text of the first message posted to `channel`, once Slack got it
    // (within 5 s; empty when none came).
    std::string first_message_to(const std::string& channel) {
        if (!eventually([&] { return !calls_to("chat.postMessage", channel).empty(); },
                        std::chrono::seconds(5)))
            return {};
        return calls_to("chat.postMessage", channel).at(0).body.value("text", "");
    }
    // Every call of `method` to `channel` so far, in the order Slack got them.
    std::vector<SlackCall> calls_to(const std::string& method, const std::string& channel) {
        std::vector<SlackCall> out;
        for (const auto& c : slack.calls())
            if (c.method == method && c.body.value("channel", "") == channel) out.push_back(c);
        return out;
    }
    // The messages Slack got so far (chat.*): not the Home tabs, which are
    // published a little after the changes they show.
    std::size_t messages_sent() const {
        std::size_t n = 0;
        for (const auto& c : slack.calls()) n += c.method.rfind("chat.", 0) == 0;
        return n;
    }
    // Every call of `method` so far.
    std::vector<SlackCall> calls_of(const std::string& method) const {
        std::vector<SlackCall> out;
        for (const auto& c : slack.calls())
            if (c.method == method) out.push_back(c);
        return out;
    }
    static bool has_buttons(const SlackCall& c) {
        return c.body.contains("blocks") &&
               c.body["blocks"].dump().find("\"actions\"") != std::string::npos;
    }
};

}  // namespace testing_support
