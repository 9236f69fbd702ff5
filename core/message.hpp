#pragma once
// What a handler returns: the reply to show the person who asked, and the
// messages the bot sends because of it, as data. Handlers do no network I/O;
// the messages become outbox rows in the same transaction as the state change
// and are delivered after it commits.

#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace core {

struct Message {
    enum class Kind {
        post,    // chat.postMessage to `channel`
        update,  // chat.update of every earlier post about `subject` that still has buttons
    };
    Kind kind = Kind::post;
    std::string channel;  // post: a Slack user id (a DM) or a channel id or name
    std::string text;     // always set: the notification and screen-reader text
    nlohmann::json blocks = nullptr;  // Block Kit array, or null
    std::string subject;  // "PTO-12": what the message is about
    bool has_buttons = false;

    static Message dm(std::string user, std::string text, nlohmann::json blocks = nullptr) {
        return Message{Kind::post, std::move(user), std::move(text), std::move(blocks), {}, false};
    }
    // Replaces the buttons of every earlier message about `subject`.
    static Message update_buttons(std::string subject, std::string text,
                                  nlohmann::json blocks = nullptr) {
        return Message{Kind::update, {}, std::move(text), std::move(blocks), std::move(subject),
                       false};
    }
};

struct Reply {
    std::string text;
    nlohmann::json blocks = nullptr;
    bool in_channel = false;

    // Slack's response body for a slash command.
    nlohmann::json to_json() const {
        nlohmann::json j = {{"response_type", in_channel ? "in_channel" : "ephemeral"},
                            {"text", text}};
        if (!blocks.is_null()) j["blocks"] = blocks;
        return j;
    }
};

struct Result {
    Reply reply;
    std::vector<Message> messages;
};

}  // namespace core

namespace core {

// Thrown by a handler to refuse a request: the message (what was wrong and
// how to write it) becomes the reply, and everything the handler wrote is
// rolled back, so a refusal changes nothing.
class Refusal : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace core
