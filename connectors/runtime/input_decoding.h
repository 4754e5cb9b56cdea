// What becomes of one record read from the input: applied by the engine of the partition it was
// read from, moved to the partition that owns its case (moved_input.h), or sent to the DLQ with
// a reason (dead_letter.h). No Kafka, no clock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/events/case_event.h"

namespace caseflow::privacy {
class PhoneVault;
}

namespace caseflow::runtime {

struct InputRules {
  size_t max_record_bytes = 1 << 20;  // larger inputs go to the DLQ as "oversized"
  int32_t input_partitions = 1;       // of the input topic, to find the owner of a case
  // Seals residents' phones of the inputs applied here (phone_sealing.h); null: no key, a phone
  // given in plain text is kept masked only.
  const privacy::PhoneVault* phone_vault = nullptr;
};

struct InputVerdict {
  enum class Kind { apply, move_to_owner, dead_letter };
  Kind kind = Kind::apply;
  int32_t owner = -1;   // move_to_owner: the input partition that owns the case
  std::string reason;   // dead_letter: a stable code (the DLQ header, the metric's label)
  std::string message;  // dead_letter: what was wrong, for people
};

// Decodes the record (`key`, `bytes`) read from input partition `partition` into `event` and
// says what to do with it. `event` is reused (its buffers kept, so a steady stream of inputs
// decodes without allocating) and usable only when the verdict is apply or move_to_owner.
// Checked in this order: size, decoding (the decoder's error codes), key = case id, owner, and
// for an input applied here the resident's phone (sealed_phone).
InputVerdict decode_input(std::string_view key, std::string_view bytes, int32_t partition,
                          const InputRules& rules, events::CaseEvent& event);

}  // namespace caseflow::runtime
