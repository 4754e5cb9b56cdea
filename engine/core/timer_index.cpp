#include "engine/core/timer_index.h"

namespace caseflow::core {
namespace {
// The heap order: earlier first, then by case slot, serial and kind.
bool before(const TimerEntry& a, const TimerEntry& b) {
  if (a.at_ms != b.at_ms) return a.at_ms < b.at_ms;
  if (a.slot != b.slot) return a.slot < b.slot;
  return a.serial_and_kind < b.serial_and_kind;
}
}  // namespace

void TimerIndex::add(Instant at_time, CaseSlot slot, ClockSerial serial, TimerKind kind) {
  if (size_ == chunks_.size() * kChunk) chunks_.push_back(std::make_unique<TimerEntry[]>(kChunk));
  const TimerEntry e{at_time.unix_millis(), slot.index,
                     serial.value << 1 | static_cast<uint32_t>(kind)};
  // Sift up from the new last place.
  size_t i = size_++;
  while (i > 0) {
    const size_t parent = (i - 1) / 2;
    if (!before(e, at(parent))) break;
    at(i) = at(parent);
    i = parent;
  }
  at(i) = e;
}

std::optional<TimerEntry> TimerIndex::pop_due(Instant now) {
  if (size_ == 0 || at(0).at_ms > now.unix_millis()) return std::nullopt;
  const TimerEntry top = at(0);
  const TimerEntry last = at(--size_);
  // Sift the last entry down from the root.
  size_t i = 0;
  for (;;) {
    size_t child = 2 * i + 1;
    if (child >= size_) break;
    if (child + 1 < size_ && before(at(child + 1), at(child))) ++child;
    if (!before(at(child), last)) break;
    at(i) = at(child);
    i = child;
  }
  if (size_ > 0) at(i) = last;
  return top;
}

std::optional<Instant> TimerIndex::next() const {
  if (size_ == 0) return std::nullopt;
  return at(0).at();
}

void TimerIndex::clear() { size_ = 0; }

void TimerIndex::shrink_to_fit() {
  const size_t used = (size_ + kChunk - 1) / kChunk;
  chunks_.resize(used);
  chunks_.shrink_to_fit();
}

}  // namespace caseflow::core
