// The simulator's future: actions of units, residents and the dispatcher, ordered by time and,
// at the same instant, by the order they were planned (so runs are deterministic).
#pragma once

#include <cstdint>
#include <queue>
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
  void push(Instant at, ActionKind kind, uint32_t index, uint32_t generation) {
    heap_.push(Action{at, next_order_++, kind, index, generation});
  }
  bool empty() const { return heap_.empty(); }
  Instant next_at() const { return heap_.empty() ? Instant::max() : heap_.top().at; }
  Action pop() {
    Action a = heap_.top();
    heap_.pop();
    return a;
  }

 private:
  struct Later {
    bool operator()(const Action& a, const Action& b) const {
      return a.at != b.at ? a.at > b.at : a.order > b.order;
    }
  };
  std::priority_queue<Action, std::vector<Action>, Later> heap_;
  uint64_t next_order_ = 0;
};

}  // namespace caseflow::simulate
