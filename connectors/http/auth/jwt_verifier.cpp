#include "connectors/http/auth/jwt_verifier.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <fstream>
#include <sstream>

#include "connectors/http/auth/base64url.h"
#include "connectors/http/auth/jwks.h"
#include "connectors/http/auth/jwt_key.h"

namespace caseflow::http::auth {

namespace {

Error bad(std::string message) { return Error{"bad_credential", std::move(message)}; }

// ES256 signatures are R || S, 32 bytes each (RFC 7518 §3.4); OpenSSL verifies DER.
std::optional<std::string> ecdsa_der(std::string_view raw) {
  if (raw.size() != 64) return std::nullopt;
  ECDSA_SIG* sig = ECDSA_SIG_new();
  if (sig == nullptr) return std::nullopt;
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  BIGNUM* r = BN_bin2bn(bytes, 32, nullptr);
  BIGNUM* s = BN_bin2bn(bytes + 32, 32, nullptr);
  if (r == nullptr || s == nullptr || ECDSA_SIG_set0(sig, r, s) != 1) {
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(sig);
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  const int n = i2d_ECDSA_SIG(sig, &der);
  ECDSA_SIG_free(sig);
  if (n <= 0) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(der), static_cast<size_t>(n));
  OPENSSL_free(der);
  return out;
}

bool signature_verifies(EVP_PKEY* key, std::string_view signed_part, std::string_view signature) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1) {
    return false;
  }
  return EVP_DigestVerify(
             ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
             reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) == 1;
}

std::optional<boost::json::object> json_object(std::string_view part) {
  const auto text = base64url_decode(part);
  if (!text) return std::nullopt;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(*text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}

std::string string_claim(const boost::json::object& claims, std::string_view name) {
  const auto* v = claims.if_contains(name);
  if (v == nullptr || !v->is_string()) return "";
  return std::string(v->as_string());
}

// A NumericDate claim in seconds; nullopt when absent or not a number.
std::optional<int64_t> time_claim(const boost::json::object& claims, std::string_view name) {
  const auto* v = claims.if_contains(name);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<int64_t>(v->as_uint64());
  if (v->is_double()) return static_cast<int64_t>(v->as_double());
  return std::nullopt;
}

bool audience_matches(const boost::json::object& claims, std::string_view audience) {
  const auto* v = claims.if_contains("aud");
  if (v == nullptr) return false;
  if (v->is_string()) return v->as_string() == audience;
  if (!v->is_array()) return false;
  for (const auto& a : v->as_array()) {
    if (a.is_string() && a.as_string() == audience) return true;
  }
  return false;
}

Result<JwtKeyPtr> read_key(const std::string& pem, const std::string& where) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  auto key = std::make_shared<JwtKey>();
  if (bio) key->pkey.reset(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (!key->pkey) {
    return Error{"bad_jwt_key", where + ": no PEM public key (-----BEGIN PUBLIC KEY-----)"};
  }
  const int id = EVP_PKEY_get_base_id(key->pkey.get());
  if (id == EVP_PKEY_RSA) {
    if (EVP_PKEY_get_bits(key->pkey.get()) < 2048) {
      return Error{"bad_jwt_key", where + ": an RSA key for RS256 needs at least 2048 bits"};
    }
    key->type = KeyType::rsa;
    return JwtKeyPtr(std::move(key));
  }
  if (id == EVP_PKEY_EC) {
    char group[64] = {};
    size_t length = 0;
    if (EVP_PKEY_get_group_name(key->pkey.get(), group, sizeof group, &length) == 1 &&
        std::string_view(group, length) == "prime256v1") {
      key->type = KeyType::p256;
      return JwtKeyPtr(std::move(key));
    }
    return Error{"bad_jwt_key", where + ": an EC key for ES256 must be on the P-256 curve"};
  }
  return Error{"bad_jwt_key", where + ": the key must be RSA (RS256) or EC P-256 (ES256)"};
}

Result<std::vector<std::string>> read_files(const std::vector<std::filesystem::path>& files) {
  std::vector<std::string> texts;
  for (const auto& file : files) {
    std::ifstream in(file);
    if (!in) return Error{"bad_jwt_key", file.string() + ": cannot be read"};
    std::stringstream text;
    text << in.rdbuf();
    texts.push_back(text.str());
  }
  return texts;
}

// The name of the i-th of `files` in errors, or a number when the texts came without files.
std::string name_of(const std::vector<std::filesystem::path>& files, size_t i, const char* what) {
  return i < files.size() ? files[i].string() : what + std::string(" #") + std::to_string(i + 1);
}

}  // namespace

