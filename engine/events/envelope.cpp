#include "engine/events/envelope.h"

namespace caseflow::events {

void begin_envelope(JsonWriter& w, const EnvelopeAttributes& a) {
  w.begin_object();
  w.field("specversion", "1.0");
  w.field("id", a.id);
  w.field("source", a.source);
  w.field("type", a.type);
  w.field("subject", a.subject);
  w.key("time");
  w.time(a.time, a.utc_offset);
  w.field("datacontenttype", "application/json");
  w.key("data");
}

void end_envelope(JsonWriter& w) { w.end_object(); }

}  // namespace caseflow::events
