// The typed form of an inbound case event (CloudEvents 1.0, JSON structured mode): the CloudEvents
// envelope attributes the engine needs plus the fields of `data` for every inbound type, flattened
// into one plain struct. Produced by decode_case_event (case_event_decoder.h), consumed by
// engine/core. Plain value: safe to copy and to move between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/definition/workflow.h"
#include "engine/time/instant.h"

namespace caseflow::events {

enum class EventType : uint8_t {
  reported,
  signed_for,  // "caseflow.case.signed" (签收)
  contacted,
  progress,
  returned,
  extension_requested,
  extension_decided,
  assist_requested,
  assist_reported,
  resolved,
  rated,
  withdrawn,
  merged,
  assigned,    // the dispatcher's decision for a case in the dispatcher queue (not in SPEC's list)
  plan_filed,  // 阶段性办结: the lead cannot finish before a date and files a plan
  plan_decided,  // the plan approved or refused
  // The assessment (考核): a unit's application to leave it (申请免考核) and its decision, a
  // report the lead finds invalid (不属实/无效) and the dispatcher's verdict, and the dispatcher's
  // review of a return (退单).
  exemption_requested,
  exemption_decided,
  invalid_proposed,
  invalid_decided,
  return_reviewed,
  // Merged duplicates (合并工单), written by the engine to its own input topic so they reach the
  // partition of the case they name (docs/events.md "Merged duplicates"): a duplicate's link to
  // its master, the master's answer, and the master's outcome when it ends.
  merge_link,
  merge_answer,
  master_closed,
  // The resident's phone was shown to someone allowed to call them (written by the HTTP layer
  // before it answers, so every reveal is in the case's history and the audit view).
  phone_revealed,
};
inline constexpr int kEventTypeCount = 25;

// "caseflow.case.reported" for EventType::reported, and so on.
std::string_view type_name(EventType type);
// The short name used in metrics and history: "reported", "signed", ...
std::string_view short_name(EventType type);
// The type for a full CloudEvents type string; nullopt if it is not an inbound case event type.
std::optional<EventType> parse_event_type(std::string_view type);

enum class Solved : uint8_t { solved, partly, not_solved };
enum class Satisfaction : uint8_t { satisfied, basically, unsatisfied, no_answer };
enum class AssistStep : uint8_t { reported, done };  // 报到, then the assisting part finished
// Why the lead says a report is invalid (不属实/无效); the words of invalid_proposed's `reason`.
enum class InvalidReason : uint8_t { malicious, duplicate, out_of_scope, unreachable };
inline constexpr int kInvalidReasonCount = 4;

std::string_view to_string(Solved s);
std::string_view to_string(Satisfaction s);
std::string_view to_string(definition::Urgency u);
// "consultation", ...; "" for RequestType::none.
std::string_view to_string(definition::RequestType t);
// The request type of its name; nullopt for anything else ("" included).
std::optional<definition::RequestType> parse_request_type(std::string_view text);
std::string_view to_string(InvalidReason r);
std::optional<InvalidReason> parse_invalid_reason(std::string_view text);

// Where a report says the problem is. Datum as geo::Datum (0 wgs84, 1 gcj02, 2 bd09).
struct Location {
  double lat = 0;
  double lon = 0;
  uint8_t datum = 0;
  friend bool operator==(const Location&, const Location&) = default;
};

struct CaseEvent {
  EventType type = EventType::reported;
  std::string case_id;   // CloudEvents `subject`
  std::string event_id;  // CloudEvents `id`
  std::string source;    // CloudEvents `source`
  // The CloudEvents extension attribute `principal`: who acts, as the HTTP layer read it from the
  // caller's credential ("unit:grid:G02", "dispatcher:li", "resident:open311"); "" when the event
  // came to Kafka by another road, whose actor is then its `source` (docs/events.md).
  std::string principal;

  // Who acts (signed, contacted, progress, returned, extension_requested, resolved, assigned):
  // "" = not said, accepted from anyone. The applicant of exemption_requested, the deciding or
  // reviewing unit of exemption_decided, invalid_decided and return_reviewed.
  std::string unit;
  std::string note;    // free text of progress / resolved / withdrawn / invalid_* (`note`)
  std::string reason;  // returned / withdrawn / extension / exemption reasons; invalid_proposed:
                       // one of the InvalidReason words (checked by the decoder)

  // reported
  std::string category;
  std::string description;  // phone-like digit runs already masked
  std::string grid_id;      // also a corrected grid on `returned`
  std::string address;
  std::optional<Location> location;  // also a corrected location on `returned`
  definition::Urgency urgency = definition::Urgency::normal;
  std::string channel;
  std::string reporter;  // "anonymous", or a masked phone "138****5678"; "" = not said
  // The resident's phone as given (`reporter` as a string or `reporter.phone`): only between
  // decoding and sealing in the runtime, which seals it into `sealed_phone` and wipes it before
  // the engine sees the event.
  std::string resident_phone;
  // The phone sealed (`reporter.sealed_phone`, "v1:..."; connectors/privacy/phone_vault.h): the
  // engine keeps it opaque. `reporter` stays "" until the runtime opens it and masks the number.
  std::string sealed_phone;
  definition::RequestType request_type = definition::RequestType::none;
  // 直办: the hotline agent answered during the call (`note` holds the answer); the case is
  // created and closed at once, never dispatched.
  bool answered_at_intake = false;

  // returned: a unit the returning unit names as the right one (optional)
  std::string suggested_unit;

  // extension_requested / extension_decided
  std::string clock;      // which clock to extend; "" = the stage's resolve clock
  std::string extend_by;  // span text, "3 workdays"; on decided: the granted span ("" = as asked)
  bool approved = false;  // also exemption_decided and invalid_decided

  // exemption_decided: whose pending application ("" = the oldest pending one)
  std::string applicant;
  // return_reviewed: the unit whose return is reviewed ("" = the latest unreviewed return), and
  // the verdict
  std::string returned_by;
  bool justified = false;

  // assist_requested / assist_reported
  std::string department;
  AssistStep assist_step = AssistStep::reported;

  // rated
  Solved solved = Solved::solved;
  Satisfaction satisfaction = Satisfaction::satisfied;

  // merged
  std::string merged_into;

  // merge_link (subject: the master): the duplicate asking to be linked; `category` and `unit`
  // are the duplicate's. merge_answer and master_closed (subject: the duplicate): the master.
  std::string duplicate;
  std::string master;
  bool accepted = false;  // merge_answer; refused: `reason` unknown_case or case_closed
  std::string outcome;    // master_closed: the master's outcome word ("rated", "withdrawn", ...)
  bool rated = false;     // master_closed: the master was rated (`solved`, `satisfaction` hold it)

  // assigned (dispatcher): stage name and workflow name, both optional
  std::string stage;
  std::string workflow;

  // plan_filed: the date the plan runs to (RFC 3339; required). plan_decided uses `approved`.
  std::optional<Instant> until;
};

}  // namespace caseflow::events
