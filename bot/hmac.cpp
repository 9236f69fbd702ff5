#include "bot/hmac.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <array>
#include <memory>
#include <stdexcept>
#include <string>

namespace bot {
namespace {

constexpr std::size_t kSha256Size = 32;  // SHA-256

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

// The context of this thread, keyed with the last key it was given. Keying
// one (EVP_MAC_init with the digest's name) fetches SHA-256 from the
// provider and hashes the key into its pads, about half of what checking a
// Slack request's signature cost; with the same key, an init without one
// only resets it. The secret stays in memory, as it does in the
// configuration.
EVP_MAC_CTX* keyed_context(std::string_view key) {
    struct Keyed {
        std::string key;
        std::unique_ptr<EVP_MAC_CTX, MacDeleter> ctx;
    };
    thread_local Keyed mine;
    if (mine.ctx && mine.key == key) {
        if (EVP_MAC_init(mine.ctx.get(), nullptr, 0, nullptr) != 1)
            throw std::runtime_error("HMAC-SHA256 computation failed");
        return mine.ctx.get();
    }
    mine.ctx.reset(EVP_MAC_CTX_new(hmac_algorithm()));
    mine.key.clear();
    if (!mine.ctx) throw std::runtime_error("EVP_MAC_CTX_new failed");
    char digest_name[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
        OSSL_PARAM_construct_end(),
    };
    // OpenSSL wants a non-null key pointer even when the key is empty.
    static const unsigned char no_key = 0;
    const auto* key_bytes =
        key.empty() ? &no_key : reinterpret_cast<const unsigned char*>(key.data());
    if (EVP_MAC_init(mine.ctx.get(), key_bytes, key.size(), params) != 1) {
        mine.ctx.reset();
        throw std::runtime_error("HMAC-SHA256 computation failed");
    }
    mine.key = key;
    return mine.ctx.get();
}

}  // namespace

std::string hmac_sha256_hex(std::string_view key, std::initializer_list<std::string_view> parts) {
    EVP_MAC_CTX* ctx = keyed_context(key);
    bool fed = true;
    for (std::string_view part : parts)
        fed = fed && EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(part.data()),
                                    part.size()) == 1;
    std::array<unsigned char, kSha256Size> digest{};
    std::size_t digest_len = 0;
    if (!fed || EVP_MAC_final(ctx, digest.data(), &digest_len, digest.size()) != 1 ||
        digest_len != kSha256Size)
        throw std::runtime_error("HMAC-SHA256 computation failed");

    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * digest.size());
    for (unsigned char b : digest) {
        hex.push_back(digits[b >> 4]);
        hex.push_back(digits[b & 0x0f]);
    }
    return hex;
}

}  // namespace bot