Result<JwtVerifier> JwtVerifier::create(const JwtSettings& settings) {
  auto pems = read_files(settings.keys);
  if (!pems) return pems.error();
  auto sets = read_files(settings.jwks);
  if (!sets) return sets.error();
  // from_pem names each key by its file in its errors.
  return from_pem(*pems, settings, *sets);
}

Result<JwtVerifier> JwtVerifier::from_pem(const std::vector<std::string>& pems,
                                          JwtSettings settings,
                                          const std::vector<std::string>& jwks_texts) {
  JwtVerifier v;
  for (size_t i = 0; i < pems.size(); ++i) {
    auto key = read_key(pems[i], name_of(settings.keys, i, "key"));
    if (!key) return key.error();
    v.keys_.push_back(std::move(*key));
  }
  for (size_t i = 0; i < jwks_texts.size(); ++i) {
    auto keys = read_jwks(jwks_texts[i], name_of(settings.jwks, i, "JWKS"));
    if (!keys) return keys.error();
    v.keys_.insert(v.keys_.end(), keys->begin(), keys->end());
  }
  v.settings_ = std::move(settings);
  return v;
}

Result<Principal> JwtVerifier::verify(std::string_view token, Instant now) const {
  const size_t dot1 = token.find('.');
  const size_t dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return bad("not a JWT (header.payload.signature)");
  }
  const auto header = json_object(token.substr(0, dot1));
  if (!header) return bad("the JWT header is not base64url JSON");
  const std::string alg = string_claim(*header, "alg");
  KeyType wanted = KeyType::rsa;
  if (alg == "RS256") {
    wanted = KeyType::rsa;
  } else if (alg == "ES256") {
    wanted = KeyType::p256;
  } else {
    return bad("JWT alg must be RS256 or ES256, not '" + alg + "'");
  }
  auto signature = base64url_decode(token.substr(dot2 + 1));
  if (!signature) return bad("the JWT signature is not base64url");
  if (wanted == KeyType::p256) {
    signature = ecdsa_der(*signature);
    if (!signature) return bad("an ES256 signature must be 64 bytes (R || S)");
  }
  const std::string_view signed_part = token.substr(0, dot2);
  // A kid that names a key narrows the keys tried to it; an unknown kid (or none) tries them all.
  const std::string kid = string_claim(*header, "kid");
  const bool kid_known = !kid.empty() && std::any_of(keys_.begin(), keys_.end(),
                                                     [&](const auto& k) { return k->kid == kid; });
  bool verified = false;
  for (const auto& key : keys_) {
    if (kid_known && key->kid != kid) continue;
    if (key->type == wanted && signature_verifies(key->pkey.get(), signed_part, *signature)) {
      verified = true;
      break;
    }
  }
  if (!verified) return bad("no configured key verifies the JWT's " + alg + " signature");

  const auto claims = json_object(token.substr(dot1 + 1, dot2 - dot1 - 1));
  if (!claims) return bad("the JWT payload is not base64url JSON");
  const int64_t seconds = now.unix_millis() / 1000;
  const int64_t leeway = settings_.leeway.count();
  const auto exp = time_claim(*claims, "exp");
  if (!exp) return bad("the JWT has no exp claim");
  if (seconds > *exp + leeway) return Error{"expired", "the JWT expired"};
  if (const auto nbf = time_claim(*claims, "nbf"); nbf && seconds + leeway < *nbf) {
    return Error{"expired", "the JWT is not valid yet (nbf)"};
  }
  if (!settings_.issuer.empty() && string_claim(*claims, "iss") != settings_.issuer) {
    return bad("the JWT's iss is not " + settings_.issuer);
  }
  if (!settings_.audience.empty() && !audience_matches(*claims, settings_.audience)) {
    return bad("the JWT's aud does not name " + settings_.audience);
  }
  const std::string role_text = string_claim(*claims, "role");
  const auto role = parse_role(role_text);
  if (!role) return bad("the JWT's role claim is missing or unknown: '" + role_text + "'");
  Principal p;
  p.role = *role;
  if (p.role == Role::unit) p.scope = string_claim(*claims, "unit");
  if (p.role == Role::office) p.scope = string_claim(*claims, "office");
  p.subject = string_claim(*claims, "sub");
  if (auto problem = principal_problem(p)) return bad("JWT claims: " + *problem);
  return p;
}

}  // namespace caseflow::http::auth
