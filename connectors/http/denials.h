// The answer to a refused request (auth/refusal.h) in the API's error shape: 401 with a
// WWW-Authenticate challenge when the credential is missing or not valid, 429 for a throttled
// address (the caller adds Retry-After), 503 overloaded, 403 otherwise.
// Pure; thread-safe.
#pragma once

#include "connectors/http/auth/refusal.h"
#include "connectors/http/message.h"

namespace caseflow::http {

Response refusal_response(const auth::Refusal& refusal);

}  // namespace caseflow::http
