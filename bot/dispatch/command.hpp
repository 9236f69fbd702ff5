#pragma once
// The plain struct the Slack receiver hands to the router: what somebody
// asked, with no trace of HTTP or of Slack's wire formats.

#include <string>
#include <vector>

#include "core/message.hpp"

namespace bot {

enum class Source {
    slash_command,   // /pto dec 21
    direct_message,  // "pto dec 21" in a DM with the bot
    mention,         // "@sitelead pto dec 21" in a channel
    button,          // a Block Kit button on a message of the bot
};

struct Command {
    Source source = Source::slash_command;
    std::string user_id;     // who asked (Slack user id)
    std::string channel_id;  // where: the channel, DM or the message's channel
    // The command word, lower case, without the slash: "pto", "approve",
    // "sitelead", "help". For a DM or mention it is the first word of the
    // text, whatever it is (the router knows which words are commands); for a
    // button it is the first word of the button's value: a button carries the
    // command it stands for ("approve PTO-12").
    std::string name;
    std::string text;     // everything after the command word, trimmed
    std::string message;  // a DM or mention: the whole text, for the fallback route

    std::vector<core::SharedFile> files;  // a DM: the files shared with it

    std::string event_id;      // Events API: the de-duplication key
    std::string action_id;     // buttons: "pto.approve"
    std::string action_value;  // buttons: the whole value, "approve PTO-12"
    std::string message_ts;    // buttons: the message the button was on
    // A mention: the thread it is answered in (its own, or the one it was
    // written in).
    std::string thread_ts;
};

}  // namespace bot
