#include "engine/core/engine.h"

#include <algorithm>

#include "engine/core/engine_step.h"

namespace caseflow::core {

std::string_view type_name(OutType t) {
  switch (t) {
    case OutType::dispatched:
      return "caseflow.case.dispatched";
    case OutType::unrouted:
      return "caseflow.case.unrouted";
    case OutType::sla_warning:
      return "caseflow.case.sla_warning";
    case OutType::sla_breached:
      return "caseflow.case.sla_breached";
    case OutType::escalated:
      return "caseflow.case.escalated";
    case OutType::supervised:
      return "caseflow.case.supervised";
    case OutType::updated:
      return "caseflow.case.updated";
    case OutType::closed:
      return "caseflow.case.closed";
    case OutType::reassigned:
      return "caseflow.case.reassigned";
    case OutType::archived:
      return "caseflow.case.archived";
    case OutType::merge_link:
      return "caseflow.case.merge_link";
    case OutType::merge_answer:
      return "caseflow.case.merge_answer";
    case OutType::master_closed:
      return "caseflow.case.master_closed";
  }
  return "caseflow.case.updated";
}

Engine::Engine(EngineOptions options, WorkflowRouterPtr router, CalendarRegistryPtr calendars,
               geo::PlaceDirectoryPtr directory)
    : options_(std::move(options)),
      router_(std::move(router)),
      calendars_(std::move(calendars)),
      directory_(std::move(directory)) {}

std::string_view Engine::intern_topic(std::string topic) {
  if (auto it = topic_index_.find(topic); it != topic_index_.end()) return it->second;
  const std::string& stored = topic_texts_.emplace_back(std::move(topic));
  topic_index_.emplace(stored, stored);
  return stored;
}

WorkflowRef Engine::pin(const definition::WorkflowPtr& wf) {
  if (auto it = pinned_index_.find(wf.get()); it != pinned_index_.end())
    return WorkflowRef{it->second};
  Pinned p;
  p.workflow = wf;
  p.calendar = calendars_->find(wf->calendar);
  if (!p.calendar) p.calendar = round_the_clock_calendar();
  p.id = wf->id();
  for (const auto& stage : wf->stages) {
    std::string topic = stage.topic;
    if (topic.empty()) {
      topic = options_.topic_prefix + (stage.level == definition::Level::department
                                           ? ".dept." + stage.department
                                           : ".stage." + stage.name);
    }
    p.stage_topics.push_back(intern_topic(std::move(topic)));
  }
  auto plain = [](std::string_view text) { return events::json_safe_prefix(text) == text.size(); };
  p.plain_names = plain(p.id);
  for (const auto& stage : wf->stages) {
    p.plain_names = p.plain_names && plain(stage.name);
    for (const auto& clock : stage.clocks) p.plain_names = p.plain_names && plain(clock.name);
  }
  const auto index = static_cast<uint32_t>(pinned_.size());
  pinned_.push_back(std::move(p));
  pinned_index_.emplace(wf.get(), index);
  return WorkflowRef{index};
}

Symbol Engine::actor_of(const events::CaseEvent& e) {
  return strings_.intern(e.principal.empty() ? e.source : e.principal);
}

const Engine::Pinned* Engine::pinned(const CaseState& c) const {
  return c.workflow.none() ? nullptr : &pinned_[c.workflow.index];
}

const definition::Workflow* Engine::workflow_of(const CaseState& c) const {
  const Pinned* p = pinned(c);
  return p ? p->workflow.get() : nullptr;
}

CaseSlot Engine::new_case(std::string_view id) {
  uint32_t index = 0;
  if (!free_slots_.empty()) {
    index = free_slots_.back();
    free_slots_.pop_back();
  } else {
    index = static_cast<uint32_t>(cases_.size());
    cases_.emplace_back();
    generations_.push_back(0);
  }
  CaseState& c = cases_[index];
  c.id.assign(id);
  by_id_.add(c.id, CaseSlot{index});
  return CaseSlot{index};
}

const CaseState* Engine::find(std::string_view case_id) const {
  const std::optional<CaseSlot> slot = by_id_.find(case_id);
  return slot ? &cases_[slot->index] : nullptr;
}

Effects Engine::apply(const events::CaseEvent& event, Instant now) {
  Effects out;
  apply(event, now, out);
  return out;
}

namespace {
constexpr size_t kMaxCaseIdLength = 128;
}  // namespace

void Engine::apply(const events::CaseEvent& e, Instant now, Effects& out) {
  const std::string_view type = events::short_name(e.type);
  auto reject = [&](std::string_view code, std::string message) {
    out.rejections.push_back(Rejection{std::string(code), std::move(message)});
    if (options_.metrics) {
      MetricObservation m;
      m.name = metric::kEvents;
      m.label_count = 2;
      m.labels[0] = {"type", type};
      m.labels[1] = {"result", intern_topic(std::string(code))};
      out.metrics.push_back(m);
    }
  };
  if (e.case_id.empty() || e.case_id.size() > kMaxCaseIdLength) {
    reject("bad_case_id", "a case id must have 1 to 128 characters");
    return;
  }

  if (is_merge_event(e.type)) {
    apply_merge_event(e, now, out);
    return;
  }
  const std::optional<CaseSlot> found = by_id_.find(e.case_id);
  if (e.type == events::EventType::reported) {
    if (found) {
      reject("duplicate_case", "case " + e.case_id + " was already reported");
      return;
    }
    const CaseSlot slot = new_case(e.case_id);
    Step s(*this, cases_[slot.index], slot, now, out);
    s.actor = actor_of(e);
    s.count(metric::kEvents, {{"type", type}, {"result", "ok"}});
    on_reported(s, e);
    log_change(*this, s.c, options_.changelog_bytes, out);
    return;
  }
  if (!found) {
    reject("unknown_case", "no case " + e.case_id +
                               " here: it may have been archived after it closed; read it at "
                               "GET /api/v1/cases/" +
                               e.case_id);
    return;
  }
  const CaseSlot slot = *found;
  CaseState& c = cases_[slot.index];
  // An exemption and a return's review may come after the case ended (the assessment counts
  // them whenever they come), while the engine still holds it.
  const bool after_end = e.type == events::EventType::exemption_requested ||
                         e.type == events::EventType::exemption_decided ||
                         e.type == events::EventType::return_reviewed ||
                         e.type == events::EventType::phone_revealed;
  if (is_terminal(c.status) && !after_end) {
    reject("case_closed",
           "case " + c.id + " is " + std::string(to_string(c.status)) + " and takes no events");
    return;
  }
  Step s(*this, c, slot, now, out);
  s.actor = actor_of(e);
  const size_t records_before = out.records.size();
  const size_t metrics_before = out.metrics.size();
  bool ok = false;
  switch (e.type) {
    case events::EventType::reported:
      break;
    case events::EventType::signed_for:
      ok = on_signed(s, e);
      break;
    case events::EventType::contacted:
      ok = on_contacted(s, e);
      break;
    case events::EventType::progress:
      ok = on_progress(s, e);
      break;
    case events::EventType::returned:
      ok = on_returned(s, e);
      break;
    case events::EventType::extension_requested:
      ok = on_extension_requested(s, e);
      break;
    case events::EventType::extension_decided:
      ok = on_extension_decided(s, e);
      break;
    case events::EventType::assist_requested:
      ok = on_assist_requested(s, e);
      break;
    case events::EventType::assist_reported:
      ok = on_assist_reported(s, e);
      break;
    case events::EventType::resolved:
      ok = on_resolved(s, e);
      break;
    case events::EventType::rated:
      ok = on_rated(s, e);
      break;
    case events::EventType::withdrawn:
      ok = on_withdrawn(s, e);
      break;
    case events::EventType::merged:
      ok = on_merged(s, e);
      break;
    case events::EventType::assigned:
      ok = on_assigned(s, e);
      break;
    case events::EventType::plan_filed:
      ok = on_plan_filed(s, e);
      break;
    case events::EventType::plan_decided:
      ok = on_plan_decided(s, e);
      break;
    case events::EventType::exemption_requested:
      ok = on_exemption_requested(s, e);
      break;
    case events::EventType::exemption_decided:
      ok = on_exemption_decided(s, e);
      break;
    case events::EventType::invalid_proposed:
      ok = on_invalid_proposed(s, e);
      break;
    case events::EventType::invalid_decided:
      ok = on_invalid_decided(s, e);
      break;
    case events::EventType::return_reviewed:
      ok = on_return_reviewed(s, e);
      break;
    case events::EventType::phone_revealed:
      ok = on_phone_revealed(s, e);
      break;
    case events::EventType::merge_link:
    case events::EventType::merge_answer:
    case events::EventType::master_closed:
      break;  // apply_merge_event
  }
  if (!ok) {
    // Handlers validate before they change anything; drop whatever they may have appended.
    out.truncate_records(records_before);
    out.metrics.resize(metrics_before);
    reject(s.reject_code.empty() ? std::string_view("not_allowed_in_state") : s.reject_code,
           std::move(s.reject_message));
    return;
  }
  s.count(metric::kEvents, {{"type", type}, {"result", "ok"}});
  if (s.changed) log_change(*this, c, options_.changelog_bytes, out);
}

bool Engine::apply(const TimerEvent& t, Instant now, Effects& out) {
  if (t.slot.index >= cases_.size()) return false;
  if (t.kind == TimerKind::retire) return retire(t, now, out);
  if (t.kind == TimerKind::plan) return plan_due(t, now, out);
  CaseState& c = cases_[t.slot.index];
  auto k = std::find_if(c.clocks.begin(), c.clocks.end(), [&](const Clock& x) {
    return (x.serial.value & TimerEntry::kSerialMask) == t.serial.value;
  });
  if (k == c.clocks.end() || k->paused() || k->breached()) return false;
  if (t.kind == TimerKind::warn ? (k->warned() || k->warn_at != t.at) : k->due != t.at)
    return false;
  // What a deadline causes happens at the deadline: a late firing does not give the next unit
  // extra time, and a long jump (simulation, catching up) cascades correctly.
  Step s(*this, c, t.slot, t.at, out);
  s.metric(metric::kTimerLateness, MetricKind::histogram,
           static_cast<double>((now - t.at).millis()) / 1000.0, {});
  const auto index = static_cast<size_t>(k - c.clocks.begin());
  if (t.kind == TimerKind::warn) {
    on_warning(s, index);
  } else {
    on_breach(s, index);
  }
  log_change(*this, c, options_.changelog_bytes, out);
  return true;
}

size_t Engine::fire_due(Instant now, size_t max_batch, Effects& out) {
  size_t fired = 0;
  while (fired < max_batch) {
    const std::optional<TimerEntry> e = timers_.pop_due(now);
    if (!e) break;
    if (apply(TimerEvent{e->case_slot(), e->serial(), e->kind(), e->at()}, now, out)) ++fired;
  }
  return fired;
}

Effects Engine::fire_due(Instant now, size_t max_batch) {
  Effects out;
  fire_due(now, max_batch, out);
  return out;
}

}  // namespace caseflow::core
