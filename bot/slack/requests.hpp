#pragma once
// What Slack sends when a person types a line: a slash command's form body,
// a direct message's Events API envelope, and the signature headers over
// either. One copy for the `say` command, the tests and the benchmark, so
// that all three speak to the server exactly as Slack does.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace bot::slack {

// The fields of a slash command that the bot reads, plus the workspace it
// comes from. The body lists them in Slack's order.
struct SlashCommand {
    std::string user_id;
    std::string user_name;
    std::string command;  // with its slash: "/pto"
    std::string text;     // as Slack sends it: &, < and > already entities
    std::string channel_id;
    std::string team_id = "T0LOCAL";
    std::string trigger_id = "0.0.0";
};

// application/x-www-form-urlencoded, as Slack POSTs it.
std::string slash_body(const SlashCommand& cmd);

// The event_callback envelope of a direct message from `user` to the bot.
nlohmann::json dm_event(std::string_view user, std::string_view text, std::string_view event_id,
                        std::string_view ts, std::string_view team_id = "T0LOCAL");

// The view_submission payload of `view` (a modal as it was opened: its
// callback_id, private_metadata, and the element of each input block) sent
// by `user` with `values` by block id, each in the shape Slack gives its
// element (selected_date, selected_option, value). A block the view does
// not have is sent as a text input.
nlohmann::json view_submission(std::string_view user, const nlohmann::json& view,
                               const std::map<std::string, std::string>& values,
                               std::string_view view_id, std::string_view team_id = "T0LOCAL");

// The block_actions payload of `user` changing the field `changed` of the
// open `view` (one that dispatches its changes), `values` being what its
// fields hold now, the changed one included.
nlohmann::json view_change(std::string_view user, const nlohmann::json& view,
                           const std::map<std::string, std::string>& values,
                           const std::string& changed, std::string_view view_id,
                           std::string_view team_id = "T0LOCAL");

// The app_home_opened event of `user` opening the bot's Home tab.
nlohmann::json home_opened_event(std::string_view user, std::string_view event_id,
                                 std::string_view team_id = "T0LOCAL");

// The message_action payload of `user` using the shortcut `callback_id` on
// the message `text` (at `ts` in `channel`).
nlohmann::json message_shortcut(std::string_view user, std::string_view callback_id,
                                std::string_view text, std::string_view channel,
                                std::string_view ts, std::string_view trigger_id,
                                std::string_view team_id = "T0LOCAL");

// Slack sends &, < and > in typed text as entities (they are its markup).
std::string escape_entities(std::string_view typed);

struct SignedRequest {
    std::string content_type;
    std::string body;
    std::string timestamp;  // X-Slack-Request-Timestamp
    std::string signature;  // X-Slack-Signature

    // Content-Type and the two signature headers, as sent.
    std::vector<std::pair<std::string, std::string>> headers() const;
};

// Signs `body` as Slack would at `unix_seconds`.
SignedRequest sign_request(std::string_view signing_secret, std::string content_type,
                           std::string body, std::int64_t unix_seconds);

inline constexpr std::string_view kFormType = "application/x-www-form-urlencoded";
inline constexpr std::string_view kJsonType = "application/json";

}  // namespace bot::slack
