// What an Open311 client sends: a form body (application/x-www-form-urlencoded), a request target
// with its query, or a JSON body. The same bytes are read as each of them.
//
// A report read_open311_report accepts is encoded once as the caseflow.case.reported event and
// never decoded on the HTTP side (open311_report.h promises the engine's decoder takes it), so
// here the event is decoded and must be accepted.
#include "connectors/http/open311_report.h"
#include "engine/events/case_event_decoder.h"
#include "tests/fuzz/api_harness.h"

namespace {

using namespace caseflow;

void read_as_form(std::string_view bytes) {
  const std::optional<http::FormFields> fields = http::parse_form(bytes);
  if (!fields) return;
  (void)http::all_split(*fields, "service_request_id");
  const Result<http::Open311Report> report =
      http::read_open311_report(*fields, [](std::string_view) { return true; });
  if (!report) return;
  std::string event;
  http::write_reported_event(event, *report,
                             {"1-20260302-000001", "/open311", Instant::from_unix_seconds(0)});
  const Result<events::CaseEvent> decoded = events::decode_case_event(event);
  fuzz::require(decoded.ok(), decoded.ok() ? "" : decoded.error().message);
}

void read_as_target(std::string_view bytes) {
  if (const std::optional<http::Target> target = http::parse_target(bytes)) {
    std::string encoded;
    http::append_percent_encoded(encoded, target->path);
    const std::optional<std::string> decoded = http::percent_decode(encoded, false);
    fuzz::require(decoded == target->path, "percent encoding does not round-trip");
  }
}

void post_as_json(std::string_view bytes) {
  http::Request request{http::beast_http::verb::post, "/open311/v2/requests.json", 11};
  request.set(http::beast_http::field::content_type, "application/json");
  request.body() = std::string(bytes);
  request.prepare_payload();
  fuzz::ApiHarness api;
  (void)api.answer(std::move(request));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = fuzz::as_text(data, size);
  read_as_form(bytes);
  read_as_target(bytes);
  post_as_json(bytes);
  return 0;
}
