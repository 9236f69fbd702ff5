#include "bot/slack/parse.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <nlohmann/json.hpp>
#include <utility>

#include "bot/slack/form.hpp"
#include "core/text.hpp"

namespace bot::slack {
namespace {

using core::lower;
using core::split_first_word;
using core::trim;
using nlohmann::json;

// Slack escapes only these three (S-FORMAT). One left-to-right pass, so
// "&amp;lt;" becomes the literal "&lt;" that the user typed.
std::string decode_entities(std::string_view s) {
    static constexpr std::array<std::pair<std::string_view, char>, 3> entities = {
        {{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}}};
    std::string out;
    out.reserve(s.size());
    while (!s.empty()) {
        bool replaced = false;
        if (s.front() == '&') {
            for (const auto& [entity, c] : entities) {
                if (s.starts_with(entity)) {
                    out.push_back(c);
                    s.remove_prefix(entity.size());
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) {
            out.push_back(s.front());
            s.remove_prefix(1);
        }
    }
    return out;
}

// "<@U0LAN0Z89> pto dec 21" -> "pto dec 21". Also the labelled form
// "<@U0LAN0Z89|sitelead>". Only the leading mention (the bot's) goes: later
// ones are arguments ("approve PTO-3 for <@U2>").
std::string_view strip_leading_mention(std::string_view s) {
    s = trim(s);
    if (!s.starts_with("<@")) return s;
    const std::size_t close = s.find('>');
    if (close == std::string_view::npos) return s;
    const std::string_view inside = s.substr(2, close - 2);
    const std::string_view id = inside.substr(0, inside.find('|'));
    const bool id_ok = !id.empty() && std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::isupper(c) || std::isdigit(c);
    });
    return id_ok ? trim(s.substr(close + 1)) : s;
}

std::string string_at(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

const json* object_at(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_object() ? &*it : nullptr;
}

std::string nested_string(const json& object, const char* outer, const char* inner) {
    const json* child = object_at(object, outer);
    return child ? string_at(*child, inner) : std::string{};
}

// ---- forms: slash commands and interactivity payloads ----------------------

Parsed parse_slash_command(const Form& form) {
    Command cmd;
    cmd.source = Source::slash_command;
    const auto field = [&](const char* key) {
        const auto it = form.find(key);
        return it == form.end() ? std::string{} : it->second;
    };
    cmd.user_id = field("user_id");
    if (cmd.user_id.empty()) return BadRequest{"missing user_id"};
    std::string_view name = trim(form.at("command"));
    if (name.starts_with('/')) name.remove_prefix(1);
    if (name.empty()) return BadRequest{"empty command; expected command=/name"};
    cmd.name = lower(name);
    // Mentions stay as <@U…|name>: handlers parse them as arguments.
    cmd.text = std::string(trim(core::without_controls(decode_entities(field("text")))));
    cmd.channel_id = field("channel_id");
    cmd.trigger_id = field("trigger_id");
    return cmd;
}

Submission submission_of(const json& view);

Parsed parse_block_actions(const json& payload) {
    const std::string user_id = nested_string(payload, "user", "id");
    if (user_id.empty()) return BadRequest{"block_actions payload is missing user.id"};
    const auto actions = payload.find("actions");
    if (actions == payload.end() || !actions->is_array() || actions->empty() ||
        !actions->front().is_object()) {
        return BadRequest{"block_actions payload is missing actions"};
    }
    const json& action = actions->front();
    const std::string type = string_at(action, "type");
    // A field of an open modal that asks to be told of changes (the PTO
    // form's dates): the form is shown again with what they change.
    if (type != "button" && nested_string(payload, "container", "type") == "view") {
        const json* view = object_at(payload, "view");
        if (!view) return BadRequest{"block_actions from a view without the view"};
        Command cmd;
        cmd.source = Source::form_changed;
        cmd.user_id = user_id;
        cmd.submission = submission_of(*view);
        cmd.name = lower(cmd.submission.callback_id);
        if (cmd.name.empty() || cmd.submission.view_id.empty())
            return BadRequest{"block_actions view has no id or callback_id"};
        return cmd;
    }
    if (!type.empty() && type != "button") return Ignored{"block action " + type};
    const std::string value = string_at(action, "value");
    // A link button still posts a payload to acknowledge; it carries no value.
    if (value.empty()) return Ignored{"button without a value"};

    Command cmd;
    cmd.source = Source::button;
    cmd.user_id = user_id;
    cmd.channel_id = nested_string(payload, "container", "channel_id");
    if (cmd.channel_id.empty()) cmd.channel_id = nested_string(payload, "channel", "id");
    cmd.message_ts = nested_string(payload, "container", "message_ts");
    if (cmd.message_ts.empty()) cmd.message_ts = nested_string(payload, "message", "ts");
    // A button on the Home tab is on a view, not a message.
    if (cmd.message_ts.empty()) cmd.message_ts = nested_string(payload, "container", "view_id");
    cmd.action_id = string_at(action, "action_id");
    cmd.action_value = value;
    cmd.trigger_id = string_at(payload, "trigger_id");
    const std::string typed = core::without_controls(value);
    const auto [word, rest] = split_first_word(typed);
    cmd.name = word;
    cmd.text = std::string(rest);
    return cmd;
}

// One field's value in a view's state: what the person typed, picked or ticked.
std::string entered(const json& action) {
    if (!action.is_object()) return {};
    const std::string type = string_at(action, "type");
    if (type == "datepicker") return string_at(action, "selected_date");
    if (type == "static_select" || type == "radio_buttons")
        return nested_string(action, "selected_option", "value");
    if (type == "checkboxes") {
        std::string out;
        if (const auto it = action.find("selected_options"); it != action.end() && it->is_array())
            for (const json& o : *it)
                if (o.is_object()) out += (out.empty() ? "" : ",") + string_at(o, "value");
        return out;
    }
    return string_at(action, "value");  // plain_text_input, url_text_input, ...
}

Parsed parse_view_submission(const json& payload) {
    const std::string user_id = nested_string(payload, "user", "id");
    if (user_id.empty()) return BadRequest{"view_submission payload is missing user.id"};
    const json* view = object_at(payload, "view");
    if (!view) return BadRequest{"view_submission payload is missing view"};
    Command cmd;
    cmd.source = Source::form;
    cmd.user_id = user_id;
    cmd.trigger_id = string_at(payload, "trigger_id");
    cmd.submission = submission_of(*view);
    if (cmd.submission.callback_id.empty())
        return BadRequest{"view_submission view has no callback_id"};
    cmd.name = lower(cmd.submission.callback_id);
    return cmd;
}

// A view as a submission or a change carries it: the form, its metadata and
// version, and what is entered in each field.
Submission submission_of(const json& view) {
    Submission s;
    s.callback_id = string_at(view, "callback_id");
    s.metadata = string_at(view, "private_metadata");
    s.view_id = string_at(view, "id");
    s.hash = string_at(view, "hash");
    if (const json* state = object_at(view, "state"))
        if (const json* values = object_at(*state, "values"))
            for (const auto& [block_id, actions] : values->items())
                if (actions.is_object() && !actions.empty())
                    s.values[block_id] = core::without_controls(entered(actions.begin().value()));
    return s;
}

// A message shortcut names, in its callback_id, the route whose form it opens.
Parsed parse_message_action(const json& payload) {
    Command cmd;
    cmd.source = Source::shortcut;
    cmd.user_id = nested_string(payload, "user", "id");
    if (cmd.user_id.empty()) return BadRequest{"message_action payload is missing user.id"};
    cmd.name = lower(string_at(payload, "callback_id"));
    if (cmd.name.empty()) return BadRequest{"message_action payload has no callback_id"};
    cmd.trigger_id = string_at(payload, "trigger_id");
    cmd.channel_id = nested_string(payload, "channel", "id");
    cmd.message_ts = nested_string(payload, "message", "ts");
    cmd.message = std::string(
        trim(core::without_controls(decode_entities(nested_string(payload, "message", "text")))));
    // Slack's link to a message: its workspace, channel, and ts without the dot.
    const std::string domain = nested_string(payload, "team", "domain");
    if (!domain.empty() && !cmd.channel_id.empty() && !cmd.message_ts.empty()) {
        std::string ts = cmd.message_ts;
        std::erase(ts, '.');
        cmd.permalink = "https://" + domain + ".slack.com/archives/" + cmd.channel_id + "/p" + ts;
    }
    return cmd;
}

Parsed parse_interaction(std::string_view text) {
    const json payload = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (payload.is_discarded()) return BadRequest{"payload is not valid JSON"};
    if (!payload.is_object()) return BadRequest{"payload is not a JSON object"};
    const std::string type = string_at(payload, "type");
    if (type.empty()) return BadRequest{"payload is missing type"};
    if (type == "block_actions") return parse_block_actions(payload);
    if (type == "view_submission") return parse_view_submission(payload);
    if (type == "message_action") return parse_message_action(payload);
    return Ignored{"interaction type " + type};
}

Parsed parse_form_body(std::string_view body) {
    const std::optional<Form> form = parse_form(body);
    if (!form) {
        return BadRequest{
            "body is not valid form encoding (a '%' must be followed by two hex "
            "digits)"};
    }
    if (const auto it = form->find("ssl_check"); it != form->end() && it->second == "1") {
        return SslCheck{};
    }
    if (const auto it = form->find("payload"); it != form->end()) {
        return parse_interaction(it->second);
    }
    if (form->contains("command")) return parse_slash_command(*form);
    return BadRequest{"expected a slash command (command=...) or an interaction (payload=...)"};
}

// ---- JSON: the Events API ---------------------------------------------------

// Shared by DMs and mentions: drop the bot's mention, decode, then split off
// the first word; the router decides whether it is a command.
void set_name_and_text(Command& cmd, std::string_view raw_text) {
    cmd.message =
        std::string(trim(core::without_controls(decode_entities(strip_leading_mention(raw_text)))));
    auto [word, rest] = split_first_word(cmd.message);
    cmd.name = std::move(word);
    cmd.text = std::string(rest);
}

// Why a message or mention is not for us, or empty when it is.
std::string reason_to_ignore(const json& event, const std::string& type) {
    if (event.contains("bot_id")) return "bot message";
    // A file shared in a DM is a message for us (a receipt, most likely).
    if (const std::string subtype = string_at(event, "subtype");
        !subtype.empty() && !(subtype == "file_share" && type == "message")) {
        return "message subtype " + subtype;
    }
    if (event.contains("subtype") && !event["subtype"].is_string()) return "message subtype";
    if (type == "message") {
        if (event.contains("edited")) return "edited message";
        if (string_at(event, "channel_type") != "im") return "message outside a DM";
    }
    if (string_at(event, "user").empty()) return type + " without a user";
    return {};
}

Parsed parse_event_callback(const json& envelope) {
    const std::string event_id = string_at(envelope, "event_id");
    if (event_id.empty()) return BadRequest{"missing event_id"};
    const json* event = object_at(envelope, "event");
    if (!event) return BadRequest{"event_callback without an event object"};

    const std::string type = string_at(*event, "type");
    if (type == "app_home_opened") {
        if (string_at(*event, "tab") != "home")
            return Ignored{"app_home_opened on the messages tab"};
        Command cmd;
        cmd.source = Source::home_opened;
        cmd.user_id = string_at(*event, "user");
        if (cmd.user_id.empty()) return BadRequest{"app_home_opened without a user"};
        cmd.event_id = event_id;
        return cmd;
    }
    if (type != "message" && type != "app_mention") {
        return Ignored{"event type " + (type.empty() ? std::string("(none)") : type)};
    }
    if (std::string why = reason_to_ignore(*event, type); !why.empty()) {
        return Ignored{std::move(why)};
    }
    Command cmd;
    cmd.source = type == "message" ? Source::direct_message : Source::mention;
    cmd.user_id = string_at(*event, "user");
    cmd.channel_id = string_at(*event, "channel");
    cmd.event_id = event_id;
    if (cmd.source == Source::mention) {
        cmd.thread_ts = string_at(*event, "thread_ts");
        if (cmd.thread_ts.empty()) cmd.thread_ts = string_at(*event, "ts");
    }
    set_name_and_text(cmd, string_at(*event, "text"));
    if (const auto files = event->find("files"); files != event->end() && files->is_array())
        for (const json& f : *files)
            if (f.is_object() && !string_at(f, "id").empty())
                cmd.files.push_back(
                    {string_at(f, "id"), string_at(f, "name"), string_at(f, "permalink")});
    return cmd;
}

Parsed parse_json_body(std::string_view body) {
    const json envelope = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (envelope.is_discarded() || !envelope.is_object()) {
        return BadRequest{"body is not valid JSON"};
    }
    const std::string type = string_at(envelope, "type");
    if (type == "url_verification") {
        const auto challenge = envelope.find("challenge");
        if (challenge == envelope.end() || !challenge->is_string()) {
            return BadRequest{"url_verification without a challenge string"};
        }
        return UrlVerification{challenge->get<std::string>()};
    }
    if (type == "event_callback") return parse_event_callback(envelope);
    if (type.empty()) return BadRequest{"body has no type; expected an Events API envelope"};
    return Ignored{"envelope type " + type};  // app_rate_limited and future types
}

// "Application/JSON; charset=utf-8" -> "application/json".
std::string media_type(std::string_view content_type) {
    return lower(trim(content_type.substr(0, content_type.find(';'))));
}

}  // namespace

Parsed parse(std::string_view content_type, std::string_view body) {
    const std::string type = media_type(content_type);
    if (type == "application/x-www-form-urlencoded") return parse_form_body(body);
    if (type == "application/json") return parse_json_body(body);
    return BadRequest{"unsupported content type " + (type.empty() ? std::string("(none)") : type) +
                      "; Slack sends application/x-www-form-urlencoded or application/json"};
}

}  // namespace bot::slack
