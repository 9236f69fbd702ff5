#pragma once
// HMAC-SHA256 through OpenSSL, for Slack's request signatures and the
// signatures of the webhooks the bot sends.

#include <initializer_list>
#include <string>
#include <string_view>

namespace bot {

// Lower-case hex HMAC-SHA256 of `parts` one after the other, keyed with
// `key` as plain bytes. The parts are fed in as they are, so a large body is
// never copied. Throws std::runtime_error when OpenSSL fails.
std::string hmac_sha256_hex(std::string_view key, std::initializer_list<std::string_view> parts);

}  // namespace bot
