// Retention: a terminal case leaves the engine's memory after EngineOptions::retain_closed_for
// (docs/engine.md "Retention"). Its retirement is one entry in the timer index, so it happens at
// a deterministic instant, in the same order as clocks, in the same bounded batches.
#include <memory>

#include "engine/core/engine.h"
#include "engine/core/engine_step.h"

namespace caseflow::core {
namespace {

// The history entry that made the case terminal (closed, withdrawn or merged), if any.
const HistoryEntry* terminal_entry(const CaseState& c) {
  for (auto h = c.history.rbegin(); h != c.history.rend(); ++h)
    if (h->what == Happening::closed || h->what == Happening::withdrawn ||
        h->what == Happening::merged)
      return &*h;
  return nullptr;
}

constexpr Span kOneDay{Span::Unit::days, 1};

}  // namespace

std::optional<Instant> Engine::retire_at(const CaseState& c) const {
  if (!is_terminal(c.status)) return std::nullopt;
  const HistoryEntry* ended = terminal_entry(c);
  if (!ended) return std::nullopt;
  const Pinned* p = pinned(c);
  const WorkingCalendar& cal = p ? *p->calendar : *round_the_clock_calendar();
  if (options_.retain_closed_for) return cal.deadline(ended->at, *options_.retain_closed_for);
  // Long enough for the revisit window to have passed, and a day more for late readers.
  const Instant after_revisit = p && p->workflow->revisit.within.is_valid()
                                    ? cal.deadline(ended->at, p->workflow->revisit.within)
                                    : ended->at;
  return cal.deadline(after_revisit, kOneDay);
}

void Engine::schedule_retirement(CaseSlot slot, const CaseState& c) {
  if (const std::optional<Instant> at = retire_at(c))
    timers_.add(*at, slot, ClockSerial{generations_[slot.index]}, TimerKind::retire);
}

bool Engine::retire(const TimerEvent& t, Instant now, Effects& out) {
  if ((generations_[t.slot.index] & TimerEntry::kSerialMask) != t.serial.value) return false;
  CaseState& c = cases_[t.slot.index];
  if (c.id.empty()) return false;  // a free slot
  const std::optional<Instant> due = retire_at(c);
  if (!due || *due != t.at) return false;  // replaced by a restore since, or not terminal
  {
    Step s(*this, c, t.slot, t.at, out);
    s.metric(metric::kTimerLateness, MetricKind::histogram,
             static_cast<double>((now - t.at).millis()) / 1000.0, {});
    const bool phone_erased = s.erase_phone();  // a merged case's, kept until now
    const HistoryEntry* ended = terminal_entry(c);
    const Outcome how = outcome_of(ended->detail);
    s.record(OutType::archived, options_.topics.updates, c.id, [&](events::JsonWriter& w) {
      w.begin_object();
      s.write_case(w);
      s.write_time(w, "reported_at", c.reported_at);
      s.write_place(w, true);
      s.write_time(w, "closed_at", ended->at);
      if (how != Outcome::unknown) s.word(w, "outcome", to_string(how));
      if (c.extras && !c.extras->merged_into.empty()) w.field("merged_into", c.extras->merged_into);
      s.write_report(w);
      s.write_by(w);
      if (phone_erased) w.field("phone_erased", true);
      w.end_object();
    });
    s.count(metric::kCasesArchived, {{"workflow", s.workflow_label()}});
  }
  ChangelogEntry& entry = out.add_changelog();
  entry.case_id.assign(c.id);
  entry.tombstone = true;
  drop_case(t.slot);
  return true;
}

void Engine::drop_case(CaseSlot slot) {
  CaseState& c = cases_[slot.index];
  by_id_.erase(c.id, slot);
  unindex_for_duplicates(c);  // a forgotten case may still be open
  if (!is_terminal(c.status) && open_cases_ > 0) --open_cases_;
  // Destroyed and built anew, not assigned: assigning an empty string keeps the old buffer.
  std::destroy_at(&c);
  std::construct_at(&c);
  ++generations_[slot.index];
  free_slots_.push_back(slot.index);
}

bool Engine::forget_case(std::string_view case_id) {
  const std::optional<CaseSlot> slot = by_id_.find(case_id);
  if (!slot) return false;
  drop_case(*slot);
  return true;
}

}  // namespace caseflow::core
