#pragma once
// Runs a program (the sitelead-bot binary) as a child process for tests:
// its stdout and stderr are collected together, it can be signalled, and
// waited for with a deadline. The destructor kills and reaps a child that is
// still running, so a failing test leaves nothing behind.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace testing_support {

struct ChildOptions {
    std::vector<std::string> args;  // without the program itself
    // Added to the inherited environment, from which every SLACK_* and
    // SITELEAD_* variable is removed first, so the caller's shell cannot
    // change a test.
    std::map<std::string, std::string> env;
    std::filesystem::path cwd;  // empty: the test's own
};

class ChildProcess {
public:
    ChildProcess(const std::filesystem::path& program, ChildOptions options);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    // Reads output until it contains `text`; false when the deadline passes
    // or the child closes its output first.
    bool wait_for_output(std::string_view text, std::chrono::milliseconds timeout);
    // Everything read so far (stdout and stderr interleaved).
    const std::string& output() const { return output_; }
    void send_signal(int signal);
    // The exit status (128 + n for a death by signal n), or nullopt if the
    // child is still running at the deadline. Collects the remaining output.
    std::optional<int> wait_exit(std::chrono::milliseconds timeout);

private:
    // Reads what is available within `timeout`; false at end of output.
    bool read_some(std::chrono::milliseconds timeout);

    pid_t pid_ = -1;
    int out_fd_ = -1;
    std::string output_;
    std::optional<int> status_;
};

// The port in serve's start-up line "listening on ADDRESS:PORT".
std::optional<unsigned short> listening_port(const std::string& output);

// Runs a program to completion (for CLI commands): exit status and output.
struct ChildResult {
    int status = -1;
    std::string output;
};
ChildResult run_child(const std::filesystem::path& program, ChildOptions options,
                      std::chrono::milliseconds timeout = std::chrono::seconds(20));

}  // namespace testing_support
