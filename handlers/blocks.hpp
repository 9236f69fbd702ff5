#pragma once
// Block Kit, the few shapes the bot sends (api.slack.com/reference/block-kit),
// built in one place. Messages carry blocks as JSON text: render() them.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace handlers::blocks {

using json = nlohmann::json;

json section(std::string mrkdwn);
json context(std::string mrkdwn);
enum class Style { plain, primary, danger };
// A button carries the command it stands for in its value ("approve PTO-12"),
// so pressing it does exactly what typing that command does.
json button(std::string_view label, std::string_view action_id, std::string value,
            Style style = Style::plain);
json actions(std::string block_id, std::vector<json> elements);

std::string render(const json& blocks);

}  // namespace handlers::blocks
