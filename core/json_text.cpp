#include "core/json_text.hpp"

namespace core {
namespace {

// The length of the well-formed UTF-8 sequence starting `s`, or 0
// (Unicode 15, table 3-7: no overlongs, no surrogates, nothing past U+10FFFF).
std::size_t utf8_length(std::string_view s) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const auto in = [&](std::size_t i, unsigned lo, unsigned hi) {
        return i < s.size() && byte(i) >= lo && byte(i) <= hi;
    };
    const unsigned lead = byte(0);
    if (lead >= 0xC2 && lead <= 0xDF) return in(1, 0x80, 0xBF) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        const unsigned lo = lead == 0xE0 ? 0xA0 : 0x80;
        const unsigned hi = lead == 0xED ? 0x9F : 0xBF;
        return in(1, lo, hi) && in(2, 0x80, 0xBF) ? 3 : 0;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        const unsigned lo = lead == 0xF0 ? 0x90 : 0x80;
        const unsigned hi = lead == 0xF4 ? 0x8F : 0xBF;
        return in(1, lo, hi) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
    }
    return 0;
}

}  // namespace

void append_json_escaped(std::string& out, std::string_view value) {
    static constexpr char kHex[] = "0123456789abcdef";
    const auto plain = [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x20 && u < 0x80 && c != '"' && c != '\\';
    };
    std::size_t i = 0;
    while (i < value.size()) {
        // Runs of printable ASCII are copied whole: most text is nothing else.
        std::size_t run = i;
        while (run < value.size() && plain(value[run])) ++run;
        if (run > i) {
            out.append(value.data() + i, run - i);
            i = run;
            continue;
        }
        const char c = value[i];
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) {
            const std::size_t n = utf8_length(value.substr(i));
            if (n == 0) {
                out += "\\ufffd";
                ++i;
            } else {
                out.append(value.data() + i, n);
                i += n;
            }
            continue;
        }
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else {  // the other control characters
            out += "\\u00";
            out += kHex[u >> 4];
            out += kHex[u & 0xF];
        }
        ++i;
    }
}

void append_json_string(std::string& out, std::string_view value) {
    out += '"';
    append_json_escaped(out, value);
    out += '"';
}

std::string json_string(std::string_view value) {
    std::string out;
    out.reserve(value.size() + 2);
    append_json_string(out, value);
    return out;
}

}  // namespace core
