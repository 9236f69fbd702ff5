#include "handlers/blocks.hpp"

#include "core/json_text.hpp"
#include "core/text.hpp"

namespace handlers::blocks {
namespace {

// {"type":"mrkdwn","text":...}
std::string mrkdwn_text(std::string_view text) {
    std::string out = R"({"type":"mrkdwn","text":)";
    core::append_json_string(out, text);
    return out + '}';
}

// Slack's limits on a text (in characters; bytes are never fewer).
constexpr std::size_t kMostText = 3000, kMostHeader = 150, kMostLabel = 75;

// `text`, cut with an ellipsis to fit `most`.
std::string within(std::string_view text, std::size_t most) {
    if (text.size() <= most) return std::string(text);
    return core::utf8_prefix(text, most - 3) + "…";
}

// {"type":"plain_text","text":...}
std::string plain_text(std::string_view text) {
    std::string out = R"({"type":"plain_text","text":)";
    core::append_json_string(out, text);
    return out + '}';
}

std::string joined(const std::vector<std::string>& items) {
    std::size_t size = 2;
    for (const auto& i : items) size += i.size() + 1;
    std::string out;
    out.reserve(size);
    out += '[';
    for (const auto& i : items) {
        if (out.size() > 1) out += ',';
        out += i;
    }
    return out + ']';
}

}  // namespace

Block section(std::string_view mrkdwn) {
    return R"({"type":"section","text":)" + mrkdwn_text(within(mrkdwn, kMostText)) + '}';
}

Block context(std::string_view mrkdwn) {
    return R"({"type":"context","elements":[)" + mrkdwn_text(within(mrkdwn, kMostText)) + "]}";
}

Element button(std::string_view label, std::string_view action_id, std::string_view value,
               Style style) {
    std::string out =
        R"({"type":"button","text":)" + plain_text(within(label, kMostLabel)) + R"(,"action_id":)";
    core::append_json_string(out, action_id);
    out += R"(,"value":)";
    core::append_json_string(out, value);
    if (style == Style::primary) out += R"(,"style":"primary")";
    if (style == Style::danger) out += R"(,"style":"danger")";
    return out + '}';
}

Block actions(std::string_view block_id, const std::vector<Element>& elements) {
    std::string out = R"({"type":"actions","block_id":)";
    core::append_json_string(out, block_id);
    return out + R"(,"elements":)" + joined(elements) + '}';
}

Block header(std::string_view text) {
    return R"({"type":"header","text":)" + plain_text(within(text, kMostHeader)) + '}';
}

Block divider() {
    return R"({"type":"divider"})";
}

Element date_picker(std::string_view action_id, std::string_view initial_date) {
    std::string out = R"({"type":"datepicker","action_id":)";
    core::append_json_string(out, action_id);
    if (!initial_date.empty()) {
        out += R"(,"initial_date":)";
        core::append_json_string(out, initial_date);
    }
    return out + '}';
}

namespace {
std::string option_of(const Option& o) {
    std::string out = R"({"text":)" + plain_text(within(o.label, kMostLabel)) + R"(,"value":)";
    core::append_json_string(out, o.value);
    return out + '}';
}
}  // namespace

Element select(std::string_view action_id, std::string_view placeholder,
               const std::vector<Option>& options, std::string_view initial) {
    std::string out = R"({"type":"static_select","action_id":)";
    core::append_json_string(out, action_id);
    out += R"(,"placeholder":)" + plain_text(placeholder) + R"(,"options":[)";
    const Option* chosen = nullptr;
    for (std::size_t i = 0; i < options.size(); ++i) {
        if (i) out += ',';
        out += option_of(options[i]);
        if (!initial.empty() && options[i].value == initial) chosen = &options[i];
    }
    out += ']';
    if (chosen) out += R"(,"initial_option":)" + option_of(*chosen);
    return out + '}';
}

Element text_input(std::string_view action_id, const TextInput& input) {
    std::string out = R"({"type":"plain_text_input","action_id":)";
    core::append_json_string(out, action_id);
    if (input.multiline) out += R"(,"multiline":true)";
    if (!input.initial.empty()) {
        out += R"(,"initial_value":)";
        core::append_json_string(out, input.initial);
    }
    if (!input.placeholder.empty()) out += R"(,"placeholder":)" + plain_text(input.placeholder);
    if (input.max_length > 0) out += R"(,"max_length":)" + std::to_string(input.max_length);
    return out + '}';
}

Element url_input(std::string_view action_id, std::string_view placeholder) {
    std::string out = R"({"type":"url_text_input","action_id":)";
    core::append_json_string(out, action_id);
    if (!placeholder.empty()) out += R"(,"placeholder":)" + plain_text(placeholder);
    return out + '}';
}

Block input(std::string_view block_id, std::string_view label, const Element& element,
            bool optional, std::string_view hint, bool dispatch) {
    std::string out = R"({"type":"input","block_id":)";
    core::append_json_string(out, block_id);
    out += R"(,"label":)" + plain_text(label) + R"(,"element":)" + element;
    if (optional) out += R"(,"optional":true)";
    if (dispatch) out += R"(,"dispatch_action":true)";
    if (!hint.empty()) out += R"(,"hint":)" + plain_text(hint);
    return out + '}';
}

std::string modal(std::string_view callback_id, std::string_view title, std::string_view submit,
                  std::string_view metadata, const std::vector<Block>& blocks) {
    std::string out = R"({"type":"modal","callback_id":)";
    core::append_json_string(out, callback_id);
    out += R"(,"title":)" + plain_text(title) + R"(,"submit":)" + plain_text(submit) +
           R"(,"close":)" + plain_text("Cancel");
    if (!metadata.empty()) {
        out += R"(,"private_metadata":)";
        core::append_json_string(out, metadata);
    }
    return out + R"(,"blocks":)" + joined(blocks) + '}';
}

std::string home(const std::vector<Block>& blocks) {
    return R"({"type":"home","blocks":)" + joined(blocks) + '}';
}

std::string render(const std::vector<Block>& blocks) {
    return joined(blocks);
}

}  // namespace handlers::blocks
