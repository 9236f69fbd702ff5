#include "core/threads.hpp"

#include <cerrno>

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

namespace core {
namespace {

// A writing thread yields a contended core to an answering one (CFS weights
// 110 against 1024) but is not starved: CFS still gives it about a tenth of
// a core an io thread keeps busy, and past the answer deadline the person
// is told "working on it". Measured in bench/history/1-workflows.md: at +5,
// answers beside the /pto load measured p99 3.7 to 5.3 ms; at +10, 2.6 and
// 3.1 ms, with /pto alone no slower.
constexpr int kWritingNice = 10;

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
