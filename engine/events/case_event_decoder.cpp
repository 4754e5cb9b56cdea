#include "engine/events/case_event_decoder.h"

#include "engine/events/event_fields.h"
#include "engine/events/phone_mask.h"
#include "engine/time/rfc3339.h"

namespace caseflow::events {
namespace {

using definition::Urgency;
using detail::EventFields;
using detail::Field;
using detail::Kind;

Error fail(const char* code, std::string message) { return Error{code, std::move(message)}; }

Status bad(std::string_view field) {
  return fail("bad_data", "data." + std::string(field) + " is missing or invalid");
}

// The strings a member may hold before it is checked (enum words, the reporter), kept apart
// from the CaseEvent. Short: they stay in the strings' inline buffers.
struct Words {
  std::string specversion, type, content_type, urgency, reporter, phone, datum, status, solved,
      satisfaction, request_type, until;
};

// The number as given, for the runtime to seal; a number already masked has nothing to keep.
void keep_to_seal(const std::string& phone, CaseEvent& e) {
  if (phone.find('*') == std::string::npos) e.resident_phone.assign(phone);
}

// An optional string member is fine when absent, null or a string.
bool string_or_absent(const EventFields& f, Field field) {
  const Kind k = f.kind[field];
  return k == Kind::absent || k == Kind::null || k == Kind::string;
}
// A required attribute: a non-empty string.
bool non_empty(const EventFields& f, Field field, const std::string& text) {
  return f.kind[field] == Kind::string && !text.empty();
}

// {lat, lon (or long), datum?}; false when malformed.
bool read_location(const EventFields& f, const Words& w, std::optional<Location>& out) {
  const Kind k = f.kind[detail::kLocation];
  if (k == Kind::absent || k == Kind::null) return true;
  if (k != Kind::object) return false;
  const Field lon = f.kind[detail::kLon] != Kind::absent ? detail::kLon : detail::kLong;
  if (f.kind[detail::kLat] != Kind::number || f.kind[lon] != Kind::number) return false;
  Location loc;
  loc.lat = f.number[detail::kLat];
  loc.lon = f.number[lon];
  if (loc.lat < -90 || loc.lat > 90 || loc.lon < -180 || loc.lon > 180) return false;
  if (!string_or_absent(f, detail::kDatum)) return false;
  const std::string& datum = w.datum;
  if (datum.empty() || datum == "wgs84" || datum == "WGS84") {
    loc.datum = 0;
  } else if (datum == "gcj02" || datum == "GCJ02" || datum == "GCJ-02") {
    loc.datum = 1;
  } else if (datum == "bd09" || datum == "BD09" || datum == "BD-09") {
    loc.datum = 2;
  } else {
    return false;
  }
  out = loc;
  return true;
}

Status read_reported(const EventFields& f, const Words& w, CaseEvent& e) {
  if (!string_or_absent(f, detail::kCategory) || e.category.empty()) return bad("category");
  if (!string_or_absent(f, detail::kDescription)) return bad("description");
  mask_phones_in_place(e.description);
  if (!string_or_absent(f, detail::kGridId)) return bad("grid_id");
  if (!string_or_absent(f, detail::kAddress)) return bad("address");
  if (!read_location(f, w, e.location)) return bad("location");
  if (!string_or_absent(f, detail::kChannel)) return bad("channel");
  if (!string_or_absent(f, detail::kUrgency)) return bad("urgency");
  if (w.urgency.empty() || w.urgency == "normal") {
    e.urgency = Urgency::normal;
  } else if (w.urgency == "urgent") {
    e.urgency = Urgency::urgent;
  } else if (w.urgency == "emergency") {
    e.urgency = Urgency::emergency;
  } else {
    return bad("urgency");
  }
  if (!string_or_absent(f, detail::kRequestType))
    return fail("bad_data",
                "data.request_type must be consultation, help, complaint, suggestion or report");
  if (!w.request_type.empty()) {
    const std::optional<definition::RequestType> type = parse_request_type(w.request_type);
    if (!type)
      return fail("bad_data", "data.request_type '" + w.request_type +
                                  "' is not one of consultation, help, complaint, suggestion, "
                                  "report");
    e.request_type = *type;
  }
  switch (f.kind[detail::kAnsweredAtIntake]) {
    case Kind::absent:
    case Kind::null:
      break;
    case Kind::boolean:
      e.answered_at_intake = f.boolean[detail::kAnsweredAtIntake];
      break;
    default:
      return bad("answered_at_intake");
  }
  if (e.answered_at_intake && e.note.empty())
    return fail("bad_data", "a report answered at intake needs data.note: the answer given");
  // reporter: "anonymous" | "<phone>" | {"anonymous": true} | {"phone": "..."}
  switch (f.kind[detail::kReporter]) {
    case Kind::absent:
    case Kind::null:
      break;
    case Kind::string:
      if (w.reporter == "anonymous") {
        e.reporter.assign("anonymous");
      } else {
        e.reporter = mask_phone(w.reporter);
        keep_to_seal(w.reporter, e);
      }
      break;
    case Kind::object:
      if (!string_or_absent(f, detail::kPhone)) return bad("reporter.phone");
      if (!string_or_absent(f, detail::kSealedPhone)) return bad("reporter.sealed_phone");
      if (!w.phone.empty() && !e.sealed_phone.empty())
        return fail("bad_data", "data.reporter has both phone and sealed_phone");
      if (!e.sealed_phone.empty()) break;  // masked once the runtime opens it
      if (w.phone.empty()) {
        e.reporter.assign("anonymous");
      } else {
        e.reporter = mask_phone(w.phone);
        keep_to_seal(w.phone, e);
      }
      break;
    default:
      return bad("reporter");
  }
  return ok_status();
}

Status read_rated(const EventFields& f, const Words& w, CaseEvent& e) {
  if (!string_or_absent(f, detail::kSolved)) return bad("solved");
  if (!string_or_absent(f, detail::kSatisfaction)) return bad("satisfaction");
  if (w.solved == "solved") {
    e.solved = Solved::solved;
  } else if (w.solved == "partly") {
    e.solved = Solved::partly;
  } else if (w.solved == "not_solved") {
    e.solved = Solved::not_solved;
  } else {
    return bad("solved");
  }
  if (w.satisfaction == "satisfied") {
    e.satisfaction = Satisfaction::satisfied;
  } else if (w.satisfaction == "basically") {
    e.satisfaction = Satisfaction::basically;
  } else if (w.satisfaction == "unsatisfied") {
    e.satisfaction = Satisfaction::unsatisfied;
  } else if (w.satisfaction == "no_answer" || w.satisfaction.empty()) {
    e.satisfaction = Satisfaction::no_answer;
  } else {
    return bad("satisfaction");
  }
  return ok_status();
}

Status read_data(const EventFields& f, const Words& w, CaseEvent& e) {
  if (!string_or_absent(f, detail::kUnit)) return bad("unit");
  if (!string_or_absent(f, detail::kNote)) return bad("note");
  if (!string_or_absent(f, detail::kReason)) return bad("reason");
  mask_phones_in_place(e.note);
  mask_phones_in_place(e.reason);
  switch (e.type) {
    case EventType::reported:
      return read_reported(f, w, e);
    case EventType::returned:
      if (!string_or_absent(f, detail::kGridId)) return bad("grid_id");
      if (!read_location(f, w, e.location)) return bad("location");
      if (!string_or_absent(f, detail::kSuggestedUnit)) return bad("suggested_unit");
      return ok_status();
    case EventType::extension_requested:
      if (!string_or_absent(f, detail::kClock)) return bad("clock");
      if (!string_or_absent(f, detail::kExtendBy) || e.extend_by.empty()) return bad("extend_by");
      return ok_status();
    case EventType::extension_decided:
      if (f.kind[detail::kApproved] != Kind::boolean) return bad("approved");
      e.approved = f.boolean[detail::kApproved];
      if (!string_or_absent(f, detail::kExtendBy)) return bad("extend_by");
      return ok_status();
    case EventType::assist_requested:
      if (!string_or_absent(f, detail::kDepartment) || e.department.empty())
        return bad("department");
      return ok_status();
    case EventType::assist_reported:
      if (!string_or_absent(f, detail::kDepartment) || e.department.empty())
        return bad("department");
      if (!string_or_absent(f, detail::kStatus)) return bad("status");
      if (w.status.empty() || w.status == "reported") {
        e.assist_step = AssistStep::reported;
      } else if (w.status == "done") {
        e.assist_step = AssistStep::done;
      } else {
        return bad("status");
      }
      return ok_status();
    case EventType::rated:
      return read_rated(f, w, e);
    case EventType::merged:
      if (!string_or_absent(f, detail::kInto) || e.merged_into.empty()) return bad("into");
      return ok_status();
    case EventType::plan_filed: {
      if (!string_or_absent(f, detail::kUntil) || w.until.empty()) return bad("until");
      const Result<Instant> until = parse_rfc3339(w.until);
      if (!until.ok())
        return fail("bad_data", "data.until '" + w.until + "' is not an RFC 3339 date-time");
      e.until = *until;
      if (e.note.empty()) return fail("bad_data", "data.note (the plan) is required");
      return ok_status();
    }
    case EventType::plan_decided:
      if (f.kind[detail::kApproved] != Kind::boolean) return bad("approved");
      e.approved = f.boolean[detail::kApproved];
      return ok_status();
    case EventType::assigned:
      if (!string_or_absent(f, detail::kStage)) return bad("stage");
      if (!string_or_absent(f, detail::kWorkflow)) return bad("workflow");
      if (e.unit.empty()) return bad("unit");
      return ok_status();
    case EventType::exemption_requested:
      if (e.unit.empty()) return bad("unit");  // the applicant
      if (e.reason.empty()) return bad("reason");
      return ok_status();
    case EventType::exemption_decided:
      if (f.kind[detail::kApproved] != Kind::boolean) return bad("approved");
      e.approved = f.boolean[detail::kApproved];
      if (!string_or_absent(f, detail::kApplicant)) return bad("applicant");
      return ok_status();
    case EventType::invalid_proposed:
      if (!parse_invalid_reason(e.reason))
        return fail("bad_data",
                    "data.reason is missing or invalid: one of malicious, duplicate, "
                    "out_of_scope, unreachable");
      return ok_status();
    case EventType::invalid_decided:
      if (f.kind[detail::kApproved] != Kind::boolean) return bad("approved");
      e.approved = f.boolean[detail::kApproved];
      return ok_status();
    case EventType::return_reviewed:
      if (f.kind[detail::kJustified] != Kind::boolean) return bad("justified");
      e.justified = f.boolean[detail::kJustified];
      if (!string_or_absent(f, detail::kReturnedBy)) return bad("returned_by");
      return ok_status();
    case EventType::merge_link:
      if (!string_or_absent(f, detail::kDuplicate) || e.duplicate.empty()) return bad("duplicate");
      if (!string_or_absent(f, detail::kCategory)) return bad("category");
      return ok_status();
    case EventType::merge_answer:
      if (!string_or_absent(f, detail::kMaster) || e.master.empty()) return bad("master");
      if (f.kind[detail::kAccepted] != Kind::boolean) return bad("accepted");
      e.accepted = f.boolean[detail::kAccepted];
      if (!e.accepted && e.reason != "unknown_case" && e.reason != "case_closed")
        return fail("bad_data",
                    "a refused merge_answer needs data.reason unknown_case or case_closed");
      return ok_status();
    case EventType::phone_revealed:
      return ok_status();  // who saw it is the event's principal
    case EventType::master_closed:
      if (!string_or_absent(f, detail::kMaster) || e.master.empty()) return bad("master");
      if (!string_or_absent(f, detail::kOutcome) || e.outcome.empty()) return bad("outcome");
      // The master's rating, when it was rated: solved and satisfaction as in `rated`.
      if (f.kind[detail::kSolved] == Kind::string) {
        if (Status rating = read_rated(f, w, e); !rating.ok()) return rating;
        e.rated = true;
      }
      return ok_status();
    default:
      return ok_status();
  }
}

// Every field back to its default, keeping the strings' buffers.
void reset(CaseEvent& e) {
  for (std::string* text :
       {&e.case_id,        &e.event_id,    &e.source,      &e.principal,      &e.unit,
        &e.note,           &e.reason,      &e.category,    &e.description,    &e.grid_id,
        &e.address,        &e.channel,     &e.reporter,    &e.suggested_unit, &e.clock,
        &e.extend_by,      &e.department,  &e.merged_into, &e.stage,          &e.workflow,
        &e.applicant,      &e.returned_by, &e.duplicate,   &e.master,         &e.outcome,
        &e.resident_phone, &e.sealed_phone})
    text->clear();
  e.accepted = false;
  e.rated = false;
  e.type = EventType::reported;
  e.location.reset();
  e.urgency = Urgency::normal;
  e.approved = false;
  e.justified = false;
  e.assist_step = AssistStep::reported;
  e.solved = Solved::solved;
  e.satisfaction = Satisfaction::satisfied;
  e.request_type = definition::RequestType::none;
  e.answered_at_intake = false;
  e.until.reset();
}

// Where each member's text goes: the event's own strings, or `w` for words checked first.
void aim(EventFields& f, Words& w, CaseEvent& e) {
  using namespace detail;
  f.text[kSpecversion] = &w.specversion;
  f.text[kId] = &e.event_id;
  f.text[kSource] = &e.source;
  f.text[kPrincipal] = &e.principal;
  f.text[kType] = &w.type;
  f.text[kSubject] = &e.case_id;
  f.text[kDataContentType] = &w.content_type;
  f.text[kUnit] = &e.unit;
  f.text[kNote] = &e.note;
  f.text[kReason] = &e.reason;
  f.text[kCategory] = &e.category;
  f.text[kDescription] = &e.description;
  f.text[kGridId] = &e.grid_id;
  f.text[kAddress] = &e.address;
  f.text[kChannel] = &e.channel;
  f.text[kUrgency] = &w.urgency;
  f.text[kReporter] = &w.reporter;
  f.text[kSuggestedUnit] = &e.suggested_unit;
  f.text[kClock] = &e.clock;
  f.text[kExtendBy] = &e.extend_by;
  f.text[kDepartment] = &e.department;
  f.text[kStatus] = &w.status;
  f.text[kSolved] = &w.solved;
  f.text[kSatisfaction] = &w.satisfaction;
  f.text[kInto] = &e.merged_into;
  f.text[kStage] = &e.stage;
  f.text[kWorkflow] = &e.workflow;
  f.text[kDatum] = &w.datum;
  f.text[kPhone] = &w.phone;
  f.text[kSealedPhone] = &e.sealed_phone;
  f.text[kRequestType] = &w.request_type;
  f.text[kUntil] = &w.until;
  f.text[kApplicant] = &e.applicant;
  f.text[kReturnedBy] = &e.returned_by;
  f.text[kDuplicate] = &e.duplicate;
  f.text[kMaster] = &e.master;
  f.text[kOutcome] = &e.outcome;
}

// The data members each type reads; the others are dropped, as if never sent.
void drop_members_not_read(CaseEvent& e) {
  const EventType t = e.type;
  const bool reported = t == EventType::reported;
  const bool returned = t == EventType::returned;
  const bool extension = t == EventType::extension_requested || t == EventType::extension_decided;
  const bool assist = t == EventType::assist_requested || t == EventType::assist_reported;
  const bool assigned = t == EventType::assigned;
  if (!reported) {
    e.request_type = definition::RequestType::none;
    e.answered_at_intake = false;
    if (t != EventType::merge_link) e.category.clear();
    e.description.clear();
    e.address.clear();
    e.channel.clear();
    e.resident_phone.clear();
    e.sealed_phone.clear();
  }
  if (!reported && !returned) e.grid_id.clear();
  if (!returned) e.suggested_unit.clear();
  if (t != EventType::extension_requested) e.clock.clear();
  if (!extension) e.extend_by.clear();
  if (!assist) e.department.clear();
  if (t != EventType::merged) e.merged_into.clear();
  if (t != EventType::plan_filed) e.until.reset();
  if (!assigned) {
    e.stage.clear();
    e.workflow.clear();
  }
  if (t != EventType::exemption_decided) e.applicant.clear();
  if (t != EventType::return_reviewed) e.returned_by.clear();
  if (t != EventType::merge_link) e.duplicate.clear();
  if (t != EventType::merge_answer && t != EventType::master_closed) e.master.clear();
  if (t != EventType::master_closed) e.outcome.clear();
}

// Members of `data` count only when `data` is an object (a document tree would not have them).
void forget_data_unless_object(EventFields& f) {
  if (f.kind[detail::kData] == Kind::object) return;
  for (int i = detail::kUnit; i < detail::kFieldCount; ++i) {
    f.kind[i] = Kind::absent;
    if (std::string* t = f.text[i]) t->clear();
  }
}

}  // namespace

Status decode_case_event(std::string_view bytes, CaseEvent& e) {
  reset(e);
  Words w;
  EventFields f;
  aim(f, w, e);
  if (const boost::system::error_code ec = detail::read_event_fields(bytes, f))
    return fail("not_json", "not JSON: " + ec.message());
  if (!f.root_is_object) return fail("not_object", "a CloudEvent must be a JSON object");
  forget_data_unless_object(f);

  if (!non_empty(f, detail::kSpecversion, w.specversion))
    return fail("missing_attribute", "specversion is required");
  if (w.specversion != "1.0")
    return fail("bad_specversion", "specversion must be \"1.0\", not \"" + w.specversion + "\"");
  if (!non_empty(f, detail::kId, e.event_id)) return fail("missing_attribute", "id is required");
  if (!non_empty(f, detail::kSource, e.source))
    return fail("missing_attribute", "source is required");
  if (!non_empty(f, detail::kType, w.type)) return fail("missing_attribute", "type is required");
  // Who acts, when the HTTP layer says so; a value that is not a string says nothing.
  if (f.kind[detail::kPrincipal] != Kind::string) e.principal.clear();
  if (!string_or_absent(f, detail::kDataContentType))
    return fail("bad_content_type", "datacontenttype must be a string");
  const std::string& content_type = w.content_type;
  if (!content_type.empty() && content_type != "application/json" &&
      content_type.rfind("application/json;", 0) != 0)
    return fail("bad_content_type", "datacontenttype must be application/json");
  const std::optional<EventType> t = parse_event_type(w.type);
  if (!t) return fail("unknown_type", "not an inbound case event type: " + w.type);
  e.type = *t;
  if (!non_empty(f, detail::kSubject, e.case_id))
    return fail("missing_subject", "subject (the case id) is required");

  const Kind data = f.kind[detail::kData];
  if (data != Kind::absent && data != Kind::null && data != Kind::object)
    return fail("bad_data", "data must be a JSON object");
  Status read = read_data(f, w, e);
  if (read.ok()) drop_members_not_read(e);
  return read;
}

Result<CaseEvent> decode_case_event(std::string_view bytes) {
  CaseEvent e;
  Status s = decode_case_event(bytes, e);
  if (!s.ok()) return s.error();
  return e;
}

}  // namespace caseflow::events
