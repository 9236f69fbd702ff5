#include "bot/slack/verify.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>

namespace bot::slack {
namespace {

constexpr std::string_view kVersionPrefix = "v0=";
constexpr std::size_t kDigestSize = 32;  // SHA-256
constexpr std::size_t kSignatureSize = kVersionPrefix.size() + 2 * kDigestSize;
constexpr std::int64_t kWindowSeconds = 300;

struct MacDeleter {
    void operator()(EVP_MAC* m) const { EVP_MAC_free(m); }
    void operator()(EVP_MAC_CTX* c) const { EVP_MAC_CTX_free(c); }
};

// Fetching the algorithm is a provider lookup; do it once. EVP_MAC objects
// are reference counted and safe to share between threads.
EVP_MAC* hmac_algorithm() {
    static const std::unique_ptr<EVP_MAC, MacDeleter> mac{EVP_MAC_fetch(nullptr, "HMAC", nullptr)};
    if (!mac) throw std::runtime_error("OpenSSL has no HMAC implementation");
    return mac.get();
}

// HMAC-SHA256 over "v0:<timestamp>:<body>", fed in pieces so the body, which
// may be large, is never copied.
std::array<unsigned char, kDigestSize> mac_of(std::string_view secret, std::string_view timestamp,
                                              std::string_view body) {
    std::unique_ptr<EVP_MAC_CTX, MacDeleter> ctx{EVP_MAC_CTX_new(hmac_algorithm())};
    if (!ctx) throw std::runtime_error("EVP_MAC_CTX_new failed");
    char digest_name[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
        OSSL_PARAM_construct_end(),
    };
    // OpenSSL wants a non-null key pointer even when the key is empty.
    static const unsigned char no_key = 0;
    const auto* key =
        secret.empty() ? &no_key : reinterpret_cast<const unsigned char*>(secret.data());
    const auto feed = [&](std::string_view part) {
        return EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(part.data()),
                              part.size()) == 1;
    };
    std::array<unsigned char, kDigestSize> out{};
    std::size_t out_len = 0;
    if (EVP_MAC_init(ctx.get(), key, secret.size(), params) != 1 || !feed("v0:") ||
        !feed(timestamp) || !feed(":") || !feed(body) ||
        EVP_MAC_final(ctx.get(), out.data(), &out_len, out.size()) != 1 || out_len != kDigestSize) {
        throw std::runtime_error("HMAC-SHA256 computation failed");
    }
    return out;
}

std::string lower_hex(const std::array<unsigned char, kDigestSize>& bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * bytes.size());
    for (unsigned char b : bytes) {
        hex.push_back(digits[b >> 4]);
        hex.push_back(digits[b & 0x0f]);
    }
    return hex;
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
    const std::string expected = lower_hex(mac_of(signing_secret, timestamp, body));
    const std::string_view given = signature.substr(kVersionPrefix.size());
    if (given.size() != expected.size() ||
        CRYPTO_memcmp(given.data(), expected.data(), expected.size()) != 0) {
        return Verdict::bad_signature;
    }
    return Verdict::ok;
}

std::string sign(std::string_view signing_secret, std::string_view timestamp,
                 std::string_view body) {
    return std::string(kVersionPrefix) + lower_hex(mac_of(signing_secret, timestamp, body));
}

}  // namespace bot::slack
