#pragma once
// What a handler returns: the reply to show the person who asked, and the
// messages the bot sends because of it, as data. Handlers do no network I/O;
// the messages become outbox rows in the same transaction as the state change
// and are delivered after it commits.
//
// Texts and Block Kit are rendered before the writer runs, on the io thread.
// What only the writer knows (the id of a new request, the balance after it)
// is left as a slot, slot(0), slot(1), ..., in any text or block, and filled
// in by the writer from the values its atomic part returns.

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace core {

// The values of a prepared result's slots, in slot order.
using Slots = std::vector<std::string>;

// The mark of slot `n` (0 to 9) in a text: "\x01" "n" "\x01". Input never holds
// it: the Slack parser drops control characters (without_controls).
std::string slot(int n);
// `text` (not JSON) with each slot mark replaced by its value.
std::string fill_slots(std::string_view text, const Slots& values);

// A file someone shared with the bot in a DM: its Slack id, name and
// permalink. The bot keeps the reference, never the file.
struct SharedFile {
    std::string id;
    std::string name;
    std::string permalink;
};

struct Message {
    enum class Kind {
        post,    // chat.postMessage to `channel`
        update,  // chat.update of every earlier post about `subject` that still has buttons
        // chat.update of the first post about `subject` to `channel`, buttons
        // or not: a post kept current, such as a ticket's triage post.
        edit,
        // chat.postMessage in the thread of the first post about `subject`
        // to `channel`.
        reply,
        // An HTTP POST of `text`, a JSON document, to the URL in `channel`.
        webhook,
        // views.publish of the Home tab of `channel` (a person), rendered
        // when it is delivered: a burst of changes publishes the latest
        // state once.
        home,
        // users.profile.set of `channel` (a person), with the profile in
        // `text` (a JSON object's text), sent with the user token.
        status,
        // A file shared in the DM of `channel` (a person): `file_name`
        // holding `file_content`, introduced by `text`. Slack takes it in
        // three calls (files.getUploadURLExternal, the bytes to the URL it
        // gives, files.completeUploadExternal), made at delivery.
        file,
    };
    Kind kind = Kind::post;
    // A Slack user id (a DM) or a channel id or name; not for update. A
    // webhook's URL.
    std::string channel;
    std::string text;  // always set: the notification and screen-reader text; a webhook's document
    std::string blocks;   // a Block Kit array as JSON text, or empty
    std::string subject;  // "PTO-12": what the message is about
    bool has_buttons = false;
    std::string thread_ts;  // post: in the thread of this message of `channel`
    // How long after it is written it is due: a home's wait for more
    // changes; an announcement's DM's place in its pace.
    std::int64_t delay_ms = 0;
    std::string file_name;     // file: "expenses-2026-11.csv"
    std::string file_content;  // file: its bytes

    static Message dm(std::string user, std::string text, std::string blocks = {}) {
        return make(Kind::post, std::move(user), {}, std::move(text), std::move(blocks));
    }
    // Replaces the buttons of every earlier message about `subject`.
    static Message update_buttons(std::string subject, std::string text, std::string blocks = {}) {
        return make(Kind::update, {}, std::move(subject), std::move(text), std::move(blocks));
    }
    static Message edit(std::string channel, std::string subject, std::string text,
                        std::string blocks = {}) {
        return make(Kind::edit, std::move(channel), std::move(subject), std::move(text),
                    std::move(blocks));
    }
    static Message reply(std::string channel, std::string subject, std::string text) {
        return make(Kind::reply, std::move(channel), std::move(subject), std::move(text), {});
    }
    // POSTs `document` (JSON text, possibly with slots in its strings) to
    // `url`; the caller may set `subject` ("OFC-3").
    static Message webhook(std::string url, std::string document) {
        return make(Kind::webhook, std::move(url), {}, std::move(document), {});
    }
    // Publishes `user`'s Home tab after `delay_ms`, unless a publish of it
    // is already waiting to be due (that one will show the latest state).
    static Message home(std::string user, std::int64_t delay_ms) {
        Message m = make(Kind::home, std::move(user), {}, {}, {});
        m.delay_ms = delay_ms;
        return m;
    }

    // Sets `user`'s Slack profile to `profile` (a JSON object's text:
    // status_text, status_emoji, status_expiration).
    static Message status(std::string user, std::string profile) {
        return make(Kind::status, std::move(user), {}, std::move(profile), {});
    }

    // Shares a file named `name` holding `content` with `user`, in their
    // DM, introduced by `text`.
    static Message file(std::string user, std::string name, std::string content, std::string text) {
        Message m = make(Kind::file, std::move(user), {}, std::move(text), {});
        m.file_name = std::move(name);
        m.file_content = std::move(content);
        return m;
    }

private:
    static Message make(Kind kind, std::string channel, std::string subject, std::string text,
                        std::string blocks) {
        Message m;
        m.kind = kind;
        m.channel = std::move(channel);
        m.subject = std::move(subject);
        m.text = std::move(text);
        m.blocks = std::move(blocks);
        return m;
    }
};

struct Reply {
    std::string text;
    std::string blocks;  // a Block Kit array as JSON text, or empty
    bool in_channel = false;
    // A form's submission (Slack's view_submission): what was wrong, by the
    // block id of the field it concerns. Set, the form stays open with each
    // message under its field and nothing is saved.
    std::map<std::string, std::string> errors;
    // A form's submission: the block ids of its fields. A refusal is shown
    // under the one it names, else under the first.
    std::vector<std::string> fields;
};

struct Result {
    Reply reply;
    std::vector<Message> messages;
    // A modal to open (Slack's views.open) with the request's trigger_id,
    // as the JSON text of the view; empty for none. It opens at once, never
    // behind the outbox: a trigger_id expires three seconds after Slack sends it.
    std::string view;
};

// Thrown by a handler to refuse a request: the message (what was wrong and
// how to write it) becomes the reply, and everything the handler wrote is
// rolled back, so a refusal changes nothing.
class Refusal : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
    // A refusal about one field of a form (the block id: "amount", "start"),
    // shown under that field when the request came from a form.
    Refusal(const std::string& message, std::string field)
        : std::runtime_error(message), field_(std::move(field)) {}
    const std::string& field() const { return field_; }

private:
    std::string field_;
};

// JSON text with slots, split once where it was rendered so that filling it
// in is concatenation. The slot marks are found in their JSON-escaped form
// (\u0001n\u0001), skipping every other escape, so a user who types a
// backslash cannot forge one.
class Template {
public:
    Template() = default;
    explicit Template(std::string json_text);

    // The text with each slot replaced by its value, escaped for the JSON
    // string it stands in. A slot without a value is left empty.
    std::string fill(const Slots& values) const;
    bool empty() const { return text_.empty() && slots_.empty(); }

private:
    struct Slot {
        std::size_t at;  // where in text_ its value goes
        int number;
    };
    std::string text_;  // the text without its slot marks
    std::vector<Slot> slots_;
};

}  // namespace core
