#include "connectors/http/open311_report.h"

#include <charconv>
#include <cmath>
#include <exception>

#include "connectors/http/auth/principal.h"
#include "connectors/http/utf8.h"
#include "engine/events/case_event.h"
#include "engine/events/json_writer.h"
#include "engine/events/phone_mask.h"
#include "engine/geo/datum.h"

namespace caseflow::http {
namespace {

constexpr size_t kMaxDescriptionChars = 4000;

Error refuse(std::string message) { return Error{"bad_request", std::move(message)}; }

// The value of `name`, or nothing; a view into `fields`.
std::optional<std::string_view> value_of(const FormFields& fields, std::string_view name) {
  for (const auto& [n, v] : fields) {
    if (n == name) return std::string_view(v);
  }
  return std::nullopt;
}

std::optional<double> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  try {
    const std::string copy(text);
    size_t used = 0;
    const double v = std::stod(copy, &used);
    if (used != copy.size() || !std::isfinite(v)) return std::nullopt;
    return v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<definition::Urgency> parse_urgency(std::string_view word) {
  if (word == "normal") return definition::Urgency::normal;
  if (word == "urgent") return definition::Urgency::urgent;
  if (word == "emergency") return definition::Urgency::emergency;
  return std::nullopt;
}

// Open311 takes the canonical names only (the decoder also reads "GCJ-02" and the like).
std::optional<geo::Datum> parse_open311_datum(std::string_view word) {
  if (word == "wgs84") return geo::Datum::wgs84;
  if (word == "gcj02") return geo::Datum::gcj02;
  if (word == "bd09") return geo::Datum::bd09;
  return std::nullopt;
}

// A coordinate as "%.8f" writes it (the form the events have always had).
void write_coordinate(events::JsonWriter& w, std::string_view name, double value) {
  char text[64];
  const auto [end, ec] =
      std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, 8);
  w.key(name);
  w.raw(ec == std::errc() ? std::string_view(text, static_cast<size_t>(end - text)) : "0");
}

}  // namespace

Result<Open311Report> read_open311_report(const FormFields& fields, const ServiceLookup& offered) {
  Open311Report report;
  const auto code = value_of(fields, "service_code");
  if (!code || code->empty()) return refuse("service_code is required");
  if (!offered(*code)) return refuse("unknown service_code " + std::string(*code));
  report.service_code = *code;

  const auto lat_text = value_of(fields, "lat");
  const auto lon_text = value_of(fields, "long");
  report.address = value_of(fields, "address_string").value_or("");
  report.grid_id = value_of(fields, "attribute[grid_id]").value_or("");
  std::optional<double> lat, lon;
  if (lat_text || lon_text) {
    lat = lat_text ? parse_number(*lat_text) : std::nullopt;
    lon = lon_text ? parse_number(*lon_text) : std::nullopt;
    if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180) {
      return refuse("lat and long must both be given, as decimal degrees");
    }
  }
  if (!lat && report.address.empty() && report.grid_id.empty()) {
    return refuse("a location is required: lat and long, address_string, or attribute[grid_id]");
  }
  report.description = value_of(fields, "description").value_or("");
  if (utf8_length(report.description) > kMaxDescriptionChars) {
    return refuse("description is longer than 4000 characters");
  }
  const auto urgency = parse_urgency(value_of(fields, "attribute[urgency]").value_or("normal"));
  if (!urgency) return refuse("attribute[urgency] must be normal, urgent or emergency");
  report.urgency = *urgency;
  if (const auto type = value_of(fields, "attribute[request_type]"); type && !type->empty()) {
    const auto parsed = events::parse_request_type(*type);
    if (!parsed)
      return refuse(
          "attribute[request_type] must be consultation, help, complaint, suggestion or report");
    report.request_type = *parsed;
  }
  const auto datum = parse_open311_datum(value_of(fields, "attribute[datum]").value_or("wgs84"));
  if (!datum) return refuse("attribute[datum] must be wgs84, gcj02 or bd09");
  if (lat) report.location = ReportedLocation{*lat, *lon, *datum};
  report.phone = value_of(fields, "phone").value_or("");

  // The engine reads events with a JSON parser that refuses malformed UTF-8.
  const std::pair<std::string_view, const std::string*> texts[] = {
      {"service_code", &report.service_code},
      {"description", &report.description},
      {"address_string", &report.address},
      {"attribute[grid_id]", &report.grid_id},
      {"phone", &report.phone}};
  for (const auto& [name, text] : texts) {
    if (!valid_utf8(*text)) return refuse(std::string(name) + " is not valid UTF-8");
  }
  return report;
}

bool valid_event_source(std::string_view source) { return !source.empty() && valid_utf8(source); }

void write_reported_event(std::string& out, const Open311Report& report,
                          const ReportEnvelope& envelope) {
  out.reserve(out.size() + 512 + report.description.size() + report.address.size());
  events::JsonWriter w(out);
  w.begin_object();
  w.field("specversion", "1.0");
  w.key("id");
  std::string id;
  id.reserve(envelope.case_id.size() + 9);
  id.append(envelope.case_id).append("-reported");
  w.string(id);
  w.field("source", envelope.source);
  w.field("type", "caseflow.case.reported");
  w.field("subject", envelope.case_id);
  w.key("time");
  w.time(envelope.at, Duration());
  w.field("datacontenttype", "application/json");
  w.field("principal", auth::kOpen311Actor);
  w.key("data");
  w.begin_object();
  w.field("category", report.service_code);
  w.field("description", report.description);
  if (report.location) {
    w.key("location");
    w.begin_object();
    write_coordinate(w, "lat", report.location->lat);
    write_coordinate(w, "lon", report.location->lon);
    w.field("datum", geo::datum_name(report.location->datum));
    w.end_object();
  }
  if (!report.grid_id.empty()) w.field("grid_id", report.grid_id);
  if (!report.address.empty()) w.field("address", report.address);
  w.field("urgency", events::to_string(report.urgency));
  if (report.request_type != definition::RequestType::none)
    w.field("request_type", events::to_string(report.request_type));
  w.field("channel", "open311");
  if (report.phone.empty()) {
    w.field("reporter", "anonymous");
  } else if (!envelope.sealed_phone.empty()) {
    w.key("reporter");
    w.begin_object();
    w.field("sealed_phone", envelope.sealed_phone);
    w.end_object();
  } else {
    w.field("reporter", events::mask_phone(report.phone));
  }
  w.end_object();
  w.end_object();
}

}  // namespace caseflow::http
