// The read API of the Engine: views, queries and the invariant check.
#include <algorithm>

#include "engine/core/engine.h"

namespace caseflow::core {
namespace {

std::string_view assist_status(AssistStatus s) {
  switch (s) {
    case AssistStatus::summoned:
      return "summoned";
    case AssistStatus::reported:
      return "reported";
    case AssistStatus::done:
      return "done";
  }
  return "?";
}

std::string_view extension_state(ExtensionState s) {
  switch (s) {
    case ExtensionState::pending:
      return "pending";
    case ExtensionState::approved:
      return "approved";
    case ExtensionState::refused:
      return "refused";
    case ExtensionState::cancelled:
      return "cancelled";
  }
  return "?";
}

std::optional<Instant> expected_at(const CaseState& c) {
  std::optional<Instant> best;
  for (const Clock& k : c.clocks)
    if (k.owner == Clock::kLead && k.kind != ClockKind::dispatcher_queue && !k.paused() &&
        (!best || k.due < *best))
      best = k.due;
  return best;
}

// The rating's history entry packs solved * 4 + satisfaction (on_rated).
RatingView rating_of(const HistoryEntry& h) {
  const auto solved = static_cast<events::Solved>(std::min(h.detail / 4, 2));
  const auto satisfaction = static_cast<events::Satisfaction>(h.detail % 4);
  return RatingView{std::string(events::to_string(solved)),
                    std::string(events::to_string(satisfaction)), h.at};
}

}  // namespace

std::optional<CaseView> Engine::view(std::string_view case_id) const {
  const CaseState* found = find(case_id);
  if (!found) return std::nullopt;
  const CaseState& c = *found;
  const definition::Workflow* wf = workflow_of(c);
  auto stage_name = [&](uint8_t stage) {
    return wf && stage < wf->stages.size() ? wf->stages[stage].name : std::string();
  };
  CaseView v;
  v.id = c.id;
  v.status = to_string(c.status);
  v.workflow = wf ? wf->id() : std::string();
  v.stage = stage_name(c.stage);
  v.unit = text(c.lead_unit);
  v.category = text(c.category);
  v.urgency = events::to_string(c.urgency);
  v.request_type = events::to_string(c.request_type);
  v.description = c.description;
  v.channel = text(c.channel);
  v.reporter = text(c.reporter);
  v.grid = text(c.grid);
  v.community = text(c.community);
  v.street = text(c.street);
  v.district = text(c.district);
  v.compound = text(c.compound);
  if (c.extras) {
    v.phone_held = !c.extras->sealed_phone.empty();
    v.merged_into = c.extras->merged_into;
    v.merge_pending = c.extras->merge_pending;
    v.duplicates = c.extras->duplicates;
  }
  if (const StagedPlan* plan = c.plan())
    v.plan = PlanView{plan->state == PlanState::approved ? "approved" : "filed",
                      std::string(text(plan->unit)), stage_name(plan->stage), plan->filed_at,
                      plan->until};
  v.reported_at = c.reported_at;
  v.stage_dispatched_at = c.stage_dispatched_at;
  v.returns_at_stage = c.returns_at(c.stage);
  v.reopens = c.reopens;
  v.expected_at = expected_at(c);
  for (const Clock& k : c.clocks) {
    ClockView cv;
    cv.name = clock_name(c, k);
    cv.owner = text(k.owner != Clock::kLead && k.owner < c.assists.size() ? c.assists[k.owner].unit
                                                                          : c.lead_unit);
    cv.stage = stage_name(k.stage);
    cv.started_at = k.started_at;
    cv.due = k.due;
    cv.original_due = k.original_due;
    if (k.warn_at != Instant::max()) cv.warn_at = k.warn_at;
    cv.warned = k.warned();
    cv.breached = k.breached();
    cv.paused = k.paused();
    v.clocks.push_back(std::move(cv));
  }
  for (const Assist& a : c.assists)
    v.assists.push_back(AssistView{std::string(text(a.department)), std::string(text(a.unit)),
                                   std::string(assist_status(a.status)), a.summoned_at});
  for (const Extension& x : c.extensions)
    v.extensions.push_back(ExtensionView{stage_name(x.stage), to_string(x.asked),
                                         std::string(extension_state(x.state)), x.requested_at,
                                         x.due_before, x.due_after});
  for (const HistoryEntry& h : c.history) {
    if (h.what == Happening::rated) v.rating = rating_of(h);
    if (h.what == Happening::master_outcome) v.master_outcome = to_string(outcome_of(h.detail));
    const bool ended = h.what == Happening::closed || h.what == Happening::withdrawn ||
                       h.what == Happening::merged;
    if (ended && is_terminal(c.status)) {
      v.closed_at = h.at;
      v.outcome = to_string(outcome_of(h.detail));
    }
    v.history.push_back(HistoryView{h.at, std::string(to_string(h.what)), stage_name(h.stage),
                                    std::string(text(h.unit)), std::string(text(h.actor))});
  }
  return v;
}

std::vector<CaseSummary> Engine::query(const CaseQuery& q) const {
  // Slots are reused after retention, so slot order is not report order: collect, then sort.
  std::vector<uint32_t> matches;
  for (uint32_t slot = 0; slot < cases_.size(); ++slot) {
    const CaseState& c = cases_[slot];
    if (c.id.empty()) continue;  // a free slot
    const definition::Workflow* wf = workflow_of(c);
    const std::string_view stage =
        wf && c.stage < wf->stages.size() ? std::string_view(wf->stages[c.stage].name) : "";
    if (q.open_only && is_terminal(c.status)) continue;
    if (q.status && *q.status != to_string(c.status)) continue;
    if (q.unit && *q.unit != text(c.lead_unit)) continue;
    if (q.workflow && (!wf || *q.workflow != wf->name)) continue;
    if (q.stage && *q.stage != stage) continue;
    if (q.category && *q.category != text(c.category)) continue;
    if (q.breached_only &&
        std::none_of(c.clocks.begin(), c.clocks.end(), [](const Clock& k) { return k.breached(); }))
      continue;
    matches.push_back(slot);
  }
  std::stable_sort(matches.begin(), matches.end(), [&](uint32_t a, uint32_t b) {
    return cases_[a].reported_at < cases_[b].reported_at;
  });
  std::vector<CaseSummary> out;
  for (size_t i = q.offset; i < matches.size() && out.size() < q.limit; ++i) {
    const CaseState& c = cases_[matches[i]];
    const definition::Workflow* wf = workflow_of(c);
    const std::string_view stage =
        wf && c.stage < wf->stages.size() ? std::string_view(wf->stages[c.stage].name) : "";
    out.push_back(CaseSummary{c.id, std::string(to_string(c.status)), wf ? wf->id() : "",
                              std::string(stage), std::string(text(c.lead_unit)),
                              std::string(text(c.category)), c.reported_at, expected_at(c)});
  }
  return out;
}

std::string Engine::check_invariants() const {
  size_t open = 0;
  if (by_id_.size() + free_slots_.size() != cases_.size()) return "slot accounting is off";
  for (const CaseState& c : cases_) {
    if (c.id.empty()) {
      if (!c.history.empty() || c.description.capacity() > sizeof(std::string))
        return "a free slot holds a case's memory";
      continue;
    }
    if (find(c.id) != &c) return "case " + c.id + " is not indexed at its slot";
    const std::string who = "case " + c.id + ": ";
    const definition::Workflow* wf = workflow_of(c);
    if (!is_terminal(c.status)) ++open;
    const StagedPlan* plan = c.plan();
    if ((c.status == Status::staged) != (plan && plan->state == PlanState::approved))
      return who + "staged status and approved plan disagree";
    if (is_terminal(c.status)) {
      if (plan) return who + "terminal with a plan";
      if (!c.clocks.empty()) return who + "terminal with open clocks";
      for (const Extension& x : c.extensions)
        if (x.state == ExtensionState::pending) return who + "terminal with a pending extension";
    }
    if (wf && c.stage >= wf->stages.size()) return who + "stage out of range";
    if (!wf && std::any_of(c.clocks.begin(), c.clocks.end(),
                           [](const Clock& k) { return k.kind != ClockKind::dispatcher_queue; }))
      return who + "clocks without a workflow";
    if (wf && c.status != Status::received && !is_terminal(c.status) && c.lead_unit.empty())
      return who + "no lead unit while " + std::string(to_string(c.status));
    if (!wf && c.status != Status::received && !is_terminal(c.status))
      return who + "unrouted but " + std::string(to_string(c.status));
    const bool pending = std::any_of(c.extensions.begin(), c.extensions.end(), [](const auto& x) {
      return x.state == ExtensionState::pending;
    });
    if (pending != (c.status == Status::extension_requested))
      return who + "pending extension and status disagree";
    for (const Clock& k : c.clocks) {
      if (k.owner != Clock::kLead && k.owner >= c.assists.size())
        return who + "clock of a missing assist";
      if (k.kind == ClockKind::stage && !clock_def(c, k)) return who + "clock without definition";
      if (k.serial >= c.next_clock_serial) return who + "clock serial not yet issued";
      if (k.due < k.started_at) return who + "clock due before it started";
      if (k.paused() && c.status != Status::received && c.status != Status::staged)
        return who + "paused clock while with a unit";
      if (k.kind == ClockKind::dispatcher_queue && c.status != Status::received)
        return who + "dispatcher queue clock while not in the queue";
    }
    for (size_t i = 0; i < c.clocks.size(); ++i)
      for (size_t j = i + 1; j < c.clocks.size(); ++j)
        if (c.clocks[i].serial == c.clocks[j].serial) return who + "two clocks share a serial";
    if (c.history.empty() || c.history.front().what != Happening::reported)
      return who + "history does not start with the report";
  }
  if (open != open_cases_) return "open case count is off";
  return {};
}

}  // namespace caseflow::core
