#include "engine/simulate/units.h"

#include <algorithm>
#include <cmath>

namespace caseflow::simulate {
namespace {

Duration hours_to_duration(double hours) {
  return Duration::millis(static_cast<int64_t>(std::llround(std::max(hours, 0.0) * 3'600'000.0)));
}

// A unit with a capacity far below one case a day could look for a day with capacity for ever.
constexpr int kMaxDaysAhead = 3'660;

// The heap order of a unit's queue: true when `a` is done after `b` (ties by arrival order), so
// the front is the case done first.
bool later(const Unit::Ticket& a, const Unit::Ticket& b) {
  if (a.ready != b.ready) return a.ready > b.ready;
  return a.case_index > b.case_index;
}

void pop(Unit& unit) {
  std::pop_heap(unit.queue.begin(), unit.queue.end(), later);
  unit.queue.pop_back();
}

}  // namespace

Units::Units(const LoadModel& model, const WorkTime& work, Agenda& agenda)
    : model_(model), work_(work), agenda_(agenda) {}

uint32_t Units::unit_index(const std::string& id, definition::Level level) {
  if (auto it = by_id_.find(id); it != by_id_.end()) return it->second;
  const auto index = static_cast<uint32_t>(units_.size());
  by_id_.emplace(id, index);
  Unit& u = units_.emplace_back();
  u.id = id;
  u.level = level;
  u.capacity_per_day = std::max(0.0, model_.behaviour_of(level).capacity_per_day);
  return index;
}

void Units::dispatched(uint32_t c, uint32_t u, definition::Level level, bool may_return,
                       Instant now, Random& random) {
  left(c, now);
  CaseAt& at = cases_[c];
  at.unit = u;
  at.level = level;
  const UnitBehaviour& b = model_.behaviour_of(level);
  const double draw = random.uniform();
  const Duration to_sign = hours_to_duration(random.hours(b.time_to_sign));
  if (draw < b.p_ignore) return;
  const bool gives_back = draw < b.p_ignore + b.p_return && may_return;
  agenda_.push(now + to_sign, gives_back ? ActionKind::give_back : ActionKind::sign, c,
               at.generation);
}

void Units::left(uint32_t c, Instant now) {
  CaseAt& at = cases_[c];
  ++at.generation;
  if (at.unit == kNoUnit) return;
  Unit& unit = units_[at.unit];
  if (at.working && unit.signed_unfinished > 0) --unit.signed_unfinished;
  // The head of a capacity queue leaving lets the next case be finished sooner.
  if (!unit.queue.empty() && unit.queue.front().case_index == c) plan(at.unit, now);
  at.unit = kNoUnit;
  at.working = false;
}

void Units::signed_for(uint32_t c, Instant now, Random& random) {
  CaseAt& at = cases_[c];
  if (at.unit == kNoUnit) return;
  at.working = true;
  ++units_[at.unit].signed_unfinished;
  const UnitBehaviour& b = model_.behaviour_of(at.level);
  if (b.contacts) {
    agenda_.push(now + hours_to_duration(random.hours(b.time_to_contact)), ActionKind::contact, c,
                 at.generation);
  } else {
    join(c, now, random);
  }
}

void Units::contacted(uint32_t c, Instant now, Random& random) { join(c, now, random); }

void Units::join(uint32_t c, Instant now, Random& random) {
  CaseAt& at = cases_[c];
  if (at.unit == kNoUnit) return;
  const Instant ready =
      work_.add_working(now, random.hours(model_.behaviour_of(at.level).handling));
  Unit& unit = units_[at.unit];
  if (unit.capacity_per_day <= 0) {
    if (ready != Instant::max()) agenda_.push(ready, ActionKind::resolve, c, at.generation);
    return;
  }
  unit.queue.push_back({c, at.generation, ready});
  std::push_heap(unit.queue.begin(), unit.queue.end(), later);
  // A case done sooner than the planned head moves the plan forward.
  if (!unit.planned || unit.queue.front().case_index == c) plan(at.unit, now);
}

void Units::use_budget(Unit& unit, int day) const {
  if (day == unit.day) return;
  unit.day = day;
  const double credit = unit.carry + unit.capacity_per_day;
  unit.left = static_cast<int64_t>(std::floor(credit + 1e-9));
  unit.carry = std::max(0.0, credit - static_cast<double>(unit.left));
}

Instant Units::finish_time(const Unit& unit, Instant now, Instant ready) const {
  Unit probe;  // a copy of the budget only
  probe.day = unit.day;
  probe.carry = unit.carry;
  probe.left = unit.left;
  probe.capacity_per_day = unit.capacity_per_day;
  Instant t = work_.working_at_or_after(std::max(now, ready));
  for (int i = 0; i < kMaxDaysAhead && t != Instant::max(); ++i) {
    use_budget(probe, work_.day_of(t));
    if (probe.left > 0) return t;
    t = work_.next_working_day_start(t);
  }
  return Instant::max();
}

void Units::plan(uint32_t u, Instant now) {
  Unit& unit = units_[u];
  ++unit.plan;
  unit.planned = false;
  while (!unit.queue.empty() &&
         !current(unit.queue.front().case_index, unit.queue.front().generation))
    pop(unit);
  if (unit.queue.empty()) return;
  const Instant t = finish_time(unit, now, unit.queue.front().ready);
  if (t == Instant::max()) return;
  unit.planned = true;
  agenda_.push(t, ActionKind::turn, u, unit.plan);
}

uint32_t Units::turn(uint32_t u, uint32_t plan_generation, Instant now) {
  Unit& unit = units_[u];
  if (!unit.planned || plan_generation != unit.plan) return kNoCase;
  unit.planned = false;
  while (!unit.queue.empty() &&
         !current(unit.queue.front().case_index, unit.queue.front().generation))
    pop(unit);
  if (unit.queue.empty()) return kNoCase;
  const Instant t = finish_time(unit, now, unit.queue.front().ready);
  if (t > now) {
    plan(u, now);
    return kNoCase;
  }
  use_budget(unit, work_.day_of(now));
  --unit.left;
  const uint32_t c = unit.queue.front().case_index;
  pop(unit);
  plan(u, now);
  return c;
}

void Units::mark_week_start() {
  for (Unit& u : units_) u.at_week_start = u.signed_unfinished;
}

}  // namespace caseflow::simulate
