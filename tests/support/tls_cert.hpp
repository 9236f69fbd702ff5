#pragma once
// A self-signed certificate made at test time, for HTTPS tests against a
// local server: nothing secret is checked in, and nothing expires.

#include <string>

namespace testing_support {

struct TlsCertificate {
    std::string certificate_pem;
    std::string private_key_pem;
};

// An EC P-256 key and a certificate valid from an hour ago for a day, for
// the given subjectAltName list, e.g. "DNS:localhost,IP:127.0.0.1".
// Throws std::runtime_error when OpenSSL refuses.
TlsCertificate make_self_signed_certificate(const std::string& subject_alt_names);

}  // namespace testing_support
