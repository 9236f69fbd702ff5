#include "core/message.hpp"

#include <algorithm>

#include "core/json_text.hpp"

namespace core {
namespace {

constexpr std::string_view kEscapedMark = "\\u0001";

}  // namespace

std::string slot(int n) {
    std::string s = "\x01";
    s += static_cast<char>('0' + n);
    s += '\x01';
    return s;
}

std::string fill_slots(std::string_view text, const Slots& values) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\x01' && i + 2 < text.size() && text[i + 2] == '\x01') {
            const auto n = static_cast<std::size_t>(text[i + 1] - '0');
            if (n < values.size()) out += values[n];
            i += 2;
            continue;
        }
        out += text[i];
    }
    return out;
}

Template::Template(std::string json_text) : text_(std::move(json_text)) {
    // The marks are cut out in place: the text only ever moves left.
    std::size_t kept = 0;  // text_[0, kept) is final
    std::size_t from = 0;  // start of the text not yet moved down to `kept`
    std::size_t i = 0;
    const auto move_down = [&](std::size_t to) {
        // Forward copy to a place before its source: safe where they overlap.
        std::copy(text_.begin() + from, text_.begin() + to, text_.begin() + kept);
        kept += to - from;
    };
    while ((i = text_.find('\\', i)) != std::string::npos) {
        // A slot: \u0001, one digit, \u0001.
        const std::string_view at = std::string_view(text_).substr(i);
        if (at.starts_with(kEscapedMark) && at.size() >= 2 * kEscapedMark.size() + 1 &&
            at[kEscapedMark.size()] >= '0' && at[kEscapedMark.size()] <= '9' &&
            at.substr(kEscapedMark.size() + 1).starts_with(kEscapedMark)) {
            move_down(i);
            if (slots_.empty()) slots_.reserve(8);  // a message's few ids and figures
            slots_.push_back(Slot{kept, at[kEscapedMark.size()] - '0'});
            i += 2 * kEscapedMark.size() + 1;
            from = i;
            continue;
        }
        // Any other escape is skipped whole, so "\\u0001" (an escaped
        // backslash followed by text) is never read as a mark.
        i += 2;
    }
    move_down(text_.size());
    text_.resize(kept);
}

std::string Template::fill(const Slots& values) const {
    std::string out;
    out.reserve(text_.size() + 16 * slots_.size());
    std::size_t done = 0;
    for (const Slot& slot : slots_) {
        out.append(text_, done, slot.at - done);
        done = slot.at;
        if (static_cast<std::size_t>(slot.number) < values.size())
            append_json_escaped(out, values[slot.number]);
    }
    out.append(text_, done);
    return out;
}

}  // namespace core
