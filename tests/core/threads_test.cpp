// Threads by role: a writing thread yields to the answering ones, and both
// carry their names for top -H and perf.

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "core/threads.hpp"

namespace {

struct Seen {
    std::string name;
    int nice = 0;
};

Seen start(const char* name, core::ThreadRole role) {
    Seen seen;
    std::thread t([&] {
        core::start_thread(name, role);
        char buffer[16] = {};
        pthread_getname_np(pthread_self(), buffer, sizeof buffer);
        seen.name = buffer;
        seen.nice = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
    });
    t.join();
    return seen;
}

TEST(Threads, AWritingThreadRunsTenStepsNicerThanAnAnsweringOne) {
    const Seen answering = start("sitelead-io", core::ThreadRole::answering);
    const Seen writing = start("sitelead-writer", core::ThreadRole::writing);
    EXPECT_EQ(answering.name, "sitelead-io");
    EXPECT_EQ(writing.name, "sitelead-writer");
    EXPECT_EQ(writing.nice - answering.nice, 10);
}

}  // namespace
