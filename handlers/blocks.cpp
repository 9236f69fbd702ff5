#include "handlers/blocks.hpp"

namespace handlers::blocks {

json section(std::string mrkdwn) {
    return {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", std::move(mrkdwn)}}}};
}

json context(std::string mrkdwn) {
    return {{"type", "context"}, {"elements", {{{"type", "mrkdwn"}, {"text", std::move(mrkdwn)}}}}};
}

json button(std::string_view label, std::string_view action_id, std::string value, Style style) {
    json b = {{"type", "button"},
              {"text", {{"type", "plain_text"}, {"text", label}}},
              {"action_id", action_id},
              {"value", std::move(value)}};
    if (style == Style::primary) b["style"] = "primary";
    if (style == Style::danger) b["style"] = "danger";
    return b;
}

json actions(std::string block_id, std::vector<json> elements) {
    return {
        {"type", "actions"}, {"block_id", std::move(block_id)}, {"elements", std::move(elements)}};
}

std::string render(const json& blocks) {
    return blocks.dump();
}

}  // namespace handlers::blocks
