// GET /api/v1/whoami: the caller's principal as a client reads it, so a console or a script can
// choose what to show without asking the person which unit they are (docs/http.md).
#pragma once

#include <string>

#include "connectors/http/auth/principal.h"

namespace caseflow::http {

// {"role", "unit" (the unit the caller acts as, or null), "office" (an office's scope, or null),
// "name" (for display: the token's name or the JWT's sub, else the unit or the role), "may"
// (auth::capabilities)}.
std::string whoami_json(const auth::Principal& who);

}  // namespace caseflow::http
