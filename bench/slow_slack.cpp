// A fake Slack Web API that answers every call after a delay, for measuring
// that the request path never waits on Slack.
//   bench-slow-slack --delay-ms 2000    prints its base URL, runs until killed

#include <csignal>
#include <cstdio>
#include <thread>

#include <CLI/CLI.hpp>

#include "tests/support/fake_slack.hpp"

int main(int argc, char** argv) {
    int delay_ms = 2000;
    CLI::App app{"slow fake Slack"};
    app.add_option("--delay-ms", delay_ms);
    CLI11_PARSE(app, argc, argv);
    testing_support::FakeSlack::Options options;
    options.delay = std::chrono::milliseconds(delay_ms);
    testing_support::FakeSlack slack(options);
    std::printf("%s\n", slack.base_url().c_str());
    std::fflush(stdout);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    int sig = 0;
    sigwait(&set, &sig);
    std::fprintf(stderr, "slow slack: %zu calls answered\n", slack.call_count());
    return 0;
}
