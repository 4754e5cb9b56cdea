// Keys made in the test with OpenSSL, and JWTs signed with them, so the verifier is tested
// against tokens no code of ours produced the signature of. Header-only; for tests.
#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "connectors/http/auth/base64url.h"

namespace caseflow::testing {

class TestKey {
 public:
  // "RS256" (RSA 2048) or "ES256" (P-256).
  explicit TestKey(const std::string& alg) : alg_(alg) {
    EVP_PKEY* key = alg == "RS256" ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048})
                                   : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    if (key == nullptr) throw std::runtime_error("key generation failed");
    key_.reset(key);
  }

  const std::string& alg() const { return alg_; }

  // The public key as PEM (SubjectPublicKeyInfo), as a city's SSO publishes it.
  std::string public_pem() const {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_PUBKEY(bio.get(), key_.get());
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<size_t>(n));
  }

  // A compact JWS of `claims` (JSON text) with header {"alg":alg,"typ":"JWT"}; `header_alg`
  // overrides the header's alg (the signature stays this key's).
  std::string sign(const std::string& claims, const std::string& header_alg = "") const {
    using http::auth::base64url_encode;
    const std::string header =
        R"({"alg":")" + (header_alg.empty() ? alg_ : header_alg) + R"(","typ":"JWT"})";
    const std::string input = base64url_encode(header) + "." + base64url_encode(claims);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get());
    size_t size = 0;
    const auto* in = reinterpret_cast<const unsigned char*>(input.data());
    EVP_DigestSign(ctx.get(), nullptr, &size, in, input.size());
    std::string sig(size, '\0');
    EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &size, in,
                   input.size());
    sig.resize(size);
    if (alg_ == "ES256") sig = raw_ecdsa(sig);
    return input + "." + base64url_encode(sig);
  }

 private:
  // DER ECDSA-Sig-Value -> R || S, 32 bytes each (RFC 7518 §3.4).
  static std::string raw_ecdsa(const std::string& der) {
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
    std::string raw(64, '\0');
    auto* out = reinterpret_cast<unsigned char*>(raw.data());
    BN_bn2binpad(ECDSA_SIG_get0_r(sig), out, 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(sig), out + 32, 32);
    ECDSA_SIG_free(sig);
    return raw;
  }

  std::string alg_;
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key_{nullptr, EVP_PKEY_free};
};

}  // namespace caseflow::testing
