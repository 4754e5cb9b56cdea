#include "connectors/http/auth/jwks.h"

#include <openssl/core_names.h>
#include <openssl/param_build.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "connectors/http/auth/base64url.h"

namespace caseflow::http::auth {
namespace {

using ParamBuilder = std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)>;
using Params = std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)>;
using Bignum = std::unique_ptr<BIGNUM, decltype(&BN_free)>;

std::string member(const boost::json::object& jwk, std::string_view name) {
  const auto* v = jwk.if_contains(name);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

// An OpenSSL public key of `type` ("RSA", "EC") from `params`; null if OpenSSL refuses it.
EVP_PKEY* key_from(const char* type, const OSSL_PARAM* params) {
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr), EVP_PKEY_CTX_free);
  EVP_PKEY* key = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, const_cast<OSSL_PARAM*>(params)) !=
          1) {
    return nullptr;
  }
  return key;
}

Result<EVP_PKEY*> rsa_key(const boost::json::object& jwk, const std::string& where) {
  const auto n = base64url_decode(member(jwk, "n"));
  const auto e = base64url_decode(member(jwk, "e"));
  if (!n || n->empty() || !e || e->empty())
    return Error{"bad_jwt_key", where + ": an RSA key needs n and e (base64url)"};
  Bignum bn_n(BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()),
                        static_cast<int>(n->size()), nullptr),
              BN_free);
  Bignum bn_e(BN_bin2bn(reinterpret_cast<const unsigned char*>(e->data()),
                        static_cast<int>(e->size()), nullptr),
              BN_free);
  ParamBuilder build(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
  if (!bn_n || !bn_e || !build ||
      OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
    return Error{"bad_jwt_key", where + ": OpenSSL cannot hold this RSA key"};
  }
  Params params(OSSL_PARAM_BLD_to_param(build.get()), OSSL_PARAM_free);
  EVP_PKEY* key = params ? key_from("RSA", params.get()) : nullptr;
  if (key == nullptr) return Error{"bad_jwt_key", where + ": OpenSSL refuses this RSA key"};
  if (EVP_PKEY_get_bits(key) < 2048) {
    EVP_PKEY_free(key);
    return Error{"bad_jwt_key", where + ": an RSA key for RS256 needs at least 2048 bits"};
  }
  return key;
}

Result<EVP_PKEY*> p256_key(const boost::json::object& jwk, const std::string& where) {
  if (member(jwk, "crv") != "P-256")
    return Error{"bad_jwt_key", where + ": an EC key for ES256 must have crv P-256"};
  const auto x = base64url_decode(member(jwk, "x"));
  const auto y = base64url_decode(member(jwk, "y"));
  if (!x || x->size() != 32 || !y || y->size() != 32)
    return Error{"bad_jwt_key", where + ": a P-256 key needs x and y of 32 bytes (base64url)"};
  const std::string point = std::string(1, '\x04') + *x + *y;  // SEC 1 uncompressed point
  ParamBuilder build(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
  if (!build ||
      OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) !=
          1 ||
      OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return Error{"bad_jwt_key", where + ": OpenSSL cannot hold this P-256 key"};
  }
  Params params(OSSL_PARAM_BLD_to_param(build.get()), OSSL_PARAM_free);
  EVP_PKEY* key = params ? key_from("EC", params.get()) : nullptr;
  const std::string off_curve = where + ": OpenSSL refuses the P-256 point (not on the curve)";
  if (key == nullptr) return Error{"bad_jwt_key", off_curve};
  // fromdata does not check that the point lies on the curve: a public-key check does.
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> check(
      EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr), EVP_PKEY_CTX_free);
  if (!check || EVP_PKEY_public_check(check.get()) != 1) {
    EVP_PKEY_free(key);
    return Error{"bad_jwt_key", off_curve};
  }
  return key;
}

Result<JwtKeyPtr> read_jwk(const boost::json::object& jwk, const std::string& where) {
  const std::string kty = member(jwk, "kty");
  const std::string use = member(jwk, "use");
  const std::string alg = member(jwk, "alg");
  if (!use.empty() && use != "sig")
    return Error{"bad_jwt_key", where + ": use is '" + use + "'; only signing keys (sig) verify"};
  auto key = std::make_shared<JwtKey>();
  key->kid = member(jwk, "kid");
  Result<EVP_PKEY*> made =
      Error{"bad_jwt_key", where + ": kty must be RSA or EC, not '" + kty + "'"};
  std::string_view fits;
  if (kty == "RSA") {
    key->type = KeyType::rsa;
    fits = "RS256";
    made = rsa_key(jwk, where);
  } else if (kty == "EC") {
    key->type = KeyType::p256;
    fits = "ES256";
    made = p256_key(jwk, where);
  }
  if (!made) return made.error();
  key->pkey.reset(*made);
  if (!alg.empty() && alg != fits)
    return Error{"bad_jwt_key", where + ": alg " + alg + " does not fit a " + kty + " key (" +
                                    std::string(fits) + ")"};
  return JwtKeyPtr(std::move(key));
}

}  // namespace

Result<std::vector<JwtKeyPtr>> read_jwks(std::string_view json, const std::string& where) {
  boost::system::error_code ec;
  const boost::json::value doc = boost::json::parse(json, ec);
  if (ec) return Error{"bad_jwt_key", where + ": not JSON (" + ec.message() + ")"};
  const auto* keys = doc.is_object() ? doc.as_object().if_contains("keys") : nullptr;
  if (keys == nullptr || !keys->is_array())
    return Error{"bad_jwt_key", where + ": a JWKS is an object with a \"keys\" array"};
  std::vector<JwtKeyPtr> out;
  for (size_t i = 0; i < keys->as_array().size(); ++i) {
    const boost::json::value& jwk = keys->as_array()[i];
    const std::string at = where + ": key #" + std::to_string(i + 1);
    if (!jwk.is_object()) return Error{"bad_jwt_key", at + ": not an object"};
    auto key = read_jwk(jwk.as_object(), at);
    if (!key) return key.error();
    out.push_back(std::move(*key));
  }
  if (out.empty()) return Error{"bad_jwt_key", where + ": the set has no keys"};
  return out;
}

}  // namespace caseflow::http::auth
