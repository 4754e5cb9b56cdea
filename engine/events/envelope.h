// Writing outbound CloudEvents 1.0 structured-mode envelopes. The caller writes `data` between
// begin_envelope and end_envelope with the same JsonWriter. Not thread-safe per writer.
#pragma once

#include <string>
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

// begin_envelope for one `source`, with the envelope's constant text rendered once: the same
// bytes, with one append per envelope when the id and subject need no escaping (the engine
// writes an envelope for every outbound record). Immutable after construction; thread-safe.
class EnvelopeWriter {
 public:
  explicit EnvelopeWriter(std::string_view source);
  // `type` is one of caseflow's type names (never escaped). `plain`: the caller knows `id` and
  // `subject` need no escaping either.
  void begin(JsonWriter& w, std::string_view id, std::string_view type, std::string_view subject,
             Instant time, Duration utc_offset, bool plain = false) const;

 private:
  std::string source_;
  std::string after_id_;  // ","source":"<source, escaped>","type":"
};

}  // namespace caseflow::events
