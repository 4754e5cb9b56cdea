// The simulator's future: actions of units, residents and the dispatcher, ordered by time and,
// at the same instant, by the order they were planned (so runs are deterministic).
//
// A bucket queue rather than a binary heap: a month at full load keeps about a million actions
// pending, and a heap's sift-down walked cold memory on every pop (the largest single cost of
// the simulator's own code). Actions go into one bucket per minute of the run; a bucket is sorted
// when the queue reaches it and drained from its end. Actions at or after the end of the run are
// never taken, so they are not kept.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/time/instant.h"

namespace caseflow::simulate {

enum class ActionKind : uint8_t {
  sign,       // the unit signs for the case
  give_back,  // the unit returns the case (退单)
  contact,    // the unit records first contact
  resolve,    // a unit without a capacity limit finishes the case
  turn,       // a unit with a capacity limit finishes the head of its queue
  rate,       // the resident answers the revisit
  assign,     // the dispatcher assigns a case waiting in its queue
};

struct Action {
  Instant at;
  uint64_t order = 0;
  ActionKind kind = ActionKind::sign;
  uint32_t case_index = 0;  // for turn: the unit index
  uint32_t generation = 0;  // the case's (or, for turn, the unit's plan) generation when planned
};

class Agenda {
 public:
  Agenda(Instant start, Instant end);

  void push(Instant at, ActionKind kind, uint32_t index, uint32_t generation);
  // The earliest pending action's time; Instant::max() when none is left.
  Instant next_at();
  // The earliest pending action (call only when next_at() is not max()).
  Action pop();

 private:
  // Later-first order: a sorted bucket's earliest action is at its back.
  static bool later(const Action& a, const Action& b) {
    return a.at != b.at ? a.at > b.at : a.order > b.order;
  }
  size_t bucket_of(Instant at) const;
  void settle();

  Instant start_, end_;
  std::vector<std::vector<Action>> buckets_;
  std::vector<bool> sorted_;
  size_t cursor_ = 0;  // no action is pending in a bucket before it
  uint64_t next_order_ = 0;
};

}  // namespace caseflow::simulate
