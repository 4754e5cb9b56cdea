// POST /api/v1/cases/{id}/events: a unit's (or the dispatcher's, or the revisit staff's) event,
// checked against the caller's credential before it goes to Kafka. The acting unit is the
// credential's: a body naming another unit is refused, a body naming none gets the caller's. The
// event carries the caller as its `principal`, whatever the body said, and a resident's phone
// sealed (or masked without a key): the number itself never goes to Kafka.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "connectors/http/api.h"
#include "connectors/http/auth/access.h"
#include "connectors/http/case_render.h"
#include "connectors/privacy/phone_vault.h"
#include "engine/events/case_event_decoder.h"
#include "engine/events/json_writer.h"
#include "engine/events/phone_mask.h"

namespace caseflow::http {
namespace {

// A report's `data.reporter` phone ("<phone>" or {"phone": "<phone>"}) replaced by
// {"sealed_phone": ...} for the case `subject` names, or by the masked phone without `vault`.
// Anything else is left for the decoder to judge.
void seal_reporter(boost::json::object& event, const privacy::PhoneVault* vault) {
  const auto* type = event.if_contains("type");
  const auto* subject = event.if_contains("subject");
  auto* data = event.if_contains("data");
  if (type == nullptr || !type->is_string() || *type != "caseflow.case.reported") return;
  if (subject == nullptr || !subject->is_string() || data == nullptr || !data->is_object()) return;
  auto* reporter = data->as_object().if_contains("reporter");
  if (reporter == nullptr) return;
  boost::json::value* phone = reporter;
  if (reporter->is_object()) phone = reporter->as_object().if_contains("phone");
  if (phone == nullptr || !phone->is_string() || phone->as_string().empty() ||
      (reporter->is_string() && phone->as_string() == "anonymous"))
    return;
  std::string number(phone->as_string());
  if (vault) {
    boost::json::object sealed;
    sealed["sealed_phone"] = vault->seal(number, std::string_view(subject->as_string()));
    *reporter = std::move(sealed);
  } else {
    *reporter = events::mask_phone(number);
  }
  privacy::wipe(number);
}

// `body` stamped with who posts it: the CloudEvents attribute `principal` set to `actor`
// (replacing whatever the body said: only the credential says who acts), and data.unit set to
// `unit` when `unit` is not empty and `data` is an object without one (a body naming a unit is
// left to the access check). nullopt when the body is not a JSON object: the decoder refuses it.
std::optional<std::string> stamped(const std::string& body, const std::string& actor,
                                   std::string_view unit, const privacy::PhoneVault* vault) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) return std::nullopt;
  boost::json::object& event = v.as_object();
  event["principal"] = actor;
  seal_reporter(event, vault);
  auto* data = event.if_contains("data");
  if (!unit.empty() && data != nullptr && data->is_object() && !data->as_object().contains("unit"))
    data->as_object()["unit"] = std::string(unit);
  return boost::json::serialize(v);
}

}  // namespace

void Api::admin_post_event(const std::string& id, const Request& request,
                           const auth::Principal& who, Responder respond) {
  // Stamped before the event is decoded: the decoder requires data.unit for some types, and the
  // engine records the principal as the actor of what the event causes. A body naming a unit is
  // left as it is and checked below.
  std::string body = request.body();
  if (auto filled = stamped(body, auth::actor_name(who), who.acting_unit(), deps_.phone_vault)) {
    body = std::move(*filled);
  }
  auto decoded = events::decode_case_event(body);
  if (!decoded) {
    return respond(api_error(Status::bad_request, decoded.error().code, decoded.error().message));
  }
  if (decoded->case_id != id) {
    return respond(api_error(Status::bad_request, "subject_mismatch",
                             "the event's subject (" + decoded->case_id +
                                 ") must be the case id of the path (" + id + ")"));
  }
  const std::string path = "/api/v1/cases/" + id + "/events";
  auth::EventPermission permission;
  if (auto refused = auth::may_post_event(who, *decoded, permission)) {
    return respond(deny(*refused, &who, path));
  }
  if (auto reason = not_ready()) {
    return respond(api_error(Status::service_unavailable, "not_ready", *reason));
  }
  std::string event_id = decoded->event_id;
  std::string type(events::type_name(decoded->type));
  if (permission.check == auth::EventCheck::none) {
    return send_event(id, std::move(body), std::move(event_id), std::move(type),
                      std::move(respond));
  }
  // A decision: read the case to see who asked and who the workflow lets decide. A case held by
  // another instance (or archived) is left to the engine, which checks the approver too.
  const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;
  read_engines_then(
      std::move(respond),
      [this, id, who, path, setup, event = std::move(*decoded), body = std::move(body),
       event_id = std::move(event_id),
       type = std::move(type)](const runtime::EngineReader& reader) -> Next {
        std::optional<auth::Refusal> refused;
        if (const core::Engine* engine = reader.engine_for_case(id)) {
          if (const auto view = engine->view(id)) {
            const auto wf = workflow_named(view->workflow, setup.get());
            refused = auth::check_decision(who, event, *view, wf.get());
          }
        }
        return [this, id, who, path, refused, body, event_id, type](Responder answer) {
          if (refused) return answer(deny(*refused, &who, path));
          send_event(id, body, event_id, type, std::move(answer));
        };
      },
      false, Format::json);
}

void Api::send_event(const std::string& id, std::string body, std::string event_id,
                     std::string type, Responder respond) {
  if (deps_.events == nullptr) {
    return respond(api_error(Status::service_unavailable, "not_ready", "intake is not available"));
  }
  auto answer = std::make_shared<Responder>(std::move(respond));
  const bool accepted =
      deps_.events->send(id, body, [answer, id, event_id, type](std::optional<Error> error) {
        if (error) {
          (*answer)(api_error(Status::service_unavailable, "not_stored",
                              "the event could not be stored: " + error->message));
          return;
        }
        std::string out;
        events::JsonWriter w(out);
        w.begin_object();
        w.field("accepted", true);
        w.field("case_id", id);
        w.field("event_id", event_id);
        w.field("type", type);
        w.end_object();
        (*answer)(make_response(Status::accepted, kJson, std::move(out)));
      });
  if (!accepted) {
    (*answer)(api_error(Status::service_unavailable, "overloaded",
                        "overloaded: too many events are waiting to be stored; try again"));
  }
}

}  // namespace caseflow::http
