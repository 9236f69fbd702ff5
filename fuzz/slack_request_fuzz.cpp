// Raw bytes as an HTTP request to POST /slack/events: Beast's request parser
// (with the server's limits), then the Slack receiver: the signature checked
// with a fixed key and clock, and the body parsed whatever the verdict (a
// fuzzer cannot forge an HMAC, and the parser must hold anyway). Half the
// inputs are signed correctly first, so that what follows a good signature
// is reached too.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "bot/slack/parse.hpp"
#include "bot/slack/verify.hpp"

namespace http = boost::beast::http;

namespace {

constexpr std::string_view kSecret = "8f742231b10e8888abcd99yyyzzz85a5";
const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1531420618));

void receive(std::string_view content_type, std::string_view body, std::string_view timestamp,
             std::string_view signature) {
    (void)bot::slack::verify(kSecret, body, timestamp, signature, kNow);
    (void)bot::slack::parse(content_type, body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    // The first byte picks the way in: a raw request, or a body signed well.
    if (!bytes.empty() && (bytes.front() & 1)) {
        const std::string_view body = bytes.substr(1);
        const std::string signature = bot::slack::sign(kSecret, "1531420618", body);
        const bool form = bytes.front() & 2;
        receive(form ? "application/x-www-form-urlencoded" : "application/json", body, "1531420618",
                signature);
        return 0;
    }
    http::request_parser<http::string_body> parser;
    parser.body_limit(64 * 1024);
    parser.header_limit(16 * 1024);
    parser.eager(true);
    boost::beast::error_code ec;
    std::string_view rest = bytes.empty() ? bytes : bytes.substr(1);
    while (!rest.empty() && !parser.is_done()) {
        const std::size_t used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
        if (ec || used == 0) break;
        rest.remove_prefix(used);
    }
    if (ec || !parser.is_done()) return 0;
    const auto& req = parser.get();
    const auto header = [&](std::string_view name) {
        const auto it = req.find(name);
        return it == req.end() ? std::string_view() : std::string_view(it->value());
    };
    receive(header("Content-Type"), req.body(), header(bot::slack::kTimestampHeader),
            header(bot::slack::kSignatureHeader));
    return 0;
}
