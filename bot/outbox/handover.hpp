#pragma once
// What the writers of outbox rows hand the outbox worker across threads
// (OutboxWorker::notify), until its strand takes it: the rows committed, and
// whether rows were committed that nobody handed over (those are read).

#include <mutex>
#include <vector>

#include "storage/outbox.hpp"

namespace bot {

class Handover {
public:
    using Row = storage::outbox::Row;

    // Adds `rows`; none means rows were committed, which ones unknown. True
    // when the taker is to be woken: nothing put before waits to be taken.
    bool put(std::vector<Row> rows);

    struct Taken {
        std::vector<Row> rows;  // in id order
        bool unknown = false;   // rows were committed that are not among them
    };
    // Everything put since the last take().
    Taken take();

private:
    std::mutex mutex_;
    std::vector<Row> rows_;  // in the order their commits completed
    bool unknown_ = false;
    bool waiting_ = false;  // put since the last take(): a wake-up is on its way
};

}  // namespace bot
