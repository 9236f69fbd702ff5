#include "handlers/blocks.hpp"

#include "core/json_text.hpp"

namespace handlers::blocks {
namespace {

// {"type":"mrkdwn","text":...}
std::string mrkdwn_text(std::string_view text) {
    std::string out = R"({"type":"mrkdwn","text":)";
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
    return R"({"type":"section","text":)" + mrkdwn_text(mrkdwn) + '}';
}

Block context(std::string_view mrkdwn) {
    return R"({"type":"context","elements":[)" + mrkdwn_text(mrkdwn) + "]}";
}

Element button(std::string_view label, std::string_view action_id, std::string_view value,
               Style style) {
    std::string out = R"({"type":"button","text":{"type":"plain_text","text":)";
    core::append_json_string(out, label);
    out += R"(},"action_id":)";
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

std::string render(const std::vector<Block>& blocks) {
    return joined(blocks);
}

}  // namespace handlers::blocks
