// Strong types for the engine's identities, so a unit id is never passed where a case id goes.
// Plain values; thread rules of the values they wrap.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace caseflow::core {

// An interned string (unit ids, categories, grid ids...): an index into the engine's Interner.
// Symbols are local to one Engine and never leave it; outputs and the changelog carry the text.
struct Symbol {
  uint32_t index = 0;  // 0 is the empty string
  bool empty() const { return index == 0; }
  friend auto operator<=>(const Symbol&, const Symbol&) = default;
};

// Where a case lives inside one Engine (its slot). Stable for the Engine's lifetime.
struct CaseSlot {
  uint32_t index = 0;
  friend auto operator<=>(const CaseSlot&, const CaseSlot&) = default;
};

// The number of a case's output record: ids of outbound events are "<case id>-<sequence>".
struct CaseSeq {
  uint32_t value = 0;
  friend auto operator<=>(const CaseSeq&, const CaseSeq&) = default;
};

// Identifies one arming of one clock of one case. A clock gets a new serial whenever its
// deadlines change (start, extension, resume), so timer entries of an older arming are ignored.
struct ClockSerial {
  uint32_t value = 0;
  friend auto operator<=>(const ClockSerial&, const ClockSerial&) = default;
};

// The engine's index of a pinned workflow version (see Engine); kNone for an unrouted case.
struct WorkflowRef {
  static constexpr uint32_t kNone = UINT32_MAX;
  uint32_t index = kNone;
  bool none() const { return index == kNone; }
  friend auto operator<=>(const WorkflowRef&, const WorkflowRef&) = default;
};

}  // namespace caseflow::core
