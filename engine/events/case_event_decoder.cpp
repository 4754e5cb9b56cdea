#include "engine/events/case_event_decoder.h"

#include <boost/json.hpp>

#include "engine/events/phone_mask.h"

namespace caseflow::events {
namespace {

namespace json = boost::json;
using definition::Urgency;

Error fail(const char* code, std::string message) { return Error{code, std::move(message)}; }

// Reads an optional string member; false when present with another type.
bool read_string(const json::object& o, std::string_view key, std::string& out) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_string()) return false;
  const json::string& s = v->get_string();
  out.assign(s.data(), s.size());
  return true;
}

bool read_number(const json::value& v, double& out) {
  if (v.is_double()) {
    out = v.get_double();
  } else if (v.is_int64()) {
    out = static_cast<double>(v.get_int64());
  } else if (v.is_uint64()) {
    out = static_cast<double>(v.get_uint64());
  } else {
    return false;
  }
  return true;
}

// {lat, lon, datum?}; false when malformed.
bool read_location(const json::object& o, std::string_view key, std::optional<Location>& out) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_object()) return false;
  const json::object& lo = v->get_object();
  Location loc;
  const json::value* lat = lo.if_contains("lat");
  const json::value* lon = lo.if_contains("lon");
  if (lon == nullptr) lon = lo.if_contains("long");
  if (lat == nullptr || lon == nullptr || !read_number(*lat, loc.lat) ||
      !read_number(*lon, loc.lon))
    return false;
  if (loc.lat < -90 || loc.lat > 90 || loc.lon < -180 || loc.lon > 180) return false;
  std::string datum;
  if (!read_string(lo, "datum", datum)) return false;
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

Result<CaseEvent> bad(std::string_view field) {
  return fail("bad_data", "data." + std::string(field) + " is missing or invalid");
}

Result<CaseEvent> read_reported(const json::object& d, CaseEvent e) {
  if (!read_string(d, "category", e.category) || e.category.empty()) return bad("category");
  std::string description;
  if (!read_string(d, "description", description)) return bad("description");
  e.description = mask_phones_in_text(description);
  if (!read_string(d, "grid_id", e.grid_id)) return bad("grid_id");
  if (!read_string(d, "address", e.address)) return bad("address");
  if (!read_location(d, "location", e.location)) return bad("location");
  if (!read_string(d, "channel", e.channel)) return bad("channel");
  std::string urgency;
  if (!read_string(d, "urgency", urgency)) return bad("urgency");
  if (urgency.empty() || urgency == "normal") {
    e.urgency = Urgency::normal;
  } else if (urgency == "urgent") {
    e.urgency = Urgency::urgent;
  } else if (urgency == "emergency") {
    e.urgency = Urgency::emergency;
  } else {
    return bad("urgency");
  }
  // reporter: "anonymous" | "<phone>" | {"anonymous": true} | {"phone": "..."}
  if (const json::value* r = d.if_contains("reporter"); r != nullptr && !r->is_null()) {
    if (r->is_string()) {
      const json::string& s = r->get_string();
      e.reporter = s == "anonymous" ? std::string("anonymous")
                                    : mask_phone(std::string_view(s.data(), s.size()));
    } else if (r->is_object()) {
      std::string phone;
      if (!read_string(r->get_object(), "phone", phone)) return bad("reporter.phone");
      e.reporter = phone.empty() ? std::string("anonymous") : mask_phone(phone);
    } else {
      return bad("reporter");
    }
  }
  return e;
}

Result<CaseEvent> read_rated(const json::object& d, CaseEvent e) {
  std::string solved;
  std::string satisfaction;
  if (!read_string(d, "solved", solved)) return bad("solved");
  if (!read_string(d, "satisfaction", satisfaction)) return bad("satisfaction");
  if (solved == "solved") {
    e.solved = Solved::solved;
  } else if (solved == "partly") {
    e.solved = Solved::partly;
  } else if (solved == "not_solved") {
    e.solved = Solved::not_solved;
  } else {
    return bad("solved");
  }
  if (satisfaction == "satisfied") {
    e.satisfaction = Satisfaction::satisfied;
  } else if (satisfaction == "basically") {
    e.satisfaction = Satisfaction::basically;
  } else if (satisfaction == "unsatisfied") {
    e.satisfaction = Satisfaction::unsatisfied;
  } else if (satisfaction == "no_answer" || satisfaction.empty()) {
    e.satisfaction = Satisfaction::no_answer;
  } else {
    return bad("satisfaction");
  }
  return e;
}

