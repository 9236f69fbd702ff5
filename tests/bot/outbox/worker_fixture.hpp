#pragma once
// The outbox worker's tests (worker_test.cpp: delivery, order, updates,
// hand-over; worker_failures_test.cpp: when Slack refuses or is away): the
// fake Slack, a database and a worker of their own, and what the calls say.

#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/fake_slack.hpp"
#include "tests/support/outbox_process.hpp"

namespace testing_support {

class OutboxWorkerTest : public OutboxFixture {
protected:
    static std::vector<std::string> texts_to(const std::vector<SlackCall>& calls,
                                             const std::string& channel) {
        std::vector<std::string> out;
        for (const auto& c : calls)
            if (c.body.value("channel", "") == channel) out.push_back(c.body.value("text", ""));
        return out;
    }
    // The position of the nth (0-based) call to `channel`.
    static std::size_t index_of(const std::vector<SlackCall>& calls, const std::string& channel,
                                int nth = 0) {
        int seen = 0;
        for (std::size_t i = 0; i < calls.size(); ++i)
            if (calls[i].body.value("channel", "") == channel && seen++ == nth) return i;
        ADD_FAILURE() << "no call #" << nth << " to " << channel;
        return calls.size();
    }
    static std::chrono::milliseconds gap(const SlackCall& a, const SlackCall& b) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(b.at - a.at);
    }
    // Slack down: the worker is sent to a port nothing listens on (a fake
    // Slack's, closed again). Returns the port, where Slack may come back.
    unsigned short slack_down() {
        FakeSlack gone;
        cfg.slack.api_base_url = gone.base_url();
        return gone.port();
    }
};

}  // namespace testing_support
