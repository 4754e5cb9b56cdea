#include "connectors/http/errors.h"

#include "connectors/http/records.h"
#include "engine/events/json_writer.h"

namespace caseflow::http {

Response api_error(Status status, std::string_view code, std::string_view message) {
  std::string body;
  events::JsonWriter w(body);
  w.begin_object();
  w.key("error");
  w.begin_object();
  w.field("code", code);
  w.field("message", message);
  w.end_object();
  w.end_object();
  return make_response(status, kJson, std::move(body));
}

Response open311_error(Status status, std::string_view description, Format format) {
  const std::vector<FlatRecord> errors{
      {{"code", static_cast<int64_t>(status)}, {"description", std::string(description)}}};
  if (format == Format::xml) {
    return make_response(status, kXml, render_xml("errors", "error", errors));
  }
  return make_response(status, kJson, render_json(errors));
}

}  // namespace caseflow::http
