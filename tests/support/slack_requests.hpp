#pragma once
// Requests exactly as Slack sends them (bodies, headers, signature), with a
// timestamp the test chooses, for the end-to-end tests.

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/http_client.hpp"

namespace testing_support {

// The secret of Slack's own signing example (docs "Verifying requests").
inline constexpr const char* kSigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

struct SlackRequest {
    std::string body;
    Headers headers;  // Content-Type, X-Slack-Request-Timestamp, X-Slack-Signature
};

std::int64_t unix_now();

// Signs body as Slack would at `timestamp` (Unix seconds).
SlackRequest sign(std::string content_type, std::string body, std::int64_t timestamp = unix_now(),
                  const std::string& secret = kSigningSecret);

// A slash command typed by `user`: command with its slash ("/pto").
SlackRequest signed_slash(const std::string& command, const std::string& text,
                          const std::string& user, std::int64_t timestamp = unix_now());
// An Events API body (the whole envelope), as JSON.
SlackRequest signed_event(const nlohmann::json& envelope, std::int64_t timestamp = unix_now());
// An interactivity payload (block_actions ...) in its payload= form field.
SlackRequest signed_action(const nlohmann::json& payload, std::int64_t timestamp = unix_now());

// The event_callback envelope of a direct message to the bot.
nlohmann::json dm_event(const std::string& user, const std::string& text,
                        const std::string& event_id);
// An app_mention event: `user` wrote `text` ("<@U0BOT> ...") at `ts` in
// `channel`.
nlohmann::json mention_event(const std::string& user, const std::string& text,
                             const std::string& event_id, const std::string& ts,
                             const std::string& channel = "C0GENERAL");
// The same from another bot (it carries bot_id): Slack's "ignore bots" case.
nlohmann::json bot_dm_event(const std::string& text, const std::string& event_id);
// A block_actions payload: `user` pressed the button `action_id` carrying
// `value` on a message of the bot in their DM.
nlohmann::json button_press(const std::string& user, const std::string& action_id,
                            const std::string& value);

// POST /slack/events.
HttpResult post_slack(unsigned short port, const SlackRequest& req);

}  // namespace testing_support
