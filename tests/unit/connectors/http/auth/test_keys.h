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

  // The public key as a JWK (RFC 7517), as a single sign-on's JWKS lists it, with `kid`.
  std::string jwk(const std::string& kid) const {
    using http::auth::base64url_encode;
    if (alg_ == "RS256") {
      return R"({"kty":"RSA","use":"sig","alg":"RS256","kid":")" + kid + R"(","n":")" +
             base64url_encode(bn_param("n", 0)) + R"(","e":")" +
             base64url_encode(bn_param("e", 0)) + R"("})";
    }
    return R"({"kty":"EC","use":"sig","crv":"P-256","kid":")" + kid + R"(","x":")" +
           base64url_encode(bn_param("qx", 32)) + R"(","y":")" +
           base64url_encode(bn_param("qy", 32)) + R"("})";
  }

  // A compact JWS of `claims` (JSON text) with header {"alg":alg,"typ":"JWT"} (and "kid" when
  // given); `header_alg` overrides the header's alg (the signature stays this key's).
  std::string sign(const std::string& claims, const std::string& header_alg = "",
                   const std::string& kid = "") const {
    using http::auth::base64url_encode;
    const std::string header = R"({"alg":")" + (header_alg.empty() ? alg_ : header_alg) +
                               R"(","typ":"JWT")" +
                               (kid.empty() ? std::string() : R"(,"kid":")" + kid + R"(")") + "}";
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
  // A big-number parameter of the key, big-endian, left-padded to `width` bytes (0: as is).
  std::string bn_param(const char* name, int width) const {
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(key_.get(), name, &bn) != 1) throw std::runtime_error(name);
    const int size = width > 0 ? width : BN_num_bytes(bn);
    std::string out(static_cast<size_t>(size), '\0');
    BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), size);
    BN_free(bn);
    return out;
  }

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
