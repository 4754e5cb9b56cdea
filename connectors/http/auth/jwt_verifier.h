// Signed JWTs (RFC 7519, compact JWS) as a city's single sign-on issues them, verified against
// PEM public keys and JWKS files from config. Signatures are checked by OpenSSL
// (EVP_DigestVerify); this file only splits the token, reads its JSON and checks the claims.
//
//   kid   when the header names a key id that a JWKS key has, only the keys with that id are
//         tried; otherwise every key of the alg's type (a key rotation can overlap)
//   alg   RS256 (an RSA key) or ES256 (a P-256 key); the header's alg must fit the key's type,
//         so a token cannot pick a weaker check ("none", HS256 with the public key as secret)
//   exp   required, in seconds since the epoch; nbf checked when present (both with `leeway`)
//   iss   must equal `issuer` when one is configured
//   aud   must be (or, as an array, contain) `audience` when one is configured
//   role  one of the roles (principal.h)
//   unit  the unit id, for role `unit`
//   office  street:<id> or community:<id>, for role `office`
//   sub   who, for logs (optional)
//
// Thread rules: build before serving; verify() is const and thread-safe.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/http/auth/principal.h"
#include "engine/common/result.h"
#include "engine/time/instant.h"

namespace caseflow::http::auth {

struct JwtKey;

struct JwtSettings {
  std::vector<std::filesystem::path> keys;  // PEM public keys (SubjectPublicKeyInfo)
  std::vector<std::filesystem::path> jwks;  // JSON Web Key Sets (jwks.h)
  std::string issuer;                       // "" = iss not checked
  std::string audience;                     // "" = aud not checked
  std::chrono::seconds leeway{60};          // clock skew allowed on exp and nbf
};

class JwtVerifier {
 public:
  // Reads every key; an Error (code bad_jwt_key) names a file that cannot be read or holds no
  // RSA or P-256 public key.
  static Result<JwtVerifier> create(const JwtSettings& settings);
  // The same from PEM and JWKS texts already read (tests).
  static Result<JwtVerifier> from_pem(const std::vector<std::string>& pems, JwtSettings settings,
                                      const std::vector<std::string>& jwks_texts = {});

  // The token's principal. Errors: code `expired` (exp passed, or nbf not yet reached) or
  // `bad_credential` (not a JWT, unknown alg, no key verifies the signature, a claim missing or
  // wrong); the message says which, for logs.
  Result<Principal> verify(std::string_view token, Instant now) const;

  bool empty() const { return keys_.empty(); }

  size_t key_count() const { return keys_.size(); }

 private:
  JwtSettings settings_;
  std::vector<std::shared_ptr<const JwtKey>> keys_;
};

}  // namespace caseflow::http::auth
