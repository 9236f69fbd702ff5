#pragma once
// The service's threads by what they do, named and prioritised in one place.
//
// When every core is busy, a thread that answers (the io threads: reading,
// verifying, answering questions from a read-only connection) comes before
// one that works for the writer (preparing a change, committing it, syncing
// it): those run at a lower priority (nice +10), so a question never waits
// for CPU behind a burst of writes. A write waits for its commit anyway, and
// a busy writer batches more per commit; with cores to spare, the priority
// changes nothing.

namespace core {

enum class ThreadRole { answering, writing };

// Names the calling thread (shown by top -H and perf; at most 15
// characters) and sets its priority for `role`. A priority the system
// refuses is left as it was.
void start_thread(const char* name, ThreadRole role);

}  // namespace core
