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

Block header(std::string_view plain_text);
Block divider();

// ---- forms: modals and the Home tab ----------------------------------------

// An option of a menu or of checkboxes: what it sends, what it shows.
struct Option {
    std::string value;
    std::string label;
};
Element date_picker(std::string_view action_id, std::string_view initial_date);  // YYYY-MM-DD or ""
// A menu of `options`; `initial` is the value chosen at first ("" for none).
Element select(std::string_view action_id, std::string_view placeholder,
               const std::vector<Option>& options, std::string_view initial);
struct TextInput {
    bool multiline = false;
    std::string initial;
    std::string placeholder;
    int max_length = 0;  // 0: Slack's own limit (3000)
};
Element text_input(std::string_view action_id, const TextInput& input);
Element url_input(std::string_view action_id, std::string_view placeholder);
// A field of a form, its value found under `block_id` when it is submitted.
// `dispatch`: a change of it is sent at once (block_actions), so the form can
// show what it changes.
Block input(std::string_view block_id, std::string_view label, const Element& element,
            bool optional = false, std::string_view hint = {}, bool dispatch = false);

// A modal: `callback_id` names the route its submission goes to,
// `metadata` what the submission needs back (private_metadata, at most
// 3000 characters).
std::string modal(std::string_view callback_id, std::string_view title, std::string_view submit,
                  std::string_view metadata, const std::vector<Block>& blocks);
std::string home(const std::vector<Block>& blocks);

// The blocks as the JSON array of a message's "blocks".
std::string render(const std::vector<Block>& blocks);

}  // namespace handlers::blocks
