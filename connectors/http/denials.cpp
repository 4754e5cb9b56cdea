#include "connectors/http/denials.h"

#include "connectors/http/errors.h"

namespace caseflow::http {

Response refusal_response(const auth::Refusal& refusal) {
  using auth::Denied;
  const std::string_view code = auth::denied_reason(refusal.reason);
  switch (refusal.reason) {
    case Denied::no_credential: {
      Response r = api_error(Status::unauthorized, code, refusal.message);
      r.set(beast_http::field::www_authenticate, R"(Bearer realm="caseflow")");
      return r;
    }
    case Denied::bad_credential:
    case Denied::expired: {
      Response r = api_error(Status::unauthorized, code, refusal.message);
      // RFC 6750 §3: the client learns that the token itself is the problem.
      r.set(beast_http::field::www_authenticate,
            R"(Bearer realm="caseflow", error="invalid_token")");
      return r;
    }
    case Denied::throttled:
      return api_error(Status::too_many_requests, code, refusal.message);
    case Denied::overloaded:
      return api_error(Status::service_unavailable, code, refusal.message);
    default:
      return api_error(Status::forbidden, code, refusal.message);
  }
}

}  // namespace caseflow::http
