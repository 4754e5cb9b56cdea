#include "connectors/http/auth/authenticator.h"

#include <algorithm>

namespace caseflow::http::auth {

Result<Principal> Authenticator::authenticate(std::optional<std::string_view> authorization,
                                              Instant now) const {
  if (!authorization) {
    return Error{std::string(denied_reason(Denied::no_credential)),
                 "this path needs an Authorization: Bearer <token> header"};
  }
  constexpr std::string_view kBearer = "Bearer ";
  const std::string_view value = *authorization;
  if (value.size() <= kBearer.size() || value.substr(0, kBearer.size()) != kBearer) {
    return Error{std::string(denied_reason(Denied::no_credential)),
                 "the Authorization header must be: Bearer <token>"};
  }
  const std::string_view token = value.substr(kBearer.size());
  if (auto p = tokens_.find(token)) return *p;
  // A static token may contain anything; only a token of three parts is worth a signature check.
  if (!jwt_.empty() && std::count(token.begin(), token.end(), '.') == 2) {
    auto verified = jwt_.verify(token, now);
    if (verified) return verified;
    return verified.error();  // expired or bad_credential, with the reason for the log
  }
  return Error{std::string(denied_reason(Denied::bad_credential)), "the token is not valid"};
}

}  // namespace caseflow::http::auth
