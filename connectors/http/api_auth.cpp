// Who is calling, and the answer when they may not (docs/security.md).
#include "connectors/http/api.h"
#include "connectors/http/denials.h"
#include "connectors/log/log.h"

namespace caseflow::http {

std::optional<Response> Api::throttled(const ClientAddress& from, bool open311, Format format) {
  const auto wait = throttle_.retry_after(from, now());
  if (!wait) return std::nullopt;
  if (deps_.denied) deps_.denied(auth::denied_reason(auth::Denied::throttled));
  const std::string seconds = std::to_string(wait->whole_seconds());
  const std::string message =
      "too many wrong credentials from your address; try again in " + seconds + " s";
  Response r = open311 ? open311_error(Status::too_many_requests, message, format)
                       : api_error(Status::too_many_requests, "throttled", message);
  r.set(beast_http::field::retry_after, seconds);
  return r;
}

std::optional<auth::Principal> Api::authenticate(const Request& request, const ClientAddress& from,
                                                 Responder& respond) {
  // A locked-out address is not told whether this credential would have worked.
  if (auto refusal = throttled(from, false, Format::json)) {
    respond(std::move(*refusal));
    return std::nullopt;
  }
  const auto header = request.find(beast_http::field::authorization);
  std::optional<std::string_view> value;
  if (header != request.end())
    value = std::string_view(header->value().data(), header->value().size());
  const std::string path(request.target());
  if (!settings_.authenticator) {
    respond(deny({value ? auth::Denied::bad_credential : auth::Denied::no_credential,
                  "no credentials are configured here (http.auth, docs/security.md)"},
                 nullptr, path));
    return std::nullopt;
  }
  auto principal = settings_.authenticator->authenticate(value, now());
  if (principal) return std::move(*principal);
  const std::string& code = principal.error().code;
  auth::Denied reason = auth::Denied::bad_credential;
  if (code == "no_credential") reason = auth::Denied::no_credential;
  if (code == "expired") reason = auth::Denied::expired;
  // A token nothing vouches for may be a guess. A missing one is not, and an expired JWT was
  // signed by the SSO: a client with a stale token is not locked out for it.
  if (reason == auth::Denied::bad_credential) throttle_.record_failure(from, now());
  // The details (which claim, which key) go to the log only: a client probing tokens learns
  // nothing from the answer.
  if (reason != auth::Denied::no_credential) {
    logging::info("http", "refused a credential on " + path + ": " + principal.error().message);
  }
  const std::string message = reason == auth::Denied::no_credential ? principal.error().message
                              : reason == auth::Denied::expired     ? "the token has expired"
                                                                    : "the token is not valid";
  respond(deny({reason, message}, nullptr, path));
  return std::nullopt;
}

Response Api::deny(const auth::Refusal& refusal, const auth::Principal* who,
                   std::string_view path) const {
  if (deps_.denied) deps_.denied(auth::denied_reason(refusal.reason));
  if (who != nullptr && refusal.reason != auth::Denied::out_of_scope) {
    // Acting for another unit, or a role reaching past itself, is worth an operator's look.
    logging::warning("http", "refused " + std::string(auth::role_name(who->role)) +
                                 (who->scope.empty() ? "" : " " + who->scope) +
                                 (who->subject.empty() ? "" : " (" + who->subject + ")") + " on " +
                                 std::string(path) + ": " +
                                 std::string(auth::denied_reason(refusal.reason)) + ": " +
                                 refusal.message);
  }
  return refusal_response(refusal);
}

}  // namespace caseflow::http
