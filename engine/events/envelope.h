// Writing outbound CloudEvents 1.0 structured-mode envelopes. The caller writes `data` between
// begin_envelope and end_envelope with the same JsonWriter. Not thread-safe per writer.
#pragma once

#include <string_view>

#include "engine/events/json_writer.h"
#include "engine/time/instant.h"

namespace caseflow::events {

struct EnvelopeAttributes {
  std::string_view id;       // deterministic: "<case id>-<case sequence>"
  std::string_view source;   // "/caseflow/engine"
  std::string_view type;     // "caseflow.case.dispatched"
  std::string_view subject;  // the case id
  Instant time;              // written as RFC 3339 in `utc_offset`
  Duration utc_offset;
};

// Writes `{"specversion":"1.0",...,"datacontenttype":"application/json","data":` and leaves
// the writer ready for the data value.
void begin_envelope(JsonWriter& w, const EnvelopeAttributes& a);
// Closes the envelope object.
void end_envelope(JsonWriter& w);

}  // namespace caseflow::events
