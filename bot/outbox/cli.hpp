#pragma once
// The outbox's command-line side: `sitelead-bot outbox list [STATE]` and
// `sitelead-bot outbox requeue [ID]`. Both work while the server runs: they
// use their own connection (with the configured busy timeout), and a running
// worker picks re-queued rows up at its next poll.

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "config/config.hpp"

namespace bot {

// Prints the rows in `state` (pending, sent or dead), oldest first: id, state,
// attempts, recipient, method, last error and the start of the text.
// Returns the process exit status: 0, 2 for a bad state, 1 when the database
// cannot be read.
int outbox_list(const config::Config& cfg, const std::string& state, std::ostream& out);

// Makes dead rows pending again with a fresh count of attempts: all of them,
// or row `id` (with the updates of it that were parked because it was dead).
// Returns 0, 2 when `id` is not a dead row, 1 when the database cannot be
// written.
int outbox_requeue(const config::Config& cfg, std::optional<std::int64_t> id, std::ostream& out);

}  // namespace bot
