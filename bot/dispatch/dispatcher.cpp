#include "bot/dispatch/dispatcher.hpp"

#include <algorithm>
#include <atomic>
#include <latch>

#include <boost/asio/post.hpp>

#include <spdlog/spdlog.h>

#include "core/json_text.hpp"
#include "core/text.hpp"
#include "core/threads.hpp"
#include "handlers/forms.hpp"
#include "storage/database.hpp"
#include "storage/dedup.hpp"
#include "storage/outbox.hpp"
#include "storage/savepoint.hpp"

namespace bot {
namespace {

namespace net = boost::asio;

const char* source_name(Source s) {
    switch (s) {
        case Source::slash_command:
            return "slash";
        case Source::direct_message:
            return "dm";
        case Source::mention:
            return "mention";
        case Source::button:
            return "button";
        case Source::form:
            return "form";
        case Source::shortcut:
            return "shortcut";
        case Source::home_opened:
            return "home";
        case Source::form_changed:
            return "form change";
    }
    return "?";
}

// Slack's response body for a slash command, as JSON text (possibly with slots).
std::string slash_body(const core::Reply& reply) {
    std::string body = R"({"response_type":)" +
                       core::json_string(reply.in_channel ? "in_channel" : "ephemeral") +
                       R"(,"text":)" + core::json_string(reply.text);
    if (!reply.blocks.empty()) body += R"(,"blocks":)" + reply.blocks;
    return body + '}';
}

core::Reply text_reply(std::string text) {
    core::Reply reply;
    reply.text = std::move(text);
    return reply;
}

// Slack's response to a form's submission: close it, or keep it open with
// what was wrong under each field.
std::string form_body(const std::map<std::string, std::string>& errors) {
    if (errors.empty()) return R"({"response_action":"clear"})";
    std::string body = R"({"response_action":"errors","errors":{)";
    for (const auto& [field, message] : errors) {
        if (body.back() != '{') body += ',';
        core::append_json_string(body, field);
        body += ':';
        core::append_json_string(body, message);
    }
    return body + "}}";
}

// How long a person's Home tab waits for more changes before it is published.
constexpr std::int64_t kHomeSettleMs = 2000;

constexpr std::string_view kSorry =
    "Sorry, something went wrong on my side and nothing was saved. Please try again in a moment.";

// What the person is told when nothing could be saved: why, when it is
// something the operator must fix (a full disk, a lock held elsewhere).
std::string sorry(std::exception_ptr error) {
    const std::string why = storage::unsaved_because(error);
    if (why.empty()) return std::string(kSorry);
    return "Sorry, I couldn't save that: " + why +
           ". Nothing was saved; please try again in a little while.";
}
constexpr std::string_view kWorkingOnIt =
    "Working on it: this is taking longer than usual. I'll message you the outcome.";

// Where the answer to a request goes: 0 still to be given, 1 given in the
// HTTP response, 2 the deadline answered "working on it" (the outcome goes by DM).
enum State : int { waiting, answered, acknowledged };

}  // namespace

struct Dispatcher::Request {
    Command cmd;
    std::string request_id;
    Respond respond;
    handlers::Plan plan;
    core::Template reply;  // a slash command's answer
    std::vector<storage::outbox::Outgoing>
        rows;  // the messages, the reply first outside slash commands
    // Filled on the writer.
    std::string body;
    std::vector<storage::outbox::Row> written;  // the outbox rows, handed to the worker
    bool told_by_dm = false;                    // the late outcome was enqueued in the unit
    core::Slots slots;
    std::string refusal;
    std::string refusal_field;
    // The Home tabs a change republishes: the asker's and those of the people it messages.
    std::vector<storage::outbox::Outgoing> homes;
    std::atomic<int> state{waiting};

