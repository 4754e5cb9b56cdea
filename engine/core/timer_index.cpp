#include "engine/core/timer_index.h"

#include <algorithm>

namespace caseflow::core {
namespace {
// std heap functions build a max-heap on `less`; "later" as less gives a min-heap.
struct Later {
  bool operator()(const TimerEntry& a, const TimerEntry& b) const {
    if (a.at_ms != b.at_ms) return a.at_ms > b.at_ms;
    if (a.slot != b.slot) return a.slot > b.slot;
    return a.serial_and_kind > b.serial_and_kind;
  }
};
}  // namespace

void TimerIndex::add(Instant at, CaseSlot slot, ClockSerial serial, TimerKind kind) {
  heap_.push_back(
      TimerEntry{at.unix_millis(), slot.index, serial.value << 1 | static_cast<uint32_t>(kind)});
  std::push_heap(heap_.begin(), heap_.end(), Later{});
}

std::optional<TimerEntry> TimerIndex::pop_due(Instant now) {
  if (heap_.empty() || heap_.front().at_ms > now.unix_millis()) return std::nullopt;
  std::pop_heap(heap_.begin(), heap_.end(), Later{});
  TimerEntry e = heap_.back();
  heap_.pop_back();
  return e;
}

std::optional<Instant> TimerIndex::next() const {
  if (heap_.empty()) return std::nullopt;
  return heap_.front().at();
}

}  // namespace caseflow::core
