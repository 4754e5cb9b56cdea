// Why a request was refused, as the words of caseflow_http_denied_total{reason} and of the
// error's `code` (the answer itself: connectors/http/denials.h). Pure; thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace caseflow::http::auth {

enum class Denied {
  no_credential,          // 401: no Authorization: Bearer header
  bad_credential,         // 401: a token no key or config entry vouches for
  expired,                // 401: a JWT past exp (or before nbf)
  out_of_scope,           // 403: a case outside the principal's unit, street or community
  wrong_role,             // 403: the role may not use this path or post this event
  acting_for_other_unit,  // 403: an event whose data.unit is not the caller's unit
  self_approval,          // 403: a unit deciding its own request
  not_approver,           // 403: a decision from someone the workflow does not name
  throttled,              // 429: the address is locked out after repeated wrong credentials
  overloaded,             // 503: a connection over http.max_connections (the server's refusal)
};

std::string_view denied_reason(Denied d);
// Every reason, for counters declared at 0 before the first refusal.
std::span<const Denied> all_denials();

struct Refusal {
  Denied reason = Denied::wrong_role;
  std::string message;
};

}  // namespace caseflow::http::auth
