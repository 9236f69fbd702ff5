#pragma once
// A workflow's form: the Slack modal its command opens when it is given
// nothing to do (`/pto`, a Home tab button, the Deny button), and how a
// submission becomes that same command. A submission is read into the
// command's own words and prepared by the command's own handler, so a form
// can do nothing a typed command cannot, and every check runs again on
// what was submitted: nothing the client sends back is trusted.

#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "handlers/context.hpp"

namespace handlers {

// What a submission holds, by block id (bot::Submission::values).
using Values = std::map<std::string, std::string>;
// What was wrong, by the block id of the field it concerns.
using FieldErrors = std::map<std::string, std::string>;

// What a form may start from: a message a shortcut was used on.
struct Prefill {
    std::string text;
    std::string link;  // the message's permalink
};

struct Form {
    // Whether `args` (what follows the command word) ask for the form, typed
    // or pressed on a button: null means when there are none.
    bool (*opens)(std::string_view args, bool via_button) = nullptr;
    // The modal, as a view's JSON text. `args`: the command's words (the
    // Deny button's id).
    std::string (*open)(const Context& ctx, std::string_view args, const Prefill& prefill,
                        SQLite::Database& reads) = nullptr;
    // The modal again for what is entered so far, when a field that asks to
    // be told of changes (dispatch_action) changed; null when none does.
    std::string (*update)(const Context& ctx, const Values& values, std::string_view metadata,
                          SQLite::Database& reads) = nullptr;
    // The command's words the values stand for, or what is wrong with them
    // by field (only what the command could not say about a field).
    // `metadata`: the view's private_metadata, as open() set it.
    std::variant<std::string, FieldErrors> (*read)(const Context& ctx, const Values& values,
                                                   std::string_view metadata) = nullptr;
    // The block ids of its fields, in order: a refusal naming none is shown
    // under the first.
    std::vector<std::string> fields = {};
    // The label of the Home tab's button that opens it; empty for none.
    std::string_view button = {};

    bool opened_by(std::string_view args, bool via_button) const {
        return opens ? opens(args, via_button) : args.empty();
    }
};

// A refusal's message as a form shows it under a field: its first lines,
// without the typed command's usage (the form is its usage).
std::string field_message(std::string_view refusal);
// A refusal as a form shows it: under the field it names when the form has
// it (`fields`), else under the first.
FieldErrors field_errors(const core::Refusal& refusal, const std::vector<std::string>& fields);

// The value of `field`, or empty.
std::string value_of(const Values& values, const std::string& field);

}  // namespace handlers
