// SLA clocks: arming, pausing, the timer index, and what a warning or a breach does
// (docs/engine.md "Clocks").
#include <algorithm>

#include "engine/core/engine.h"
#include "engine/core/engine_step.h"
#include "engine/definition/workflow_loader.h"

namespace caseflow::core {

void Engine::schedule(CaseSlot slot, const Clock& k) {
  if (k.paused() || k.breached()) return;
  if (!k.warned() && k.warn_at != Instant::max() && k.warn_at < k.due) {
    timers_.add(k.warn_at, slot, k.serial, TimerKind::warn);
  } else {
    timers_.add(k.due, slot, k.serial, TimerKind::due);
  }
}

void Engine::arm(Step& s, ClockKind kind, uint8_t stage, uint8_t def, uint8_t owner,
                 const Span& span, int warn_percent, const WorkingCalendar* calendar) {
  const WorkingCalendar& cal = calendar ? *calendar : s.calendar();
  Clock k;
  k.started_at = s.now;
  k.due = cal.deadline(s.now, span, 1000);
  k.warn_at = warn_percent > 0 && warn_percent < 100 ? cal.deadline(s.now, span, warn_percent * 10)
                                                     : Instant::max();
  k.original_due = k.due;
  k.serial = ClockSerial{s.c.next_clock_serial.value++};
  k.kind = kind;
  k.stage = stage;
  k.def = def;
  k.owner = owner;
  s.c.clocks.push_back(k);
  schedule(s.slot, k);
  s.changed = true;
}

void Engine::arm_stage_clocks(Step& s, definition::ClockStart at) {
  const definition::StageDef* stage = s.stage_def();
  if (!stage) return;
  const size_t n = std::min<size_t>(stage->clocks.size(), 255);
  for (size_t i = 0; i < n; ++i) {
    const definition::ClockDef& def = stage->clocks[i];
    if (def.starts_at != at) continue;
    arm(s, ClockKind::stage, s.c.stage, static_cast<uint8_t>(i), Clock::kLead,
        def.limit_for(s.c.urgency, s.c.request_type), def.warn_at_percent);
  }
}

void Engine::arm_queue_clock(Step& s) {
  if (!options_.dispatcher_queue) return;
  arm(s, ClockKind::dispatcher_queue, s.c.stage, 0, Clock::kLead, options_.dispatcher_queue->limit,
      options_.dispatcher_queue->warn_at_percent, round_the_clock_calendar().get());
}

void Engine::drop_queue_clock(CaseState& c) {
  std::erase_if(c.clocks, [](const Clock& k) { return k.kind == ClockKind::dispatcher_queue; });
}

void Engine::drop_clocks(CaseState& c, bool lead_stage_clocks_only) {
  if (!lead_stage_clocks_only) {
    c.clocks.clear();
    return;
  }
  std::erase_if(c.clocks, [](const Clock& k) {
    return k.kind == ClockKind::stage && k.owner == Clock::kLead;
  });
}

void Engine::pause_lead_clocks(Step& s) {
  for (Clock& k : s.c.clocks) {
    if (k.kind != ClockKind::stage || k.owner != Clock::kLead || k.paused()) continue;
    k.flags |= Clock::kPaused;
    k.paused_at = s.now;
  }
  s.changed = true;
}

namespace {
// The limit a clock was armed with (what arm() was given), or nullptr if its definition is gone.
const Span* clock_limit(const definition::Workflow* wf, const CaseState& c, const Clock& k) {
  if (!wf || k.stage >= wf->stages.size()) return nullptr;
  const definition::StageDef& stage = wf->stages[k.stage];
  switch (k.kind) {
    case ClockKind::stage:
      return k.def < stage.clocks.size() ? &stage.clocks[k.def].limit_for(c.urgency, c.request_type)
                                         : nullptr;
    case ClockKind::revisit:
      return &wf->revisit.within;
    case ClockKind::assist_report:
      return &stage.assists.report_within;
    case ClockKind::assist_resolve:
      return stage.assists.resolve_within ? &*stage.assists.resolve_within : nullptr;
    case ClockKind::dispatcher_queue:
      return nullptr;  // never paused
  }
  return nullptr;
}

// `t` moved by an elapsed time; "never" stays never.
Instant after_elapsed(Instant t, Duration d) { return t == Instant::max() ? t : t + d; }
}  // namespace

void Engine::resume_lead_clocks(Step& s) {
  const WorkingCalendar& cal = s.calendar();
  const definition::Workflow* wf = workflow_of(s.c);
  for (Clock& k : s.c.clocks) {
    if (!k.paused()) continue;
    // Paused time does not count. A limit in working time ("5 workdays") keeps the working time
    // it had left: its deadlines move by the working time that passed during the pause (none
    // from Friday evening to Monday morning). An elapsed limit ("24h") moves by the whole pause.
    const Span* limit = clock_limit(wf, s.c, k);
    if (limit && limit->is_working_time()) {
      const Duration worked = cal.working_time_between(k.paused_at, s.now);
      k.due = cal.add_working_time(k.due, worked);
      k.original_due = cal.add_working_time(k.original_due, worked);
      k.warn_at = cal.add_working_time(k.warn_at, worked);
    } else {
      const Duration pause = s.now - k.paused_at;
      k.due = after_elapsed(k.due, pause);
      k.original_due = after_elapsed(k.original_due, pause);
      k.warn_at = after_elapsed(k.warn_at, pause);
    }
    k.flags = static_cast<uint8_t>(k.flags & ~Clock::kPaused);
    k.paused_at = Instant{};
    k.serial = ClockSerial{s.c.next_clock_serial.value++};
    schedule(s.slot, k);
  }
  s.changed = true;
}

const definition::ClockDef* Engine::clock_def(const CaseState& c, const Clock& k) const {
  if (k.kind != ClockKind::stage) return nullptr;
  const definition::Workflow* wf = workflow_of(c);
  if (!wf || k.stage >= wf->stages.size() || k.def >= wf->stages[k.stage].clocks.size())
    return nullptr;
  return &wf->stages[k.stage].clocks[k.def];
}

std::string_view Engine::clock_name(const CaseState& c, const Clock& k) const {
  switch (k.kind) {
    case ClockKind::stage: {
      const definition::ClockDef* def = clock_def(c, k);
      return def ? std::string_view(def->name) : "unknown";
    }
    case ClockKind::revisit:
      return "revisit";
    case ClockKind::assist_report:
      return "assist_report";
    case ClockKind::assist_resolve:
      return "assist_resolve";
    case ClockKind::dispatcher_queue:
      return "dispatcher_queue";
  }
  return "unknown";
}

namespace {
// The unit a clock runs against.
Symbol clock_unit(const CaseState& c, const Clock& k) {
  return k.owner != Clock::kLead && k.owner < c.assists.size() ? c.assists[k.owner].unit
                                                               : c.lead_unit;
}
}  // namespace

void Engine::on_warning(Step& s, size_t index) {
  CaseState& c = s.c;
  Clock& k = c.clocks[index];
  k.flags |= Clock::kWarned;
  timers_.add(k.due, s.slot, k.serial, TimerKind::due);
  const Clock clock = k;
  const Symbol unit = clock_unit(c, clock);
  const std::string_view name = clock_name(c, clock);
  s.history(Happening::warned, unit);
  auto write = [&](events::JsonWriter& w) {
    w.begin_object();
    s.write_case(w);
    w.key("clock");
    s.write_clock(w, clock);
    s.write_by(w);
    w.end_object();
  };
  s.record(OutType::sla_warning, options_.topics.alerts, c.id, write);
  // 催办: the unit that must act hears it too, on its own topic; the dispatcher on its own.
  if (clock.kind == ClockKind::dispatcher_queue)
    s.record_same_data(OutType::sla_warning, options_.topics.dispatcher, c.id, write);
  else if (s.p && !unit.empty() && clock.owner == Clock::kLead)
    s.record_same_data(OutType::sla_warning, s.p->stage_topics[c.stage], text(unit), write);
  s.count(
      metric::kSlaWarnings,
      {{"workflow", s.workflow_label()}, {"stage", s.clock_stage_label(clock)}, {"clock", name}});
}

void Engine::on_breach(Step& s, size_t index) {
  CaseState& c = s.c;
  Clock& k = c.clocks[index];
  k.flags |= Clock::kBreached;
  const Clock clock = k;  // the handlers below may remove the clock
  note_breach(s, clock);
  const Symbol unit = clock_unit(c, clock);
  const std::string_view name = clock_name(c, clock);
  s.history(Happening::breached, unit);
  auto write = [&](events::JsonWriter& w) {
    w.begin_object();
    s.write_case(w);
    w.key("clock");
    s.write_clock(w, clock);
    s.write_by(w);
    w.end_object();
  };
  s.record(OutType::sla_breached, options_.topics.alerts, c.id, write);
  s.count(
      metric::kSlaBreaches,
      {{"workflow", s.workflow_label()}, {"stage", s.clock_stage_label(clock)}, {"clock", name}});

  auto supervise = [&](std::string_view why) {
    s.history(Happening::supervised, unit);
    auto sup = [&](events::JsonWriter& w) {
      w.begin_object();
      s.write_case(w);
      s.text_field(w, "supervised_unit", unit);
      s.word(w, "reason", why);
      w.key("clock");
      s.write_clock(w, clock);
      s.write_by(w);
      w.end_object();
    };
    s.record(OutType::supervised, options_.topics.alerts, c.id, sup);
    if (s.p && clock.owner == Clock::kLead && !unit.empty())
      s.record_same_data(OutType::supervised, s.p->stage_topics[c.stage], text(unit), sup);
    else if (clock.owner != Clock::kLead && clock.owner < c.assists.size())
      s.record_same_data(OutType::supervised,
                         intern_topic(definition::assist_topic(
                             options_.topic_prefix, text(c.assists[clock.owner].department))),
                         text(unit), sup);
    s.count(metric::kSupervisions, {{"workflow", s.workflow_label()}, {"stage", s.stage_label()}});
  };

  switch (clock.kind) {
    case ClockKind::revisit:
      // No rating within the revisit clock: the case closes as unrated.
      std::erase_if(c.clocks, [](const Clock& x) { return x.owner == Clock::kLead; });
      leave_unrated(s);
      finish(s, Status::closed, Outcome::unrated);
      return;
    case ClockKind::assist_report:
    case ClockKind::assist_resolve:
      supervise("assist_breached");
      return;
    case ClockKind::dispatcher_queue:
      // No unit to escalate from: the dispatcher hears it on its own topic (the alerts topic
      // has it above). The clock stays, breached, until the case leaves the queue.
      s.record_same_data(OutType::sla_breached, options_.topics.dispatcher, c.id, write);
      return;
    case ClockKind::stage:
      break;
  }
  const definition::ClockDef* def = clock_def(c, clock);
  if (!def) return;
  for (const std::string& topic : def->on_breach.notify_topics)
    s.record_same_data(OutType::sla_breached, intern_topic(topic), c.id, write);
  // The supervising unit (the community over a property company) hears it on its own topic.
  for (definition::Level level : def->on_breach.notify_units) {
    const Symbol supervisor = unit_for_stage(c, definition::StageDef{.level = level});
    if (supervisor.empty()) continue;
    s.record_same_data(
        OutType::sla_breached,
        intern_topic(options_.topic_prefix + ".stage." + std::string(definition::to_string(level))),
        text(supervisor), write);
  }
  const bool can_escalate = clock.owner == Clock::kLead && clock.stage == c.stage && s.wf() &&
                            c.stage + 1u < s.wf()->stages.size() && c.stage + 1u < 255u &&
                            c.status != Status::resolved && c.status != Status::revisit;
  if (def->on_breach.supervise || (def->on_breach.escalate && !can_escalate))
    supervise(def->on_breach.supervise ? "breached" : "no_stage_to_escalate_to");
  if (def->on_breach.escalate && can_escalate) escalate(s, name);
}

}  // namespace caseflow::core
