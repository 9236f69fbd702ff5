#include "tests/support/slack_requests.hpp"

#include <chrono>

#include "bot/slack/form.hpp"
#include "bot/slack/requests.hpp"

namespace testing_support {

using json = nlohmann::json;
using bot::slack::form_encode;

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

SlackRequest sign(std::string content_type, std::string body, std::int64_t timestamp,
                  const std::string& secret) {
    auto signed_request =
        bot::slack::sign_request(secret, std::move(content_type), std::move(body), timestamp);
    return SlackRequest{std::move(signed_request.body), signed_request.headers()};
}

SlackRequest signed_slash(const std::string& command, const std::string& text,
                          const std::string& user, std::int64_t timestamp) {
    bot::slack::SlashCommand cmd;
    cmd.user_id = user;
    cmd.user_name = user;
    cmd.command = command;
    cmd.text = text;
    cmd.team_id = "T1DC2JH3J";
    cmd.trigger_id = "398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    return sign(std::string(bot::slack::kFormType), bot::slack::slash_body(cmd), timestamp);
}

SlackRequest signed_event(const json& envelope, std::int64_t timestamp) {
    return sign("application/json", envelope.dump(), timestamp);
}

SlackRequest signed_action(const json& payload, std::int64_t timestamp) {
    return sign("application/x-www-form-urlencoded", "payload=" + form_encode(payload.dump()),
                timestamp);
}

json dm_event(const std::string& user, const std::string& text, const std::string& event_id) {
    return bot::slack::dm_event(user, text, event_id, "1355517523.000005", "T123ABC456");
}

json mention_event(const std::string& user, const std::string& text, const std::string& event_id,
                   const std::string& ts, const std::string& channel) {
    return {{"type", "event_callback"},
            {"event_id", event_id},
            {"event",
             {{"type", "app_mention"},
              {"user", user},
              {"text", text},
              {"ts", ts},
              {"channel", channel}}}};
}

json bot_dm_event(const std::string& text, const std::string& event_id) {
    json envelope = dm_event("U0BOTUSER", text, event_id);
    envelope["event"]["bot_id"] = "BB12033";
    envelope["event"]["bot_profile"] = {{"id", "BB12033"}, {"name", "another bot"}};
    return envelope;
}

json button_press(const std::string& user, const std::string& action_id, const std::string& value) {
    return {{"type", "block_actions"},
            {"user", {{"id", user}, {"username", "u"}, {"team_id", "T1"}}},
            {"api_app_id", "A1"},
            {"token", "x"},
            {"trigger_id", "1.2.3"},
            {"container",
             {{"type", "message"},
              {"message_ts", "1.000100"},
              {"channel_id", "D" + user},
              {"is_ephemeral", false}}},
            {"team", {{"id", "T1"}, {"domain", "t"}}},
            {"actions",
             {{{"action_id", action_id},
               {"block_id", "b"},
               {"value", value},
               {"type", "button"},
               {"action_ts", "1.2"}}}}};
}

HttpResult post_slack(unsigned short port, const SlackRequest& req) {
    return http_request(port, "POST", "/slack/events", req.headers, req.body);
}

}  // namespace testing_support
