#pragma once
// Who is out or asking to be out, in memory: the spans of the pending and
// approved PTO requests, kept by the writer as each transaction ends
// (storage::Writer::follow), so that the question asked for every new
// request (which teammates are also out) reads no page of the database. A
// read connection's page cache is emptied by every commit, and under load
// each request's index seeks, one a teammate, read their pages again.
//
// of_people_between() and is_out() (pto_store.hpp; the stand-in rule asks
// the latter of a requester's manager) answer from here when the database
// they are asked on is followed in this process, and by SQL otherwise (a
// test's own connection, the command line), the same either way.
// The copy holds what has committed: every request whose commit anyone has
// been told of, and perhaps a commit more than a reader's snapshot.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "storage/pto_store.hpp"
#include "storage/writer.hpp"

namespace storage::pto {

class Spans;

// From now on keeps the spans of the requests `writer` writes in memory, for
// every connection to its database file in this process, as long as the
// writer lives. Requests ending before the day before `now` (UTC) are left
// out: no new request starts before today anywhere.
void follow(Writer& writer, std::chrono::system_clock::time_point now);

// The copy kept for the file `db` is a connection to, if any.
std::shared_ptr<const Spans> followed(SQLite::Database& db);

class Spans {
public:
    // Keeps the requests ending on or after `since` (YYYY-MM-DD).
    explicit Spans(std::string since);
    ~Spans();
    Spans(const Spans&) = delete;
    Spans& operator=(const Spans&) = delete;

    // Reads every pending or approved request ending on or after `since`.
    void load(SQLite::Database& db);
    // Reads requests `ids` again, as they now are. A failure leaves the copy
    // unusable: between() answers nothing from then on.
    void reread(SQLite::Database& db, const std::vector<std::int64_t>& ids);

    // The rows of_people_between() reads (is_out(): of one person, on one
    // day), in no order; nothing when the span
    // starts before `since` (its rows may not all be here) or the copy is
    // unusable.
    std::optional<std::vector<Request>> between(const std::vector<std::string>& people,
                                                const std::string& start,
                                                const std::string& end) const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace storage::pto
