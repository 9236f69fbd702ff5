#pragma once
// From a parsed command to its answer, exactly once:
//
// 1. on the io thread: the router prepares the plan (parse, pure reads,
//    render), and the reply and messages are rendered to outbox rows;
// 2. on the writer, in the request's unit of the group commit: a retried
//    event or a repeated button press gets the answer remembered the first
//    time; otherwise the plan's atomic part runs as a storage::undoable part
//    (a refusal undoes its writes and becomes the reply), its slots are filled in, the
//    messages are enqueued, and the answer is remembered;
// 3. after the commit: the answer leaves. Only a slash command shows its
//    reply in the HTTP response; after a DM, a mention or a button the reply
//    is a message of the bot.
//
// Questions come first. A slash command the router answers at once (help,
// the FAQ) is prepared on the io thread that read it; everything else (a
// change, a DM, a button) is prepared on a pool of threads that yield the
// CPU to the io threads (core/threads.hpp), so that a burst of changes never
// holds an answer back. A preparing thread takes the queued requests one
// after another on one read snapshot while no commit is announced
// (storage::Snapshot): a burst reads each page once.
//
// Slack waits three seconds for an answer. A slash command whose commit has
// not completed by the configured deadline is answered "working on it", and
// its outcome reaches the person by DM once it commits.
//
// A slash command that changes nothing is answered on the io thread; what
// it only records (handlers::Plan::record) follows to the writer after the
// answer has left.

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include <boost/asio/thread_pool.hpp>

#include "bot/dispatch/ack_timer.hpp"
#include "bot/dispatch/command.hpp"
#include "bot/dispatch/home_waits.hpp"
#include "bot/dispatch/router.hpp"
#include "bot/http/request.hpp"
#include "core/clock.hpp"
#include "storage/outbox.hpp"
#include "storage/readers.hpp"
#include "storage/writer.hpp"

namespace bot {

class Dispatcher {
public:
    // `prepare_threads`: the pool that prepares work for the writer.
    Dispatcher(const Router& router, storage::Writer& writer, storage::Readers& readers,
               core::Clock clock, std::chrono::milliseconds ack_deadline, int prepare_threads = 1);
    ~Dispatcher();

    // `respond` is called exactly once, on this thread, a preparing one, the writer's or the
    // deadline's.
    void dispatch(Command cmd, std::string request_id, Respond respond);

    // Waits for the requests queued for preparation to reach the writer.
    // Call before the writer stops. Idempotent.
    void stop();

    // Called after a commit that wrote outbox rows, with those rows (for the
    // outbox worker, which then need not read them back).
    using MessagesCommitted = std::function<void(std::vector<storage::outbox::Row> rows)>;
    void on_messages_committed(MessagesCommitted f) { messages_committed_ = std::move(f); }
    // Where a view goes: opened with a request's trigger_id (views.open), or
    // in place of the open view `view_id` at version `hash` (views.update).
    struct ViewTarget {
        std::string trigger_id;
        std::string view_id = {}, hash = {};
    };
    // Shows a modal (`view`, JSON text): called as soon as the request is
    // answered, on the thread that answered it.
    using ShowView = std::function<void(const ViewTarget& target, std::string view,
                                        const std::string& request_id)>;
    void on_view(ShowView f) { show_view_ = std::move(f); }

private:
    struct Request;
    void drain();
    void prepare(std::shared_ptr<Request> r, storage::Snapshot& reads);
    void submit(std::shared_ptr<Request> r);
    void deliver_late(std::shared_ptr<Request> r, std::exception_ptr error);
    void record(std::function<void(SQLite::Database&)> write, const std::string& request_id);

    const Router& router_;
    storage::Writer& writer_;
    storage::Readers& readers_;
    core::Clock clock_;
    std::chrono::milliseconds ack_deadline_;
    MessagesCommitted messages_committed_;
    ShowView show_view_;
    HomeWaits home_waits_;  // committed Home tab publishes, not due yet
    // Requests waiting for a preparing thread, and the drains taking them
    // (at most one a preparing thread).
    std::mutex queue_mutex_;
    std::deque<std::shared_ptr<Request>> queued_;
    int drains_ = 0;
    const int prepare_threads_;
    boost::asio::thread_pool preparing_;
    AckTimer timer_;  // last: its thread stops before the rest goes
};

}  // namespace bot
