// A JSON Web Key Set (RFC 7517), as a city's single sign-on publishes its signing keys: read from
// a file the operator keeps up to date (caseflow fetches nothing from the network). Each key is
// turned into an OpenSSL key from its parameters (RSA n and e; EC P-256 x and y); OpenSSL checks
// the key, this file only reads the JSON.
//
// Taken: kty RSA (at least 2048 bits) and kty EC with crv P-256, with `use` absent or "sig" and
// `alg` absent or the one the key type fits (RS256, ES256). Any other key is an error that names
// the set and the key's index, so a typo does not silently drop the key a city signs with.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "connectors/http/auth/jwt_key.h"
#include "engine/common/result.h"

namespace caseflow::http::auth {

// The keys of a JWKS document; `where` names it in errors (code bad_jwt_key), e.g.
// "keys/sso.jwks.json: key #2: RSA key without n".
Result<std::vector<JwtKeyPtr>> read_jwks(std::string_view json, const std::string& where);

}  // namespace caseflow::http::auth
