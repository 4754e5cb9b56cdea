// The API's credentials from the engine config (docs/security.md): http.auth.tokens (hashed),
// the JWT keys, the old http.admin_token (an admin token) and, for the demo only,
// demo.viewer_token (a viewer token in plain text, which the banner's curl line shows).
#pragma once

#include <memory>

#include "app/engine_config.h"
#include "connectors/http/auth/authenticator.h"
#include "connectors/http/auth/failure_throttle.h"
#include "engine/common/result.h"

namespace caseflow::app {

// Errors: bad_token_config or bad_jwt_key, naming the entry or the key file.
Result<std::shared_ptr<const http::auth::Authenticator>> make_authenticator(
    const EngineConfig& config);

// The wrong-credential throttle of http.auth (failure_threshold, failure_window_s,
// max_lockout_s): the first lockout lasts one window.
http::auth::ThrottleOptions throttle_options(const AuthSettings& auth);

}  // namespace caseflow::app
