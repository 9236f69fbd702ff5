#pragma once
// The outbox worker's view of the pending rows, kept in memory so that
// choosing the next sends costs O(log n) per row instead of a query over
// every pending row. Pure: no I/O, no clock; the worker feeds it rows read
// from the database and tells it how each send ended.
//
// Each recipient's rows wait in id order and only its lowest-id row (its
// head) may be sent, and only while no send to that recipient is under way
// (the recipient is busy). That keeps a recipient's messages in order and
// makes an update wait for the post it edits, which has the same recipient
// and a lower id.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "storage/outbox.hpp"

namespace bot {

class DeliveryQueue {
public:
    using Row = storage::outbox::Row;

    // Holds at most `per_recipient` rows of any one recipient.
    explicit DeliveryQueue(std::size_t per_recipient = 64);

    // Holds `row` unless its id is held or settling already, or its recipient
    // already has `per_recipient` rows here (false then; the row is counted
    // as skipped).
    // Either way the cursor moves up to its id.
    bool add(Row row);
    // Rows just committed, handed over by whoever wrote them, in id order:
    // held (as add() holds them) only when the first follows the cursor and
    // each the one before, with room for all of them under `max_held`; else
    // none is, the cursor stays, and false says to read the database from
    // the cursor (another writer's rows in between, or these read already).
    bool add_following(std::vector<Row>& rows, std::size_t max_held);
    // The highest id offered to add() since construction or the last
    // reset(): the next read from the database starts after it.
    std::int64_t cursor() const { return cursor_; }
    std::size_t size() const { return rows_.size(); }
    // Rows add() turned away for a full recipient since the last reset():
    // still pending, at or below the cursor, and not held.
    std::size_t skipped() const { return skipped_; }
    // A recipient that had rows turned away has none held any more: time to
    // reset() and read the pending rows again (each reading costs a pass
    // over up to max_held rows, so it waits until the line is empty).
    bool wants_reread() const { return wants_reread_; }
    // Rows held or settling with an id <= `id`.
    std::size_t held_through(std::int64_t id) const;

    // Up to `limit` heads that may be sent now (recipient not busy,
    // next_attempt_at <= now_ms), lowest id first; their recipients become
    // busy until settled. Each points at the row held here, and stays valid
    // until it is settled or retried.
    std::vector<const Row*> take(std::int64_t now_ms, std::size_t limit);
    // The send of taken row `id` ended for good (sent or dead): it leaves,
    // and its recipient's next row may go; returns it (none unless `id` was
    // taken). Until recorded(id), the row (still pending in the database)
    // is not held again by add().
    std::optional<Row> settle(std::int64_t id);
    // The outcome of settled row `id` is committed.
    void recorded(std::int64_t id);
    // The send of taken row `id` is to be tried again at next_attempt_at
    // (put back unchanged by passing its own values). It keeps its place.
    void retry(std::int64_t id, int attempts, std::int64_t next_attempt_at);

    // The earliest next_attempt_at among heads of recipients that are not
    // busy; none when there are none.
    std::optional<std::int64_t> next_due_at() const;

    // Forgets every row except those taken and not yet settled (their
    // outcome still has to land here) and those settling, and the cursor, so
    // that the rows can be read again from the start: for rows re-queued
    // below the cursor.
    void reset();

private:
    struct Line {
        std::set<std::int64_t> ids;         // held rows of one recipient
        std::optional<std::int64_t> taken;  // the row being sent: busy
        bool skipped = false;               // add() turned some of its rows away
    };
    // A head waiting for its time, by (next_attempt_at, id).
    using Waiting = std::pair<std::int64_t, std::int64_t>;

    void index_head(const Line& line);
    void unindex_head(const Line& line);
    // The line of taken row `id`, no longer busy; none unless `id` is taken.
    Line* release(std::int64_t id);

    std::map<std::int64_t, Row> rows_;   // every held row, by id
    std::map<std::string, Line> lines_;  // by recipient
    // Heads of idle recipients, each in one of waiting_ or ready_ (found due
    // by an earlier take() and not taken for want of room); times_ holds
    // the next_attempt_at of all of them.
    std::set<Waiting> waiting_;
    std::set<std::int64_t> ready_;
    std::multiset<std::int64_t> times_;
    std::set<std::int64_t> settling_;
    std::int64_t cursor_ = 0;
    std::size_t per_recipient_;
    std::size_t skipped_ = 0;
    bool wants_reread_ = false;
};

}  // namespace bot
