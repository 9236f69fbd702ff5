#pragma once
// The outbox worker's tests (worker_test.cpp: delivery, order, updates,
// hand-over; worker_failures_test.cpp: when Slack refuses or is away): the
// fake Slack, a database and a worker of their own, and what the calls say.

#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "tests/support/fake_slack.hpp"
#include "tests/support/loopback.hpp"
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
    // Slack's, closed again), held bound so that nothing else takes it while
    // Slack is away: another test's server, or a connection of the worker's
    // own to itself (a free port in the ephemeral range can be chosen as the
    // source port of a connection to it). Returns the port; release() the
    // hold before Slack comes back there.
    class PortHold {
    public:
        explicit PortHold(unsigned short port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
            sockaddr_in at = loopback(port);
            // Bound, not listening: a connection is refused, as by a closed port.
            if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&at), sizeof at) != 0)
                ADD_FAILURE() << "cannot hold port " << port << ": " << std::strerror(errno);
        }
        ~PortHold() { release(); }
        PortHold(const PortHold&) = delete;
        PortHold& operator=(const PortHold&) = delete;
        void release() {
            if (fd_ >= 0) ::close(fd_);
            fd_ = -1;
        }

    private:
        int fd_;
    };
    unsigned short slack_down() {
        unsigned short port = 0;
        {
            FakeSlack gone;
            cfg.slack.api_base_url = gone.base_url();
            port = gone.port();
        }
        held.emplace(port);
        return port;
    }
    std::optional<PortHold> held;  // the port of slack_down(), while Slack is away
};

}  // namespace testing_support
