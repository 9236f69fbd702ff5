#include "tests/support/tls_cert.hpp"

#include <memory>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace testing_support {
namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using Extension = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("making a test certificate: ") + what);
}

void add_extension(X509* cert, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    Extension ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
    check(ext != nullptr, "an extension");
    check(X509_add_ext(cert, ext.get(), -1) == 1, "adding an extension");
}

template <class Write>
std::string to_pem(Write write) {
    Bio bio(BIO_new(BIO_s_mem()));
    check(bio && write(bio.get()) == 1, "writing PEM");
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace

TlsCertificate make_self_signed_certificate(const std::string& subject_alt_names) {
    Key key(EVP_EC_gen("P-256"));
    check(key != nullptr, "an EC key");

    Cert cert(X509_new());
    check(cert != nullptr, "a certificate");
    check(X509_set_version(cert.get(), 2) == 1, "the version");
    check(ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1) == 1, "the serial number");
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
    check(X509_set_pubkey(cert.get(), key.get()) == 1, "the public key");
    X509_NAME* name = X509_get_subject_name(cert.get());
    check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                     reinterpret_cast<const unsigned char*>("sitelead test"), -1,
                                     -1, 0) == 1,
          "the subject");
    check(X509_set_issuer_name(cert.get(), name) == 1, "the issuer");
    // Its own CA: a test trusts it through ca_file like a private CA.
    add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
    add_extension(cert.get(), NID_key_usage, "critical,digitalSignature,keyCertSign");
    add_extension(cert.get(), NID_subject_alt_name, subject_alt_names);
    check(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "signing");

    TlsCertificate out;
    out.certificate_pem = to_pem([&](BIO* b) { return PEM_write_bio_X509(b, cert.get()); });
    out.private_key_pem = to_pem([&](BIO* b) {
        return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
    return out;
}

}  // namespace testing_support
