#pragma once
// The real binary serving a configuration file, for the tests that need
// the whole process (crashes, logs), and days that are never in the past.

#include <chrono>
#include <filesystem>
#include <map>
#include <string>

#include <date/date.h>
#include <gtest/gtest.h>

#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"

namespace testing_support {

// The n-th working day from the first Monday of the year `years_ahead`
// after this one: never in the past.
inline std::string working_day_ahead(int n, int years_ahead = 1) {
    const auto today = date::floor<date::days>(std::chrono::system_clock::now());
    date::sys_days d{(date::year_month_day{today}.year() + date::years{years_ahead}) /
                     date::January / 4};
    while (date::weekday{d} != date::Monday) d += date::days{1};
    return date::format("%F", d + date::days{(n / 5) * 7 + n % 5});
}

// `sitelead-bot serve --config FILE`, waited for until it listens.
class Bot {
public:
    Bot(const std::filesystem::path& config, std::map<std::string, std::string> env)
        : child_(bot_binary(),
                 ChildOptions{{"serve", "--config", config.string()}, std::move(env), {}}) {
        using namespace std::chrono_literals;
        EXPECT_TRUE(child_.wait_for_output("listening on", 10s)) << child_.output();
        port_ = listening_port(child_.output()).value_or(0);
    }
    unsigned short port() const { return port_; }
    ChildProcess& child() { return child_; }

private:
    ChildProcess child_;
    unsigned short port_ = 0;
};

}  // namespace testing_support
