#pragma once
// The plain struct the Slack receiver hands to the router: what somebody
// asked, with no trace of HTTP or of Slack's wire formats.

#include <map>
#include <string>
#include <vector>

#include "core/message.hpp"

namespace bot {

enum class Source {
    slash_command,   // /pto dec 21
    direct_message,  // "pto dec 21" in a DM with the bot
    mention,         // "@sitelead pto dec 21" in a channel
    button,          // a Block Kit button on a message of the bot or its Home tab
    form,            // a modal's submission (view_submission)
    form_changed,    // a field of an open modal changed (a dispatch_action field)
    shortcut,        // a message shortcut ("Report to BizOps" on any message)
    home_opened,     // the person opened the bot's Home tab (app_home_opened)
};

// What a modal's submission carries.
struct Submission {
    std::string callback_id;  // the form: the route that opened it ("pto", "deny")
    std::string metadata;     // the view's private_metadata, as the bot set it
    std::string view_id;      // Slack's id of the view
    std::string hash;         // the view's version, for views.update
    // What was entered, by block id: a text, a date (YYYY-MM-DD), a chosen
    // option's value, or the chosen values of checkboxes joined by ','.
    std::map<std::string, std::string> values;
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
    std::string text;  // everything after the command word, trimmed
    // A DM or mention: the whole text, for the fallback route; a shortcut:
    // the text of the message it was used on.
    std::string message;

    std::vector<core::SharedFile> files;  // a DM: the files shared with it

    std::string event_id;      // Events API: the de-duplication key
    std::string action_id;     // buttons: "pto.approve"
    std::string action_value;  // buttons: the whole value, "approve PTO-12"
    std::string message_ts;    // buttons: the message the button was on; a shortcut's message
    // Slash commands, buttons and shortcuts: what lets the bot open a modal
    // within three seconds.
    std::string trigger_id;
    Submission submission;  // Source::form
    std::string permalink;  // a shortcut: a link to the message it was used on
    // A mention: the thread it is answered in (its own, or the one it was
    // written in).
    std::string thread_ts;
};

}  // namespace bot
