#include "core/threads.hpp"

#include <cerrno>

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

namespace core {
namespace {

// Enough that a writing thread yields most of a contended core to an
// answering one (CFS weights 335 against 1024), not so much that it starves
// under a flood of requests. Measured in bench/README.md.
constexpr int kWritingNice = 5;

}  // namespace

void start_thread(const char* name, ThreadRole role) {
    pthread_setname_np(pthread_self(), name);
    // On Linux a nice value is a thread's own, set through its task id, and
    // a new thread starts with its creator's: this one's goes up from there.
    if (role == ThreadRole::writing) {
        const auto self = static_cast<id_t>(gettid());
        errno = 0;
        const int now = getpriority(PRIO_PROCESS, self);
        if (errno == 0) setpriority(PRIO_PROCESS, self, now + kWritingNice);
    }
}

}  // namespace core
