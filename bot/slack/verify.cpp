#include "bot/slack/verify.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>

#include "bot/hmac.hpp"

namespace bot::slack {
namespace {

constexpr std::string_view kVersionPrefix = "v0=";
constexpr std::size_t kDigestSize = 32;  // SHA-256
constexpr std::size_t kSignatureSize = kVersionPrefix.size() + 2 * kDigestSize;
constexpr std::int64_t kWindowSeconds = 300;

// HMAC-SHA256 over "v0:<timestamp>:<body>", in lower-case hex.
std::string mac_of(std::string_view secret, std::string_view timestamp, std::string_view body) {
    return hmac_sha256_hex(secret, {"v0:", timestamp, ":", body});
}

// Decimal digits only: from_chars alone would accept a leading '-'.
std::optional<std::int64_t> parse_unix_seconds(std::string_view text) {
    if (text.empty() ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

const char* to_string(Verdict v) {
    switch (v) {
        case Verdict::ok:
            return "ok";
        case Verdict::missing_headers:
            return "missing X-Slack-Request-Timestamp or X-Slack-Signature";
        case Verdict::bad_timestamp:
            return "X-Slack-Request-Timestamp is not a Unix time";
        case Verdict::stale:
            return "request timestamp is more than 5 minutes from now";
        case Verdict::bad_signature:
            return "signature mismatch";
    }
    return "unknown verdict";
}

Verdict verify(std::string_view signing_secret, std::string_view body, std::string_view timestamp,
               std::string_view signature, std::chrono::system_clock::time_point now) {
    if (timestamp.empty() || signature.empty()) return Verdict::missing_headers;

    const std::optional<std::int64_t> parsed = parse_unix_seconds(timestamp);
    if (!parsed) return Verdict::bad_timestamp;
    const std::int64_t ts = *parsed;
    const std::int64_t now_s =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    // Written as two comparisons so that a huge timestamp cannot overflow.
    if (ts > now_s + kWindowSeconds || ts < now_s - kWindowSeconds) return Verdict::stale;

    // An empty key is something anyone can sign with: never accept it.
    if (signing_secret.empty()) return Verdict::bad_signature;
    if (signature.size() != kSignatureSize || !signature.starts_with(kVersionPrefix)) {
        return Verdict::bad_signature;
    }
    const std::string expected = mac_of(signing_secret, timestamp, body);
    const std::string_view given = signature.substr(kVersionPrefix.size());
    if (given.size() != expected.size() ||
        CRYPTO_memcmp(given.data(), expected.data(), expected.size()) != 0) {
        return Verdict::bad_signature;
    }
    return Verdict::ok;
}

std::string sign(std::string_view signing_secret, std::string_view timestamp,
                 std::string_view body) {
    return std::string(kVersionPrefix) + mac_of(signing_secret, timestamp, body);
}

}  // namespace bot::slack
