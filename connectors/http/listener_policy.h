// Secure by default: Open311 intake without an api_key is for development only. A listener that
// other machines can reach (not loopback) must have http.api_keys, or anyone who can reach the
// port could file reports as residents. The app checks this before it starts the server.
// Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "engine/common/result.h"

namespace caseflow::http {

// True when the host of `listen` ("host:port", "[v6]:port") is loopback: 127.0.0.0/8, ::1 (also
// as ::ffff:127.x.x.x) or "localhost". An empty host means every interface: not loopback.
bool is_loopback_listen(const std::string& listen);

// An Error (code `insecure_listener`, a one-line message naming both config keys) when `listen`
// is not loopback and `api_keys` is empty; ok otherwise.
caseflow::Status check_listener_security(const std::string& listen,
                                         const std::vector<std::string>& api_keys);

}  // namespace caseflow::http