Result<CaseEvent> read_data(const json::object& d, CaseEvent e) {
  if (!read_string(d, "unit", e.unit)) return bad("unit");
  if (!read_string(d, "note", e.note)) return bad("note");
  if (!read_string(d, "reason", e.reason)) return bad("reason");
  e.note = mask_phones_in_text(e.note);
  e.reason = mask_phones_in_text(e.reason);
  switch (e.type) {
    case EventType::reported:
      return read_reported(d, std::move(e));
    case EventType::returned:
      if (!read_string(d, "grid_id", e.grid_id)) return bad("grid_id");
      if (!read_location(d, "location", e.location)) return bad("location");
      if (!read_string(d, "suggested_unit", e.suggested_unit)) return bad("suggested_unit");
      return e;
    case EventType::extension_requested:
      if (!read_string(d, "clock", e.clock)) return bad("clock");
      if (!read_string(d, "extend_by", e.extend_by) || e.extend_by.empty()) return bad("extend_by");
      return e;
    case EventType::extension_decided: {
      const json::value* a = d.if_contains("approved");
      if (a == nullptr || !a->is_bool()) return bad("approved");
      e.approved = a->get_bool();
      if (!read_string(d, "extend_by", e.extend_by)) return bad("extend_by");
      return e;
    }
    case EventType::assist_requested:
      if (!read_string(d, "department", e.department) || e.department.empty())
        return bad("department");
      return e;
    case EventType::assist_reported: {
      if (!read_string(d, "department", e.department) || e.department.empty())
        return bad("department");
      std::string step;
      if (!read_string(d, "status", step)) return bad("status");
      if (step.empty() || step == "reported") {
        e.assist_step = AssistStep::reported;
      } else if (step == "done") {
        e.assist_step = AssistStep::done;
      } else {
        return bad("status");
      }
      return e;
    }
    case EventType::rated:
      return read_rated(d, std::move(e));
    case EventType::merged:
      if (!read_string(d, "into", e.merged_into) || e.merged_into.empty()) return bad("into");
      return e;
    case EventType::assigned:
      if (!read_string(d, "stage", e.stage)) return bad("stage");
      if (!read_string(d, "workflow", e.workflow)) return bad("workflow");
      if (e.unit.empty()) return bad("unit");
      return e;
    default:
      return e;
  }
}

bool required(const json::object& o, std::string_view key, std::string& out) {
  return read_string(o, key, out) && !out.empty();
}

}  // namespace

Result<CaseEvent> decode_case_event(std::string_view bytes) {
  unsigned char buffer[4096];
  json::monotonic_resource arena(buffer, sizeof buffer);
  boost::system::error_code ec;
  json::value root = json::parse(bytes, ec, &arena);
  if (ec) return fail("not_json", "not JSON: " + ec.message());
  if (!root.is_object()) return fail("not_object", "a CloudEvent must be a JSON object");
  const json::object& o = root.get_object();

  std::string specversion;
  std::string type;
  CaseEvent e;
  if (!required(o, "specversion", specversion))
    return fail("missing_attribute", "specversion is required");
  if (specversion != "1.0")
    return fail("bad_specversion", "specversion must be \"1.0\", not \"" + specversion + "\"");
  if (!required(o, "id", e.event_id)) return fail("missing_attribute", "id is required");
  if (!required(o, "source", e.source)) return fail("missing_attribute", "source is required");
  if (!required(o, "type", type)) return fail("missing_attribute", "type is required");
  std::string content_type;
  if (!read_string(o, "datacontenttype", content_type))
    return fail("bad_content_type", "datacontenttype must be a string");
  if (!content_type.empty() && content_type != "application/json" &&
      content_type.rfind("application/json;", 0) != 0)
    return fail("bad_content_type", "datacontenttype must be application/json");
  const std::optional<EventType> t = parse_event_type(type);
  if (!t) return fail("unknown_type", "not an inbound case event type: " + type);
  e.type = *t;
  if (!required(o, "subject", e.case_id))
    return fail("missing_subject", "subject (the case id) is required");

  static const json::object kEmpty;
  const json::value* data = o.if_contains("data");
  if (data != nullptr && !data->is_null() && !data->is_object())
    return fail("bad_data", "data must be a JSON object");
  const json::object& d = (data != nullptr && data->is_object()) ? data->get_object() : kEmpty;
  return read_data(d, std::move(e));
}

}  // namespace caseflow::events