    bool slash() const { return cmd.source == Source::slash_command; }
    bool form() const { return cmd.source == Source::form; }
    // Answered in the HTTP response, within Slack's three seconds.
    bool answered_in_response() const { return slash() || form(); }
    // Answers once, and lets go of the connection: a request may outlive it
    // in the deadline's queue.
    void answer(HttpResponse res) {
        Respond give = std::move(respond);
        respond = nullptr;
        give(std::move(res));
    }
    std::optional<std::pair<storage::dedup::Kind, std::string>> dedup_key() const {
        if (!cmd.event_id.empty()) return std::pair{storage::dedup::Kind::event, cmd.event_id};
        // What makes a repeated button press the same press: the same person
        // pressing the same button on the same message.
        if (cmd.source == Source::button)
            return std::pair{
                storage::dedup::Kind::interaction,
                cmd.user_id + '|' + cmd.message_ts + '|' + cmd.action_id + '|' + cmd.action_value};
        // A submission Slack sends again: the same person, view and values.
        if (form()) {
            std::string key = "form|" + cmd.user_id + '|' + cmd.submission.view_id;
            for (const auto& [field, value] : cmd.submission.values)
                key += '|' + field + '=' + value;
            return std::pair{storage::dedup::Kind::interaction, std::move(key)};
        }
        return std::nullopt;
    }
    // Where a reply that is a message goes.
    const std::string& reply_channel() const {
        const bool in_conversation =
            cmd.source == Source::direct_message || cmd.source == Source::mention;
        return in_conversation ? cmd.channel_id : cmd.user_id;
    }
    // A reply as a message: a DM, or in the thread of the mention.
    core::Message reply_message(std::string text, std::string blocks) const {
        core::Message m = core::Message::dm(reply_channel(), std::move(text), std::move(blocks));
        m.thread_ts = cmd.thread_ts;
        return m;
    }
    // The outcome as a message, for answers that cannot go in the HTTP response.
    storage::outbox::Outgoing outcome_dm() const {
        const core::Reply& reply = plan.result.reply;
        return storage::outbox::prepare(
            reply_message(refusal.empty() ? core::fill_slots(reply.text, slots) : refusal,
                          refusal.empty() ? core::fill_slots(reply.blocks, slots) : std::string()));
    }
};

Dispatcher::Dispatcher(const Router& router, storage::Writer& writer, storage::Readers& readers,
                       core::Clock clock, std::chrono::milliseconds ack_deadline,
                       int prepare_threads)
    : router_(router),
      writer_(writer),
      readers_(readers),
      clock_(std::move(clock)),
      ack_deadline_(ack_deadline),
      prepare_threads_(std::max(1, prepare_threads)),
      preparing_(static_cast<std::size_t>(prepare_threads_)) {
    // Once on each thread of the pool: each waits until all have started.
    auto started = std::make_shared<std::latch>(prepare_threads_);
    for (int i = 0; i < prepare_threads_; ++i)
        net::post(preparing_, [started] {
            core::start_thread("sitelead-prep", core::ThreadRole::writing);
            started->arrive_and_wait();
        });
}

Dispatcher::~Dispatcher() {
    stop();
}

void Dispatcher::stop() {
    preparing_.join();
}

void Dispatcher::dispatch(Command cmd, std::string request_id, Respond respond) {
    auto r = std::make_shared<Request>();
    r->cmd = std::move(cmd);
    r->request_id = std::move(request_id);
    r->respond = std::move(respond);
    if (router_.answers_at_once(r->cmd)) {
        storage::Snapshot reads(readers_);
        prepare(std::move(r), reads);
        return;
    }
    {
        std::lock_guard lock(queue_mutex_);
        queued_.push_back(std::move(r));
        if (drains_ == prepare_threads_) return;  // a running one will take it
        ++drains_;
    }
    net::post(preparing_, [this] { drain(); });
}

// On a preparing thread: the queued requests, in order, until none is left,
// on one snapshot while no commit is announced (storage::Snapshot). There
// are never more drains than preparing threads, so none is woken to find
// the queue empty.
void Dispatcher::drain() {
    storage::Snapshot reads(readers_, [this] { return writer_.announced(); });
    for (;;) {
        std::shared_ptr<Request> r;
        {
            std::lock_guard lock(queue_mutex_);
            if (queued_.empty()) {
                --drains_;
                return;
            }
            r = std::move(queued_.front());
            queued_.pop_front();
        }
        reads.next();
        prepare(std::move(r), reads);
    }
}

void Dispatcher::prepare(std::shared_ptr<Request> r, storage::Snapshot& reads) {
    spdlog::debug("{} {} /{} from {}", r->request_id, source_name(r->cmd.source), r->cmd.name,
                  r->cmd.user_id);
    try {
        r->plan = router_.prepare(r->cmd, r->request_id, reads);
    } catch (const core::Refusal& refusal) {
        r->plan = handlers::Plan::answer(refusal.what());
    } catch (const std::exception& e) {
        spdlog::error("{} failed before saving anything: {}", r->request_id, e.what());
        reads.renew();  // the next request of a run does not read on after a failed read
        if (r->slash())
            r->respond(HttpResponse{
                200, "application/json", slash_body(text_reply(std::string(kSorry))), {}});
        else
            r->respond(HttpResponse{500, "application/json", R"({"error":"internal error"})", {}});
        return;
    }
    // A form to open or to show again: at once, beside the answer, never
    // behind the writer.
    const bool changed = r->cmd.source == Source::form_changed;
    if (!r->plan.result.view.empty() || changed) {
        const auto& s = r->cmd.submission;
        if (show_view_ && !r->plan.result.view.empty())
            show_view_(changed ? ViewTarget{{}, s.view_id, s.hash} : ViewTarget{r->cmd.trigger_id},
                       std::move(r->plan.result.view), r->request_id);
        r->respond(HttpResponse{200, "text/plain", "", {}});
        return;
    }
    // A slash command that changes nothing is answered here, without the
    // writer: help, views, refusals, unknown commands. Everything else goes
    // through the writer, which remembers it (exactly once) or enqueues it.
    if (r->slash() && !r->plan.apply) {
        r->respond(HttpResponse{200, "application/json", slash_body(r->plan.result.reply), {}});
        if (r->plan.record) record(std::move(r->plan.record), r->request_id);
        return;
    }
    // A submission with something wrong stays open, showing what.
    if (r->form() && !r->plan.result.reply.errors.empty()) {
        r->respond(
            HttpResponse{200, "application/json", form_body(r->plan.result.reply.errors), {}});
        return;
    }
    if (r->slash()) {
        r->reply = core::Template(slash_body(r->plan.result.reply));
    } else {
        if (r->form()) r->reply = core::Template(form_body({}));
        if (!r->plan.result.reply.text.empty()) {
            const auto& reply = r->plan.result.reply;
            r->rows.push_back(storage::outbox::prepare(r->reply_message(reply.text, reply.blocks)));
        }
    }
    for (const auto& m : r->plan.result.messages) r->rows.push_back(storage::outbox::prepare(m));
    if (r->plan.apply) {
        // Who asked and whom it messages, once each, if the directory has them.
        std::vector<std::string> people{r->cmd.user_id};
        for (const auto& m : r->plan.result.messages)
            if (m.kind == core::Message::Kind::post &&
                std::find(people.begin(), people.end(), m.channel) == people.end())
                people.push_back(m.channel);
        const std::int64_t now_ms = core::unix_ms(clock_());
        for (const auto& p : people)
            if (router_.has_home(p) && !home_waits_.waiting(p, now_ms))
                r->homes.push_back(storage::outbox::prepare(core::Message::home(p, kHomeSettleMs)));
    }
    if (r->answered_in_response())
        // The deadline does not keep the request: one answered in time is
        // gone long before its deadline comes.
        timer_.arm(AckTimer::Clock::now() + ack_deadline_, [weak = std::weak_ptr<Request>(r)] {
            const auto r = weak.lock();
            if (!r) return;
            int expected = waiting;
            if (r->state.compare_exchange_strong(expected, acknowledged)) {
                spdlog::warn(
                    "{} not committed within the answer deadline: acknowledged, the "
                    "outcome follows by DM",
                    r->request_id);
                r->answer(HttpResponse{
                    200,
                    "application/json",
                    r->slash() ? slash_body(text_reply(std::string(kWorkingOnIt))) : form_body({}),
                    {}});
            }
        });
    submit(std::move(r));
}

void Dispatcher::submit(std::shared_ptr<Request> r) {
    // The writer may run this more than once (see storage/writer.hpp): every
    // field it sets is set afresh.
    auto work = [this, r](SQLite::Database& db) {
        const std::int64_t now_ms = core::unix_ms(clock_());
        r->slots.clear();
        r->refusal.clear();
        r->refusal_field.clear();
        r->told_by_dm = false;
        r->written.clear();
        const auto key = r->dedup_key();
        if (key) {
            if (auto earlier = storage::dedup::earlier_response(db, key->first, key->second)) {
                spdlog::info("{} repeat of {}: answered as before", r->request_id, key->second);
                r->body = std::move(*earlier);
                return;
            }
        }
        std::vector<storage::outbox::Outgoing> refused;
        if (r->plan.apply) {
            try {
                // A refusal undoes what the handler wrote, and only that.
                r->slots = storage::undoable(db, [&] { return r->plan.apply(db); });
            } catch (const core::Refusal& refusal) {
                r->refusal = refusal.what();
                r->refusal_field = refusal.field();
                if (!r->answered_in_response()) refused.push_back(r->outcome_dm());
            }
        }
        if (r->plan.record && r->refusal.empty()) r->plan.record(db);
        const auto& rows = r->refusal.empty() ? r->rows : refused;
        if (r->slash())
            r->body =
                r->refusal.empty() ? r->reply.fill(r->slots) : slash_body(text_reply(r->refusal));
        if (r->form())
            r->body =
                r->refusal.empty()
                    ? r->reply.fill(r->slots)
                    : form_body(handlers::field_errors(core::Refusal(r->refusal, r->refusal_field),
                                                       r->plan.result.reply.fields));
        storage::outbox::enqueue(db, r->request_id, rows, r->slots, now_ms, &r->written);
        if (r->plan.apply && r->refusal.empty())
            storage::outbox::enqueue(db, r->request_id, r->homes, {}, now_ms, &r->written);
        // Too late for the response: the outcome, or a form's refusal, goes by DM.
        const bool late_news = r->slash() || (r->form() && !r->refusal.empty());
        if (late_news && r->state.load() == acknowledged) {
            storage::outbox::enqueue(db, r->request_id, {r->outcome_dm()}, {}, now_ms, &r->written);
            r->told_by_dm = true;
        }
        if (key) storage::dedup::remember(db, key->first, key->second, now_ms, r->body);
    };
    auto done = [this, r](std::exception_ptr error) {
        if (error)
            spdlog::error("{} failed, nothing saved: {}", r->request_id, core::describe(error));
        if (!error && !r->written.empty()) {
            home_waits_.committed(r->written);
            if (messages_committed_) messages_committed_(std::move(r->written));
        }
        int expected = waiting;
        if (!r->state.compare_exchange_strong(expected, answered)) {
            deliver_late(r, error);
            return;
        }
        if (error && r->slash())
            r->answer(
                HttpResponse{200, "application/json", slash_body(text_reply(sorry(error))), {}});
        else if (error && r->form() && !r->plan.result.reply.fields.empty())
            r->answer(HttpResponse{200,
                                   "application/json",
                                   form_body({{r->plan.result.reply.fields.front(), sorry(error)}}),
                                   {}});
        else if (error)  // Slack retries an event that did not get a 2xx.
            r->answer(HttpResponse{500, "application/json", R"({"error":"internal error"})", {}});
        else if (r->answered_in_response() || r->cmd.source == Source::button)
            r->answer(HttpResponse{200, "application/json", std::move(r->body), {}});
        else
            r->answer(HttpResponse{200, "text/plain", std::move(r->body), {}});
    };
    writer_.submit(std::move(work), std::move(done));
}

// Written after the answer: nobody waits for this commit, and a failure
// loses only what it records (handlers::Plan::record).
void Dispatcher::record(std::function<void(SQLite::Database&)> write,
                        const std::string& request_id) {
    writer_.submit(std::move(write), [id = request_id](std::exception_ptr e) {
        if (e) spdlog::warn("{}: its statistics were not recorded: {}", id, core::describe(e));
    });
}

// The deadline answered first: the outcome goes to the person by DM, in
// this unit when it saw the acknowledgement, else in one more.
void Dispatcher::deliver_late(std::shared_ptr<Request> r, std::exception_ptr error) {
    if (!error && r->told_by_dm) return;
    if (error) {
        r->refusal = sorry(error);
        r->slots.clear();
    }
    writer_.submit(
        [this, r](SQLite::Database& db) {
            r->written.clear();
            storage::outbox::enqueue(db, r->request_id, {r->outcome_dm()}, {},
                                     core::unix_ms(clock_()), &r->written);
        },
        [this, r](std::exception_ptr e) {
            if (e)
                spdlog::error("{}: could not message the outcome: {}", r->request_id,
                              core::describe(e));
            else if (messages_committed_)
                messages_committed_(std::move(r->written));
        });
}

}  // namespace bot
