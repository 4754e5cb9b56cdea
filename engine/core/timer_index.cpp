#include "engine/core/timer_index.h"

#include <new>

namespace caseflow::core {
namespace {
// The heap order: earlier first, then by case slot, serial and kind.
bool before(const TimerEntry& a, const TimerEntry& b) {
  if (a.at_ms != b.at_ms) return a.at_ms < b.at_ms;
  if (a.slot != b.slot) return a.slot < b.slot;
  return a.serial_and_kind < b.serial_and_kind;
}
constexpr std::align_val_t kLine{64};
}  // namespace

void TimerIndex::ChunkDeleter::operator()(TimerEntry* p) const { ::operator delete[](p, kLine); }

void TimerIndex::add(Instant at_time, CaseSlot slot, ClockSerial serial, TimerKind kind) {
  if (size_ + kOffset >= chunks_.size() * kChunk)
    chunks_.emplace_back(
        static_cast<TimerEntry*>(::operator new[](kChunk * sizeof(TimerEntry), kLine)));
  const TimerEntry e{at_time.unix_millis(), slot.index,
                     (serial.value & TimerEntry::kSerialMask) << TimerEntry::kKindBits |
                         static_cast<uint32_t>(kind)};
  // Sift up from the new last place.
  size_t n = size_++;
  while (n > 0) {
    const size_t parent = (n - 1) / 4;
    if (!before(e, at(parent))) break;
    at(n) = at(parent);
    n = parent;
  }
  at(n) = e;
}

std::optional<TimerEntry> TimerIndex::pop_due(Instant now) {
  if (size_ == 0 || at(0).at_ms > now.unix_millis()) return std::nullopt;
  const TimerEntry top = at(0);
  const TimerEntry last = at(--size_);
  // Sift the last entry down from the root, to the smallest of up to four children each level.
  size_t n = 0;
  for (;;) {
    const size_t first = 4 * n + 1;
    if (first >= size_) break;
    const size_t end = first + 4 < size_ ? first + 4 : size_;
    // The next level is a cache miss at millions of entries: ask for the four grandchildren
    // lines now, while this level is compared.
    const size_t grand = 4 * first + 1;
    for (size_t g = grand; g < grand + 16 && g < size_; g += 4) __builtin_prefetch(&at(g));
    size_t least = first;
    for (size_t child = first + 1; child < end; ++child)
      if (before(at(child), at(least))) least = child;
    if (!before(at(least), last)) break;
    at(n) = at(least);
    n = least;
  }
  if (size_ > 0) at(n) = last;
  return top;
}

std::optional<Instant> TimerIndex::next() const {
  if (size_ == 0) return std::nullopt;
  return at(0).at();
}

void TimerIndex::clear() { size_ = 0; }

void TimerIndex::shrink_to_fit() {
  const size_t used = (size_ + kOffset + kChunk - 1) / kChunk;
  chunks_.resize(used);
  chunks_.shrink_to_fit();
}

}  // namespace caseflow::core
