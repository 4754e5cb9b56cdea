// The assessment's rules (考核, docs/engine.md "State machine"): exemptions (申请免考核), invalid
// reports (不属实/无效) and the review of returns (退单). Everything they need is in the case's
// history (who applied at which stage, what was decided, which return was reviewed), so a case
// gains no field and the changelog format does not change. Each step writes one
// caseflow.case.updated (or, for a confirmed invalid report, the closed record) with its fact in
// `data.assessment`. As elsewhere, a handler checks everything before it changes anything.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/engine.h"
#include "engine/core/engine_step.h"

namespace caseflow::core {
namespace {

using events::CaseEvent;

// An application, proposal or return found in the history, copied out (the history may grow).
struct Found {
  HistoryEntry entry;
  size_t ordinal = 0;  // for returns: which return of the case, from 0
};

// The stage at which `unit` held the case: the current stage for the lead, else the stage of its
// latest dispatch. nullopt for a unit that never held it.
std::optional<uint8_t> holding_stage(const CaseState& c, Symbol unit) {
  if (unit.empty()) return std::nullopt;
  if (unit == c.lead_unit) return c.stage;
  for (auto h = c.history.rbegin(); h != c.history.rend(); ++h)
    if (h->what == Happening::dispatched && h->unit == unit) return h->stage;
  return std::nullopt;
}

bool is_exemption_decision(Happening h) {
  return h == Happening::exemption_granted || h == Happening::exemption_refused;
}

// The latest exemption entry of `unit` (its application or the decision on it), if any.
const HistoryEntry* latest_exemption_step(const CaseState& c, Symbol unit) {
  for (auto h = c.history.rbegin(); h != c.history.rend(); ++h)
    if (h->unit == unit &&
        (h->what == Happening::exemption_requested || is_exemption_decision(h->what)))
      return &*h;
  return nullptr;
}

// The oldest application still waiting for a decision (of `applicant` when it is given).
std::optional<Found> pending_exemption(const CaseState& c, std::optional<Symbol> applicant) {
  for (size_t i = 0; i < c.history.size(); ++i) {
    const HistoryEntry& h = c.history[i];
    if (h.what != Happening::exemption_requested) continue;
    if (applicant && h.unit != *applicant) continue;
    const bool decided =
        std::any_of(c.history.begin() + static_cast<ptrdiff_t>(i) + 1, c.history.end(),
                    [&](const HistoryEntry& later) {
                      return later.unit == h.unit && is_exemption_decision(later.what);
                    });
    if (!decided) return Found{h, 0};
  }
  return std::nullopt;
}

// The invalid proposal waiting for the dispatcher, if any: the latest proposal, unless refused.
std::optional<Found> pending_invalid(const CaseState& c) {
  for (auto h = c.history.rbegin(); h != c.history.rend(); ++h) {
    if (h->what == Happening::invalid_refused) return std::nullopt;
    if (h->what == Happening::invalid_proposed) return Found{*h, 0};
  }
  return std::nullopt;
}

// The latest return not yet reviewed (by `unit` when it is given).
std::optional<Found> unreviewed_return(const CaseState& c, std::optional<Symbol> unit) {
  std::vector<bool> reviewed;
  std::vector<size_t> returns;  // history positions, in order
  for (size_t i = 0; i < c.history.size(); ++i) {
    const HistoryEntry& h = c.history[i];
    if (h.what == Happening::returned) returns.push_back(i);
    if (h.what == Happening::return_justified || h.what == Happening::return_unjustified) {
      if (reviewed.size() <= h.detail) reviewed.resize(h.detail + 1u, false);
      reviewed[h.detail] = true;
    }
  }
  for (size_t k = returns.size(); k-- > 0;) {
    const HistoryEntry& h = c.history[returns[k]];
    if (unit && h.unit != *unit) continue;
    if (k < reviewed.size() && reviewed[k]) continue;
    return Found{h, k};
  }
  return std::nullopt;
}

// Open and with a unit: where a lead may say the report is invalid.
bool may_propose_invalid(Status s) {
  return s == Status::dispatched || is_working(s) || s == Status::extension_requested ||
         s == Status::reopened;
}

}  // namespace

Symbol Engine::assessed_unit_at(const CaseState& c, uint8_t stage, Symbol unit) {
  const definition::Workflow* wf = workflow_of(c);
  if (!wf || stage >= wf->stages.size()) return unit;
  return assessed_unit(c, wf->stages[stage], unit);
}

bool Engine::may_decide(const CaseState& c, const definition::Approver& approver,
                        std::string_view unit) {
  // The dispatcher's decisions are taken from anyone who sends them: who may speak for the
  // dispatcher is for the credentials to say, not for the engine.
  if (unit.empty() || approver.kind == definition::OwnerKind::dispatcher) return true;
  if (approver.kind == definition::OwnerKind::unit) return unit == approver.target;
  const definition::Workflow* wf = workflow_of(c);
  const definition::StageDef* stage = wf ? wf->stage(approver.target) : nullptr;
  if (!stage) return true;
  const Symbol stage_unit = unit_for_stage(c, *stage);
  return stage_unit.empty() || unit == text(stage_unit);
}

bool Engine::on_exemption_requested(Step& s, const CaseEvent& e) {
  CaseState& c = s.c;
  const Symbol applicant = strings_.find(e.unit);
  const std::optional<uint8_t> stage = holding_stage(c, applicant);
  if (!stage) return s.reject("not_holder", e.unit + " never held case " + c.id);
  if (const HistoryEntry* last = latest_exemption_step(c, applicant)) {
    if (last->what == Happening::exemption_requested)
      return s.reject("not_allowed_in_state", e.unit +
                                                  " has already applied for an exemption on case " +
                                                  c.id + "; it waits for a decision");
    if (last->what == Happening::exemption_granted)
      return s.reject("not_allowed_in_state",
                      e.unit + " is already exempted from the assessment of case " + c.id);
  }
  s.entry(HistoryEntry{s.now, applicant, Happening::exemption_requested, *stage, 0});
  s.changed = true;
  s.facts.exemption = ExemptionFact{assessed_unit_at(c, *stage, applicant), "requested", e.reason};
  s.updated(Happening::exemption_requested);
  return true;
}

bool Engine::on_exemption_decided(Step& s, const CaseEvent& e) {
  CaseState& c = s.c;
  std::optional<Found> request;
  if (e.applicant.empty()) {
    request = pending_exemption(c, std::nullopt);
  } else if (const Symbol applicant = strings_.find(e.applicant); !applicant.empty()) {
    request = pending_exemption(c, applicant);
  }
  if (!request)
    return s.reject("no_pending_request", "no exemption application waits for a decision on case " +
                                              c.id +
                                              (e.applicant.empty() ? "" : " from " + e.applicant));
  const HistoryEntry& asked = request->entry;
  if (!e.unit.empty() && e.unit == text(asked.unit))
    return s.reject("self_approval", e.unit + " cannot decide its own exemption");
  const definition::Workflow* wf = s.wf();
  if (wf && asked.stage < wf->stages.size() &&
      !may_decide(c, wf->stages[asked.stage].exemptions.approver, e.unit))
    return s.reject("not_approver", e.unit + " is not the approver of exemptions at stage " +
                                        wf->stages[asked.stage].name);
  const Happening what = e.approved ? Happening::exemption_granted : Happening::exemption_refused;
  s.entry(HistoryEntry{s.now, asked.unit, what, asked.stage, 0});
  s.facts.exemption = ExemptionFact{assessed_unit_at(c, asked.stage, asked.unit),
                                    e.approved ? "granted" : "refused", e.reason};
  // The applicant hears of it on its topic while it holds the case, as of an extension decision.
  s.updated(what, asked.unit == c.lead_unit && !is_terminal(c.status));
  return true;
}

bool Engine::on_invalid_proposed(Step& s, const CaseEvent& e) {
  CaseState& c = s.c;
  if (!may_propose_invalid(c.status))
    return s.reject("not_allowed_in_state", "an invalid report may not be proposed while case " +
                                                c.id + " is " + std::string(to_string(c.status)));
  if (!e.unit.empty() && e.unit != text(c.lead_unit))
    return s.reject("not_assignee", e.unit + " does not hold the case");
  const std::optional<events::InvalidReason> reason = events::parse_invalid_reason(e.reason);
  if (!reason)
    return s.reject(
        "bad_data",
        "reason must be malicious, duplicate, out_of_scope or unreachable, not '" + e.reason + "'");
  if (pending_invalid(c))
    return s.reject("not_allowed_in_state",
                    "case " + c.id + " already has an invalid proposal waiting for a decision");
  s.history(Happening::invalid_proposed, c.lead_unit, static_cast<uint8_t>(*reason));
  s.facts.invalid = InvalidFact{assessed_unit_at(c, c.stage, c.lead_unit), "proposed", *reason};
  s.updated(Happening::invalid_proposed, false, e.note);
  return true;
}

bool Engine::on_invalid_decided(Step& s, const CaseEvent& e) {
  CaseState& c = s.c;
  const std::optional<Found> proposal = pending_invalid(c);
  if (!proposal)
    return s.reject("no_pending_request",
                    "no invalid proposal waits for a decision on case " + c.id);
  const HistoryEntry& proposed = proposal->entry;
  if (!e.unit.empty() && e.unit == text(proposed.unit))
    return s.reject("self_approval", e.unit + " cannot confirm its own invalid proposal");
  const definition::Workflow* wf = s.wf();
  if (wf && !may_decide(c, wf->invalid_reports.approver, e.unit))
    return s.reject("not_approver", e.unit + " is not the approver of invalid reports");
  const auto reason = static_cast<events::InvalidReason>(
      proposed.detail < events::kInvalidReasonCount ? proposed.detail : 0);
  const Symbol unit = assessed_unit_at(c, proposed.stage, proposed.unit);
  if (!e.approved) {
    s.history(Happening::invalid_refused, proposed.unit, proposed.detail);
    s.facts.invalid = InvalidFact{unit, "refused", reason};
    s.updated(Happening::invalid_refused, true, e.note);
    return true;
  }
  // Confirmed: the case ends here, every clock stops; the closed record carries the fact.
  s.facts.invalid = InvalidFact{unit, "confirmed", reason};
  finish(s, Status::closed, Outcome::invalid);
  return true;
}

bool Engine::on_return_reviewed(Step& s, const CaseEvent& e) {
  CaseState& c = s.c;
  std::optional<Found> found;
  if (e.returned_by.empty()) {
    found = unreviewed_return(c, std::nullopt);
  } else if (const Symbol by = strings_.find(e.returned_by); !by.empty()) {
    found = unreviewed_return(c, by);
  }
  if (!found)
    return s.reject("no_pending_request",
                    "no return waits for a review on case " + c.id +
                        (e.returned_by.empty() ? "" : " from " + e.returned_by));
  if (found->ordinal > 255)
    return s.reject("not_allowed_in_state", "case " + c.id + " has too many returns to review");
  const HistoryEntry& returned = found->entry;
  if (!e.unit.empty() && e.unit == text(returned.unit))
    return s.reject("self_approval", e.unit + " cannot review its own return");
  const Happening what = e.justified ? Happening::return_justified : Happening::return_unjustified;
  s.entry(HistoryEntry{s.now, returned.unit, what, returned.stage,
                       static_cast<uint8_t>(found->ordinal)});
  s.facts.return_review =
      ReturnReviewFact{assessed_unit_at(c, returned.stage, returned.unit), e.justified};
  s.updated(what);
  return true;
}

}  // namespace caseflow::core
