#include "bot/slack/form.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace bot::slack {
namespace urls = boost::urls;
namespace {

urls::encoding_opts form_options() {
    urls::encoding_opts opt;
    opt.space_as_plus = true;
    return opt;
}

// Boost.URL's params views leave '+' alone (it is only a space in forms), so
// each piece is decoded here with space_as_plus set.
std::optional<std::string> decode(std::string_view piece) {
    const auto valid = urls::make_pct_string_view(piece);
    if (!valid) return std::nullopt;
    return valid->decode(form_options());
}

}  // namespace

// The body is split here rather than with urls::parse_query, which follows
// RFC 3986 and refuses raw bytes such as ' ', '"' or '|'. Form parsers (the
// WHATWG one, Node's querystring used by Bolt, Python's parse_qs) take them
// as they are; only a broken %-escape makes the body unreadable.
std::optional<Form> parse_form(std::string_view body) {
    Form form;
    while (!body.empty()) {
        const std::size_t amp = body.find('&');
        const std::string_view field = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
        if (field.empty()) continue;  // "a=1&&b=2"

        const std::size_t eq = field.find('=');
        auto key = decode(field.substr(0, eq));
        auto value =
            decode(eq == std::string_view::npos ? std::string_view{} : field.substr(eq + 1));
        if (!key || !value) return std::nullopt;
        form.try_emplace(std::move(*key), std::move(*value));
    }
    return form;
}

std::string form_encode(std::string_view value) {
    return urls::encode(value, urls::unreserved_chars, form_options());
}

}  // namespace bot::slack
