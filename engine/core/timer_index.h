// The index of all armed deadlines of all cases: answers "what is due by T" in O(log n) per
// entry. Three sorts of entries: a clock's warning or deadline, the instant a terminal case is
// retired from memory (retention), and the date a staged case's plan runs to. Entries are never
// removed early: a clock that is met, moved or paused simply gets a new ClockSerial (or
// disappears), a retired slot gets a new generation, and the Engine drops the stale entry when it
// comes due (lazy deletion). Entries due at the same instant come out in (case slot, serial, kind)
// order, so firing is deterministic (entries are unique, so the order is total whatever the heap's
// layout). Not thread-safe (one Engine, one thread).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "engine/core/ids.h"
#include "engine/time/instant.h"

namespace caseflow::core {

// `retire`: the terminal case in the slot leaves memory; its entry's serial is the slot's
// generation (the slot may have been freed and reused since). `plan`: a staged case's plan
// reaches its date; its serial is the plan's (StagedPlan::serial). Four kinds fill the two bits.
enum class TimerKind : uint8_t { warn = 0, due = 1, retire = 2, plan = 3 };

struct TimerEntry {  // 16 bytes
  static constexpr uint32_t kKindBits = 2;
  static constexpr uint32_t kSerialMask = (uint32_t{1} << (32 - kKindBits)) - 1;

  int64_t at_ms = 0;
  uint32_t slot = 0;
  uint32_t serial_and_kind = 0;  // (serial & kSerialMask) << 2 | kind

  Instant at() const { return Instant::from_unix_millis(at_ms); }
  CaseSlot case_slot() const { return CaseSlot{slot}; }
  ClockSerial serial() const { return ClockSerial{serial_and_kind >> kKindBits}; }
  TimerKind kind() const { return static_cast<TimerKind>(serial_and_kind & 3u); }
};

class TimerIndex {
 public:
  // Adds a deadline. O(log n). Only the low 30 bits of `serial` are kept.
  void add(Instant at, CaseSlot slot, ClockSerial serial, TimerKind kind);
  // The earliest entry if it is due at or before `now` (removing it); nullopt otherwise.
  std::optional<TimerEntry> pop_due(Instant now);
  // The earliest deadline held (possibly stale); nullopt when empty.
  std::optional<Instant> next() const;
  size_t size() const { return size_; }
  // Drops every entry (used before a full rebuild).
  void clear();
  // Releases the chunks no entry uses.
  void shrink_to_fit();

 private:
  // A 4-ary min-heap on (at, slot, serial, kind): half the depth of a binary heap, and the four
  // children of a node share one 64-byte cache line (node n is stored at n + 3, so its children
  // 4n+1..4n+4 sit at 4(n+1)..4(n+1)+3). With millions of entries, most of them stale, a pop
  // costs a few cache lines instead of twenty.
  //
  // The heap lives in fixed chunks of 64 Ki entries (1 MiB), not one vector: growing never
  // copies the whole index (at millions of clocks a vector's doubling copied tens of MB and
  // faulted in as many new pages inside one timer batch: a 40 ms stall).
  static constexpr size_t kChunkBits = 16;
  static constexpr size_t kChunk = size_t{1} << kChunkBits;
  static constexpr size_t kOffset = 3;
  TimerEntry& at(size_t n) {
    const size_t i = n + kOffset;
    return chunks_[i >> kChunkBits][i & (kChunk - 1)];
  }
  const TimerEntry& at(size_t n) const {
    const size_t i = n + kOffset;
    return chunks_[i >> kChunkBits][i & (kChunk - 1)];
  }
  struct ChunkDeleter {
    void operator()(TimerEntry* p) const;
  };

  std::vector<std::unique_ptr<TimerEntry[], ChunkDeleter>> chunks_;  // 64-byte aligned
  size_t size_ = 0;
};

}  // namespace caseflow::core
