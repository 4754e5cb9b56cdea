// How the simulated units treat the cases the engine dispatches to them.
//
// The model (docs/simulate.md copies this block):
//  1. A case dispatched to unit U at level L (a report, an escalation, a return's new target, a
//     fallback, the dispatcher's assignment, a reopening) makes U draw, from the case's own random
//     stream, with L's behaviour in the load model:
//       - with p_ignore U never acts: the case waits until its clocks move it (escalation) or the
//         run ends;
//       - with p_return U returns it (退单) time_to_sign later; the workflow's return rules say
//         where it goes. A unit that may not return (a fallback owner, a reopened case) signs
//         instead;
//       - otherwise U signs time_to_sign later, records first contact time_to_contact after
//         that (when `contacts`), and then starts on it: the case joins U's work queue.
//  2. A case in the queue takes `handling` hours of working time (the load model's calendar)
//     from the moment it joined; U works on all of them side by side. U finishes cases in the
//     order they are done (earliest first; a long case never holds up a short one behind it);
//     with a capacity it finishes at most capacity_per_day of them on a working day (a fraction
//     carries to the next day U works; unused capacity is lost), each as soon as it is done, the
//     rest waiting for a day with capacity left. Without a capacity (0) every case is finished
//     when done.
//     Finishing sends `resolved` with U as the unit.
//  3. Whatever moves a case away from U (escalation, the dispatcher, a close) takes it out of
//     U's queue at once; U's actions planned for it are dropped.
// U's queue length ("signed but unfinished") counts the cases U signed and has not finished.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/definition/workflow.h"
#include "engine/simulate/agenda.h"
#include "engine/simulate/load_model.h"
#include "engine/simulate/random.h"
#include "engine/simulate/work_time.h"

namespace caseflow::simulate {

inline constexpr uint32_t kNoUnit = UINT32_MAX;

struct Unit {
  std::string id;
  definition::Level level = definition::Level::grid;  // where it was first met
  double capacity_per_day = 0;
  uint64_t signed_unfinished = 0;
  uint64_t at_week_start = 0;  // signed_unfinished at the start of the run's last 7 days

  struct Ticket {
    uint32_t case_index = 0;
    uint32_t generation = 0;
    Instant ready;
  };
  // Capacity-limited units only: a min-heap on (ready, case_index), so the case done first is
  // finished first (std::push_heap / pop_heap with Units' order).
  std::vector<Ticket> queue;
  uint32_t plan = 0;  // generation of the planned turn; a new plan drops the old one
  bool planned = false;
  int day = -1;  // the working day whose budget `left` is
  double carry = 0;
  int64_t left = 0;
};

class Units {
 public:
  Units(const LoadModel& model, const WorkTime& work, Agenda& agenda);

  void add_case() { cases_.push_back({}); }
  uint32_t unit_index(const std::string& id, definition::Level level);
  const std::vector<Unit>& all() const { return units_; }
  const Unit& unit(uint32_t index) const { return units_[index]; }

  // Is this the case's current generation (nothing moved it since the action was planned)?
  bool current(uint32_t c, uint32_t generation) const { return cases_[c].generation == generation; }
  uint32_t generation(uint32_t c) const { return cases_[c].generation; }
  uint32_t holder(uint32_t c) const { return cases_[c].unit; }
  definition::Level holder_level(uint32_t c) const { return cases_[c].level; }

  // The engine gave case `c` to unit `u` at `level`: U draws what it will do (model, step 1).
  void dispatched(uint32_t c, uint32_t u, definition::Level level, bool may_return, Instant now,
                  Random& random);
  // The case left its unit (moved, queued for the dispatcher, resolved or closed).
  void left(uint32_t c, Instant now);
  // The engine accepted U's signing / first contact.
  void signed_for(uint32_t c, Instant now, Random& random);
  void contacted(uint32_t c, Instant now, Random& random);
  // A capacity-limited unit's turn: the case it finishes now, or kNoCase (then it has planned
  // its next turn itself).
  static constexpr uint32_t kNoCase = UINT32_MAX;
  uint32_t turn(uint32_t u, uint32_t plan, Instant now);

  // Remembers every unit's queue length (for GrowingQueue).
  void mark_week_start();

 private:
  struct CaseAt {
    uint32_t generation = 0;
    uint32_t unit = kNoUnit;
    definition::Level level = definition::Level::grid;
    bool working = false;  // signed and not finished
  };
  void join(uint32_t c, Instant now, Random& random);
  void plan(uint32_t u, Instant now);
  // When U can next finish a case ready at `ready`, given its budget (not changed).
  Instant finish_time(const Unit& unit, Instant now, Instant ready) const;
  void use_budget(Unit& unit, int day) const;

  const LoadModel& model_;
  const WorkTime& work_;
  Agenda& agenda_;
  std::vector<CaseAt> cases_;
  std::vector<Unit> units_;
  std::unordered_map<std::string, uint32_t> by_id_;
};

}  // namespace caseflow::simulate
