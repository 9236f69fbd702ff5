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

Template::Template(std::string json_text) {
    pieces_.clear();
    const std::string_view rest = json_text;
    std::string piece;
    std::size_t from = 0;  // start of the text not yet copied into `piece`
    std::size_t i = 0;
    while ((i = rest.find('\\', i)) != std::string_view::npos) {
        // A slot: \u0001, one digit, \u0001.
        const std::string_view at = rest.substr(i);
        if (at.starts_with(kEscapedMark) && at.size() >= 2 * kEscapedMark.size() + 1 &&
            at[kEscapedMark.size()] >= '0' && at[kEscapedMark.size()] <= '9' &&
            at.substr(kEscapedMark.size() + 1).starts_with(kEscapedMark)) {
            piece.append(rest.substr(from, i - from));
            pieces_.push_back(std::move(piece));
            piece.clear();
            slots_.push_back(at[kEscapedMark.size()] - '0');
            i += 2 * kEscapedMark.size() + 1;
            from = i;
            continue;
        }
        // Any other escape is skipped whole, so "\\u0001" (an escaped
        // backslash followed by text) is never read as a mark.
        i += 2;
    }
    piece.append(rest.substr(std::min(from, rest.size())));
    pieces_.push_back(std::move(piece));
}

std::string Template::fill(const Slots& values) const {
    std::size_t size = 0;
    for (const auto& p : pieces_) size += p.size();
    std::string out;
    out.reserve(size + 16 * slots_.size());
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        out += pieces_[i];
        if (static_cast<std::size_t>(slots_[i]) < values.size())
            append_json_escaped(out, values[slots_[i]]);
    }
    out += pieces_.back();
    return out;
}

}  // namespace core
