// GET /api/v1/cases/{id}/phone: the resident's phone for the unit holding the case and the
// revisit staff (docs/security.md "The resident's phone"). The showing is written to Kafka as a
// caseflow.case.phone_revealed event with the caller as its principal before the number is
// opened, so every answered request is in the case's history and the audit view; if Kafka does
// not take it, nobody sees the number.

#include "connectors/http/api.h"
#include "connectors/http/auth/access.h"
#include "connectors/http/query_params.h"
#include "connectors/privacy/phone_vault.h"
#include "engine/events/envelope.h"
#include "engine/events/json_writer.h"

namespace caseflow::http {
namespace {

// The case as the reveal needs it, copied on the processing thread.
struct HeldPhone {
  bool held_here = false;
  std::string lead_unit;
  std::string sealed;
};

std::string revealed_event(const std::string& case_id, const std::string& actor, Instant at,
                           uint64_t serial) {
  const std::string id =
      case_id + "-phone-" + std::to_string(at.unix_millis()) + "-" + std::to_string(serial);
  std::string out;
  events::JsonWriter w(out);
  events::begin_envelope(
      w, {id, "/caseflow/http", "caseflow.case.phone_revealed", case_id, at, Duration()});
  w.begin_object();
  w.end_object();
  w.field("principal", actor);  // who saw it: the history entry's actor
  events::end_envelope(w);
  return out;
}

Response phone_json(const std::string& case_id, std::string& phone) {
  std::string out;
  events::JsonWriter w(out);
  w.begin_object();
  w.field("case", case_id);
  w.field("phone", phone);
  w.end_object();
  privacy::wipe(phone);
  Response r = make_response(Status::ok, kJson, std::move(out));
  r.set(beast_http::field::cache_control, "no-store");
  return r;
}

}  // namespace

void Api::admin_case_phone(const Target& target, const std::string& id, const auth::Principal& who,
                           Responder respond) {
  if (auto problem = check_query_names(target.query, {})) {
    return respond(api_error(Status::bad_request, "bad_query", *problem));
  }
  const std::string path = target.path;
  read_engines_then(
      std::move(respond),
      [this, id, who, path](const runtime::EngineReader& reader) -> Next {
        auto found = std::make_shared<HeldPhone>();
        if (const core::Engine* engine = reader.engine_for_case(id)) {
          if (const core::CaseState* c = engine->find(id)) {
            found->held_here = true;
            found->lead_unit = engine->text(c->lead_unit);
            if (c->extras) found->sealed = c->extras->sealed_phone;
          }
        }
        return [this, id, who, path, found](Responder answer) {
          if (!found->held_here) {
            return answer(api_error(Status::not_found, "not_found",
                                    "no open case " + id +
                                        " here: a closed case's phone is erased when its "
                                        "revisit window ends"));
          }
          if (auto refused = auth::may_reveal_phone(who, found->lead_unit)) {
            return answer(deny(*refused, &who, path));
          }
          if (found->sealed.empty()) {
            return answer(api_error(Status::not_found, "no_phone",
                                    "case " + id +
                                        " holds no phone: reported anonymously, without a phone "
                                        "key configured, or erased when the case closed"));
          }
          reveal_phone(id, who, found->sealed, std::move(answer));
        };
      },
      false, Format::json);
}

void Api::reveal_phone(const std::string& id, const auth::Principal& who, std::string sealed,
                       Responder respond) {
  if (deps_.phone_vault == nullptr) {
    return respond(api_error(Status::service_unavailable, "no_phone_key",
                             "no phone key is configured (privacy.phone_key_file) to open it"));
  }
  if (deps_.events == nullptr) {
    return respond(api_error(Status::service_unavailable, "not_ready", "intake is not available"));
  }
  const std::string event = revealed_event(id, auth::actor_name(who), now(), ++reveals_);
  auto answer = std::make_shared<Responder>(std::move(respond));
  const privacy::PhoneVault* vault = deps_.phone_vault;
  const bool accepted = deps_.events->send(
      id, event, [answer, id, vault, sealed = std::move(sealed)](std::optional<Error> error) {
        if (error) {
          (*answer)(api_error(
              Status::service_unavailable, "not_stored",
              "the showing could not be recorded, so the phone is not shown: " + error->message));
          return;
        }
        std::optional<std::string> phone = vault->open(sealed, id);
        if (!phone) {
          (*answer)(api_error(
              Status::service_unavailable, "phone_unreadable",
              "case " + id + "'s phone was sealed with another key than the one configured"));
          return;
        }
        (*answer)(phone_json(id, *phone));
      });
  if (!accepted) {
    (*answer)(api_error(Status::service_unavailable, "overloaded",
                        "overloaded: too many events are waiting to be stored; try again"));
  }
}

}  // namespace caseflow::http
