#pragma once
// Slack request signing: the one verification function of the service.
// HMAC-SHA256 over "v0:<timestamp>:<raw body>" keyed with the signing secret
// as plain bytes, compared in constant time; timestamps more than five
// minutes from the clock, in either direction, are refused.

#include <chrono>
#include <string>
#include <string_view>

namespace bot::slack {

// The headers Slack signs a request with.
inline constexpr std::string_view kTimestampHeader = "X-Slack-Request-Timestamp";
inline constexpr std::string_view kSignatureHeader = "X-Slack-Signature";

enum class Verdict {
    ok,
    missing_headers,  // no timestamp or no signature header
    bad_timestamp,    // not a decimal Unix time
    stale,            // more than 300 s from now, past or future
    bad_signature,    // wrong, malformed, or not "v0="
};

const char* to_string(Verdict v);

Verdict verify(std::string_view signing_secret, std::string_view body, std::string_view timestamp,
               std::string_view signature, std::chrono::system_clock::time_point now);

// "v0=" + lowercase hex HMAC-SHA256: what Slack would send. Used by the
// `say` command, tests and benchmarks.
std::string sign(std::string_view signing_secret, std::string_view timestamp,
                 std::string_view body);

}  // namespace bot::slack
