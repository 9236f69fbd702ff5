#include "bot/slack/requests.hpp"

#include <nlohmann/json.hpp>

#include "bot/slack/form.hpp"
#include "bot/slack/verify.hpp"

namespace bot::slack {

std::string slash_body(const SlashCommand& cmd) {
    const std::string channel = cmd.channel_id.empty() ? "D0" + cmd.user_id : cmd.channel_id;
    return "token=local&team_id=" + form_encode(cmd.team_id) +
           "&team_domain=local&channel_id=" + form_encode(channel) +
           "&channel_name=directmessage&user_id=" + form_encode(cmd.user_id) +
           "&user_name=" + form_encode(cmd.user_name) + "&command=" + form_encode(cmd.command) +
           "&text=" + form_encode(cmd.text) +
           "&api_app_id=A0LOCAL&is_enterprise_install=false&response_url=" +
           form_encode("https://hooks.slack.com/commands/" + cmd.team_id + "/0/local") +
           "&trigger_id=" + form_encode(cmd.trigger_id);
}

nlohmann::json dm_event(std::string_view user, std::string_view text, std::string_view event_id,
                        std::string_view ts, std::string_view team_id) {
    using json = nlohmann::json;
    const std::string channel = "D0" + std::string(user);
    return {{"token", "local"},
            {"team_id", team_id},
            {"api_app_id", "A0LOCAL"},
            {"event",
             {{"type", "message"},
              {"channel", channel},
              {"user", user},
              {"text", text},
              {"ts", ts},
              {"event_ts", ts},
              {"channel_type", "im"}}},
            {"type", "event_callback"},
            {"event_id", event_id},
            {"event_time", std::stoll(std::string(ts.substr(0, ts.find('.'))))},
            {"authorizations", json::array({{{"team_id", team_id},
                                             {"user_id", "U0LOCALBOT"},
                                             {"is_bot", true},
                                             {"is_enterprise_install", false}}})}};
}

nlohmann::json view_submission(std::string_view user, const nlohmann::json& view,
                               const std::map<std::string, std::string>& values,
                               std::string_view view_id, std::string_view team_id) {
    using json = nlohmann::json;
    // Each input block's element, by block id: it says the value's shape.
    std::map<std::string, json> elements;
    if (view.contains("blocks"))
        for (const json& b : view["blocks"])
            if (b.value("type", "") == "input" && b.contains("element"))
                elements[b.value("block_id", "")] = b["element"];
    json state = json::object();
    for (const auto& [block, value] : values) {
        const auto it = elements.find(block);
        const json element = it != elements.end()
                                 ? it->second
                                 : json{{"type", "plain_text_input"}, {"action_id", block}};
        const std::string type = element.value("type", "plain_text_input");
        json entered = {{"type", type}};
        if (type == "datepicker") {
            entered["selected_date"] = value;
        } else if (type == "static_select") {
            entered["selected_option"] = {{"text", {{"type", "plain_text"}, {"text", value}}},
                                          {"value", value}};
        } else {
            entered["value"] = value;
        }
        state[block][element.value("action_id", block)] = entered;
    }
    return {{"type", "view_submission"},
            {"team", {{"id", team_id}, {"domain", "local"}}},
            {"user", {{"id", user}, {"team_id", team_id}}},
            {"api_app_id", "A0LOCAL"},
            {"trigger_id", "0.0.submit"},
            {"view",
             {{"id", view_id},
              {"team_id", team_id},
              {"type", "modal"},
              {"callback_id", view.value("callback_id", "")},
              {"private_metadata", view.value("private_metadata", "")},
              {"hash", "1.local"},
              {"state", {{"values", state}}}}}};
}

nlohmann::json view_change(std::string_view user, const nlohmann::json& view,
                           const std::map<std::string, std::string>& values,
                           const std::string& changed, std::string_view view_id,
                           std::string_view team_id) {
    nlohmann::json payload = view_submission(user, view, values, view_id, team_id);
    payload["type"] = "block_actions";
    payload["container"] = {{"type", "view"}, {"view_id", view_id}};
    nlohmann::json action = nlohmann::json::object();
    const auto& state = payload["view"]["state"]["values"];
    if (state.contains(changed)) {
        action = state[changed].begin().value();
        action["action_id"] = state[changed].begin().key();
    }
    action["block_id"] = changed;
    action["action_ts"] = "1700000000.000200";
    payload["actions"] = nlohmann::json::array({action});
    return payload;
}

nlohmann::json home_opened_event(std::string_view user, std::string_view event_id,
                                 std::string_view team_id) {
    return {{"token", "local"},
            {"team_id", team_id},
            {"api_app_id", "A0LOCAL"},
            {"event",
             {{"type", "app_home_opened"},
              {"user", user},
              {"channel", "D0" + std::string(user)},
              {"tab", "home"},
              {"event_ts", "1700000000.000100"}}},
            {"type", "event_callback"},
            {"event_id", event_id},
            {"event_time", 1700000000}};
}

nlohmann::json message_shortcut(std::string_view user, std::string_view callback_id,
                                std::string_view text, std::string_view channel,
                                std::string_view ts, std::string_view trigger_id,
                                std::string_view team_id) {
    return {
        {"type", "message_action"},
        {"callback_id", callback_id},
        {"trigger_id", trigger_id},
        {"team", {{"id", team_id}, {"domain", "local"}}},
        {"user", {{"id", user}, {"team_id", team_id}}},
        {"channel", {{"id", channel}, {"name", "general"}}},
        {"message_ts", ts},
        {"message",
         {{"type", "message"}, {"user", "U0OTHER"}, {"ts", ts}, {"text", escape_entities(text)}}}};
}

std::string escape_entities(std::string_view typed) {
    std::string out;
    out.reserve(typed.size());
    for (char c : typed) {
        if (c == '&')
            out += "&amp;";
        else if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else
            out += c;
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> SignedRequest::headers() const {
    return {{"Content-Type", content_type},
            {std::string(kTimestampHeader), timestamp},
            {std::string(kSignatureHeader), signature}};
}

SignedRequest sign_request(std::string_view signing_secret, std::string content_type,
                           std::string body, std::int64_t unix_seconds) {
    SignedRequest req;
    req.timestamp = std::to_string(unix_seconds);
    req.signature = sign(signing_secret, req.timestamp, body);
    req.content_type = std::move(content_type);
    req.body = std::move(body);
    return req;
}

}  // namespace bot::slack
