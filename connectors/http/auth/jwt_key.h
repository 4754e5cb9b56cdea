// One public key a JWT may be signed with: from a PEM file or from a JWKS (jwks.h). Holds an
// OpenSSL key, so only the auth files include it.
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <string>

namespace caseflow::http::auth {

enum class KeyType { rsa, p256 };  // RS256, ES256

struct JwtKey {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey{nullptr, EVP_PKEY_free};
  KeyType type = KeyType::rsa;
  std::string kid;  // the JWK's key id; "" for a PEM key (tried for every token)
};

using JwtKeyPtr = std::shared_ptr<const JwtKey>;

}  // namespace caseflow::http::auth
