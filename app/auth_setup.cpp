#include "app/auth_setup.h"

namespace caseflow::app {

Result<std::shared_ptr<const http::auth::Authenticator>> make_authenticator(
    const EngineConfig& config) {
  namespace auth = http::auth;
  std::vector<auth::StaticToken> tokens;
  for (const TokenSetting& t : config.http.auth.tokens) {
    const auto role = auth::parse_role(t.role);
    if (!role) return Error{"bad_token_config", "token '" + t.name + "': unknown role " + t.role};
    tokens.push_back({t.name, t.sha256, {*role, t.scope, t.name}});
  }
  // The single token of earlier versions keeps working, as an admin's (it was the token of
  // every write, and admins are who held it).
  if (!config.http.admin_token.empty()) {
    tokens.push_back({"http.admin_token",
                      auth::sha256_hex(config.http.admin_token),
                      {auth::Role::admin, "", "http.admin_token"}});
  }
  if (!config.demo.viewer_token.empty()) {
    tokens.push_back({"demo.viewer_token",
                      auth::sha256_hex(config.demo.viewer_token),
                      {auth::Role::viewer, "", "demo.viewer_token"}});
  }
  auto static_tokens = auth::StaticTokens::create(tokens);
  if (!static_tokens) return static_tokens.error();
  auth::JwtSettings jwt;
  jwt.keys = config.http.auth.jwt_keys;
  jwt.jwks = config.http.auth.jwt_jwks;
  jwt.issuer = config.http.auth.jwt_issuer;
  jwt.audience = config.http.auth.jwt_audience;
  jwt.leeway = std::chrono::seconds(config.http.auth.jwt_leeway_s);
  auto verifier = auth::JwtVerifier::create(jwt);
  if (!verifier) return verifier.error();
  return std::make_shared<const auth::Authenticator>(std::move(*static_tokens),
                                                     std::move(*verifier));
}

http::auth::ThrottleOptions throttle_options(const AuthSettings& auth) {
  http::auth::ThrottleOptions o;
  o.threshold = static_cast<size_t>(auth.failure_threshold);
  o.window = Duration::seconds(auth.failure_window_s);
  o.first_penalty = o.window;
  o.max_penalty = Duration::seconds(auth.max_lockout_s);
  return o;
}

}  // namespace caseflow::app
