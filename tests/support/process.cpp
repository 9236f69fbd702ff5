#include "tests/support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <regex>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace testing_support {
namespace {

std::vector<std::string> child_environment(const std::map<std::string, std::string>& extra) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        const std::string_view entry(*e);
        if (entry.rfind("SLACK_", 0) == 0 || entry.rfind("SITELEAD_", 0) == 0) continue;
        env.emplace_back(entry);
    }
    for (const auto& [name, value] : extra) env.push_back(name + "=" + value);
    return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

int decode_status(int raw) {
    if (WIFEXITED(raw)) return WEXITSTATUS(raw);
    if (WIFSIGNALED(raw)) return 128 + WTERMSIG(raw);
    return -1;
}

}  // namespace

ChildProcess::ChildProcess(const std::filesystem::path& program, ChildOptions options) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
    if (!options.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, options.cwd.c_str());

    // The child starts with default signal handling whatever the test
    // process (which may run an App with its own signal_set) has set up.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int s : {SIGINT, SIGTERM, SIGPIPE, SIGHUP}) sigaddset(&defaults, s);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<std::string> argv_strings{program.string()};
    for (auto& a : options.args) argv_strings.push_back(a);
    auto env_strings = child_environment(options.env);
    auto argv = pointers(argv_strings);
    auto envp = pointers(env_strings);

    const int rc = ::posix_spawn(&pid_, program.c_str(), &actions, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(fds[1]);
    if (rc != 0) {
        ::close(fds[0]);
        throw std::runtime_error("cannot run " + program.string() + ": " + std::strerror(rc));
    }
    out_fd_ = fds[0];
}

ChildProcess::~ChildProcess() {
    if (pid_ > 0 && !status_) {
        ::kill(pid_, SIGKILL);
        int raw = 0;
        ::waitpid(pid_, &raw, 0);
    }
    if (out_fd_ >= 0) ::close(out_fd_);
}

bool ChildProcess::read_some(std::chrono::milliseconds timeout) {
    if (out_fd_ < 0) return false;
    pollfd p{out_fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(std::max<long long>(timeout.count(), 0)));
    if (ready <= 0) return true;  // nothing yet (or EINTR): not the end
    char buf[4096];
    const ssize_t n = ::read(out_fd_, buf, sizeof buf);
    if (n > 0) {
        output_.append(buf, static_cast<std::size_t>(n));
        return true;
    }
    if (n < 0 && errno == EINTR) return true;
    ::close(out_fd_);
    out_fd_ = -1;
    return false;
}

bool ChildProcess::wait_for_output(std::string_view text, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (output_.find(text) == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || !read_some(left)) return output_.find(text) != std::string::npos;
    }
    return true;
}

void ChildProcess::send_signal(int signal) {
    if (pid_ > 0 && !status_) ::kill(pid_, signal);
}

std::optional<int> ChildProcess::wait_exit(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!status_) {
        int raw = 0;
        if (::waitpid(pid_, &raw, WNOHANG) == pid_) {
            status_ = decode_status(raw);
            break;
        }
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        // Keep reading so that a chatty child never blocks on a full pipe.
        if (!read_some(std::chrono::milliseconds(10)))
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    // The rest of its output; bounded in case something else holds the pipe.
    const auto drain_until = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    while (out_fd_ >= 0 && std::chrono::steady_clock::now() < drain_until)
        read_some(std::chrono::milliseconds(50));
    return status_;
}

std::optional<unsigned short> listening_port(const std::string& output) {
    static const std::regex line(R"(listening on \S+:(\d+))");
    std::smatch m;
    if (!std::regex_search(output, m, line)) return std::nullopt;
    return static_cast<unsigned short>(std::stoul(m[1].str()));
}

ChildResult run_child(const std::filesystem::path& program, ChildOptions options,
                      std::chrono::milliseconds timeout) {
    ChildProcess child(program, std::move(options));
    const auto status = child.wait_exit(timeout);
    if (!status)
        throw std::runtime_error(program.string() + " did not finish within " +
                                 std::to_string(timeout.count()) + " ms; output so far:\n" +
                                 child.output());
    return {*status, child.output()};
}

}  // namespace testing_support
