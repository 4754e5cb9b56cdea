// From an Authorization header to a principal: a static token from config (static_tokens.h) or
// a signed JWT (jwt_verifier.h). Thread rules: build before serving; authenticate() is const and
// thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "connectors/http/auth/jwt_verifier.h"
#include "connectors/http/auth/principal.h"
#include "connectors/http/auth/refusal.h"
#include "connectors/http/auth/static_tokens.h"

namespace caseflow::http::auth {

class Authenticator {
 public:
  Authenticator() = default;  // knows no credential: every request is refused
  Authenticator(StaticTokens tokens, JwtVerifier jwt)
      : tokens_(std::move(tokens)), jwt_(std::move(jwt)) {}

  // `authorization`: the header's value, nullopt without the header. A Refusal is
  // no_credential, bad_credential or expired.
  Result<Principal> authenticate(std::optional<std::string_view> authorization, Instant now) const;

 private:
  StaticTokens tokens_;
  JwtVerifier jwt_;
};

}  // namespace caseflow::http::auth
