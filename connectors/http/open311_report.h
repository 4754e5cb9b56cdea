// A resident's report as Open311 POST /requests carries it, read into a typed value and checked
// once, then encoded once as the caseflow.case.reported CloudEvent the engine decodes. The checks
// cover everything the engine's decoder would refuse (text that is not UTF-8, coordinates out of
// range, unknown urgency or datum words), so an accepted report is never dead-lettered for its
// form and the event need not be decoded again to find out. Pure; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "connectors/http/form.h"
#include "engine/common/result.h"
#include "engine/definition/workflow.h"
#include "engine/geo/place.h"
#include "engine/time/instant.h"

namespace caseflow::http {

struct ReportedLocation {
  double lat = 0;  // decimal degrees, in `datum`
  double lon = 0;
  geo::Datum datum = geo::Datum::wgs84;
};

struct Open311Report {
  std::string service_code;                  // a category of a workflow in force
  std::string description;                   // at most 4,000 characters
  std::string address;                       // address_string; empty = none
  std::string grid_id;                       // attribute[grid_id]; empty = none
  std::optional<ReportedLocation> location;  // lat and long
  definition::Urgency urgency = definition::Urgency::normal;
  // attribute[request_type]: consultation, help, complaint, suggestion or report (诉求类型).
  definition::RequestType request_type = definition::RequestType::none;
  std::string phone;  // the reporter's; empty = anonymous
};

// Whether the workflows in force offer a service code.
using ServiceLookup = std::function<bool(std::string_view code)>;

// Reads the report from a request's fields (form or JSON, as form.h names them). Errors have the
// code "bad_request" and a message for the client, checked in this order: service_code given and
// offered, lat and long, a location of some kind, the description's length, urgency, request
// type, datum, then
// the text fields' UTF-8.
Result<Open311Report> read_open311_report(const FormFields& fields, const ServiceLookup& offered);

// What the event says about itself besides the report.
struct ReportEnvelope {
  std::string_view case_id;  // the new case's id (subject; the event id is "<case_id>-reported")
  std::string_view source;   // CloudEvents source: non-empty UTF-8 (valid_event_source)
  Instant at;                // when the report was accepted
  // The reporter's phone sealed for this case (privacy::PhoneVault::seal); empty = no key, the
  // event carries the phone masked. The number itself never goes to Kafka.
  std::string_view sealed_phone;
};

// True when `source` can be a CloudEvents source the engine accepts.
bool valid_event_source(std::string_view source);

// Appends the caseflow.case.reported CloudEvent (JSON, structured mode) to `out`.
void write_reported_event(std::string& out, const Open311Report& report,
                          const ReportEnvelope& envelope);

}  // namespace caseflow::http
