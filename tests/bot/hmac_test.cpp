// HMAC-SHA256 against RFC 4231's test vectors, with keys alternating and
// repeated: each thread keeps a context keyed with its last key, and a call
// with another key must never be answered with the previous one's.

#include "bot/hmac.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace bot {
namespace {

const std::string kKey1(20, '\x0b');  // RFC 4231, test case 1
constexpr const char* kMac1 = "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7";
// RFC 4231, test case 2
constexpr const char* kMac2 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
// No key and no data, as OpenSSL's and Python's hmac compute it.
constexpr const char* kMacEmpty =
    "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad";

TEST(Hmac, MatchesRfc4231WhateverKeyCameBefore) {
    for (int round = 0; round < 3; ++round) {
        EXPECT_EQ(hmac_sha256_hex(kKey1, {"Hi There"}), kMac1);
        EXPECT_EQ(hmac_sha256_hex(kKey1, {"Hi ", "There"}), kMac1);  // in parts
        EXPECT_EQ(hmac_sha256_hex("Jefe", {"what do ya want ", "for nothing?"}), kMac2);
        EXPECT_EQ(hmac_sha256_hex("Jefe", {"what do ya want for nothing?"}), kMac2);
        EXPECT_EQ(hmac_sha256_hex("", {}), kMacEmpty);
    }
}

TEST(Hmac, ThreadsKeyTheirOwnContexts) {
    std::string first, second;
    std::thread a([&] {
        for (int i = 0; i < 200; ++i) first = hmac_sha256_hex(kKey1, {"Hi There"});
    });
    std::thread b([&] {
        for (int i = 0; i < 200; ++i)
            second = hmac_sha256_hex("Jefe", {"what do ya want for nothing?"});
    });
    a.join();
    b.join();
    EXPECT_EQ(first, kMac1);
    EXPECT_EQ(second, kMac2);
}

}  // namespace
}  // namespace bot
