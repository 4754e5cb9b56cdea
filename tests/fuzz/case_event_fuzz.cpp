// The inbound record decoder: bytes a producer wrote to caseflow.events, CloudEvents JSON or not.
// Both forms of the decoder must agree, since the runtime uses the buffer-reusing one and the
// tools the other.
#include "engine/events/case_event_decoder.h"
#include "tests/fuzz/fuzz_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace caseflow;
  const std::string_view bytes = fuzz::as_text(data, size);
  const Result<events::CaseEvent> decoded = events::decode_case_event(bytes);
  events::CaseEvent reused;
  reused.case_id = "left over from the previous record";
  const Status status = events::decode_case_event(bytes, reused);
  fuzz::require(decoded.ok() == status.ok(), "the two forms of decode_case_event disagree");
  if (decoded.ok()) {
    fuzz::require(!decoded->case_id.empty(), "a decoded event without a case id");
    fuzz::require(decoded->case_id == reused.case_id, "the two forms read different case ids");
  }
  return 0;
}
