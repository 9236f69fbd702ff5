#pragma once
// Block Kit, the few shapes the bot sends (api.slack.com/reference/block-kit),
// built in one place. Each block and element is its JSON text (core/json_text:
// no tree is built); render() joins blocks into the array a message carries.

#include <string>
#include <string_view>
#include <vector>

namespace handlers::blocks {

using Block = std::string;    // one block's JSON object
using Element = std::string;  // one interactive element's JSON object

Block section(std::string_view mrkdwn);
Block context(std::string_view mrkdwn);
enum class Style { plain, primary, danger };
// A button carries the command it stands for in its value ("approve PTO-12"),
// so pressing it does exactly what typing that command does.
Element button(std::string_view label, std::string_view action_id, std::string_view value,
               Style style = Style::plain);
Block actions(std::string_view block_id, const std::vector<Element>& elements);

// The blocks as the JSON array of a message's "blocks".
std::string render(const std::vector<Block>& blocks);

}  // namespace handlers::blocks
