// Decoding of inbound records: CloudEvents 1.0 structured-mode JSON -> CaseEvent.
// Pure; thread-safe (no shared state).
#pragma once

#include <string_view>

#include "engine/common/result.h"
#include "engine/events/case_event.h"

namespace caseflow::events {

// Error codes of decode_case_event (Error::code), stable for DLQ headers and metrics:
//   not_json          the bytes are not JSON
//   not_object        the JSON is not an object
//   missing_attribute a required CloudEvents attribute (specversion, id, source, type) is absent
//   bad_specversion   specversion is not "1.0"
//   bad_content_type  datacontenttype is present and not JSON
//   unknown_type      `type` is not an inbound case event type
//   missing_subject   `subject` (the case id) is absent or empty
//   bad_data          `data` is missing a required field or a field has the wrong type or value
//
// On success the result owns all its strings. Phone numbers are masked before they reach the
// result (reporter and 11-digit mobile numbers inside the description).
Result<CaseEvent> decode_case_event(std::string_view bytes);

// The same decoding into `out`, which is reset first and reuses its strings' buffers: the form
// for a hot loop that keeps one CaseEvent (a decoded event allocates nothing once the buffers
// have grown). On error `out` holds whatever was read before the error: do not apply it.
Status decode_case_event(std::string_view bytes, CaseEvent& out);

}  // namespace caseflow::events
