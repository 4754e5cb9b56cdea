#include "connectors/runtime/input_decoding.h"

#include "connectors/kafka/murmur2.h"
#include "connectors/runtime/phone_sealing.h"
#include "engine/events/case_event_decoder.h"

namespace caseflow::runtime {

InputVerdict decode_input(std::string_view key, std::string_view bytes, int32_t partition,
                          const InputRules& rules, events::CaseEvent& event) {
  InputVerdict verdict;
  auto dead = [&](std::string reason, std::string message) {
    verdict.kind = InputVerdict::Kind::dead_letter;
    verdict.reason = std::move(reason);
    verdict.message = std::move(message);
    return verdict;
  };
  if (bytes.size() > rules.max_record_bytes) {
    return dead("oversized", "record of " + std::to_string(bytes.size()) + " bytes; the limit is " +
                                 std::to_string(rules.max_record_bytes));
  }
  if (auto decoded = events::decode_case_event(bytes, event); !decoded) {
    return dead(decoded.error().code, decoded.error().message);
  }
  if (key != event.case_id) {
    return dead("key_mismatch",
                "records must be keyed by their case id (the CloudEvents subject '" +
                    event.case_id + "'), so that every event of a case reaches its owner");
  }
  if (const int32_t owner = kafka::java_partition(event.case_id, rules.input_partitions);
      owner != partition) {
    verdict.kind = InputVerdict::Kind::move_to_owner;
    verdict.owner = owner;
    return verdict;  // the owner seals it
  }
  if (Status sealed = seal_resident_phone(event, rules.phone_vault); !sealed)
    return dead(sealed.error().code, sealed.error().message);
  return verdict;
}

}  // namespace caseflow::runtime
