#include "connectors/http/auth/access.h"

#include <algorithm>

namespace caseflow::http::auth {
namespace {

using events::EventType;

bool unit_ever_held(std::string_view unit, const core::CaseView& c) {
  if (unit.empty()) return false;
  if (c.unit == unit) return true;
  for (const auto& a : c.assists) {
    if (a.unit == unit) return true;
  }
  for (const auto& k : c.clocks) {
    if (k.owner == unit) return true;
  }
  for (const auto& h : c.history) {
    if (h.unit == unit) return true;
  }
  return c.plan && c.plan->unit == unit;
}

bool in_office(const Principal& p, std::string_view street, std::string_view community) {
  const auto office = parse_office_scope(p.scope);
  if (!office) return false;
  return office->kind == "street" ? street == office->id : community == office->id;
}

Refusal refuse(Denied reason, std::string message) { return Refusal{reason, std::move(message)}; }

// Which roles may post which types; units act for themselves, the rest for no unit.
enum class Poster { unit, dispatcher, revisit, unit_or_dispatcher, nobody };

Poster poster_of(EventType t) {
  switch (t) {
    case EventType::signed_for:
    case EventType::contacted:
    case EventType::progress:
    case EventType::returned:
    case EventType::extension_requested:
    case EventType::assist_requested:
    case EventType::assist_reported:
    case EventType::resolved:
    case EventType::plan_filed:
    case EventType::exemption_requested:
    case EventType::invalid_proposed:
      return Poster::unit;
    case EventType::reported:
    case EventType::withdrawn:
    case EventType::merged:
    case EventType::assigned:
    case EventType::return_reviewed:
      return Poster::dispatcher;
    case EventType::rated:
      return Poster::revisit;
    case EventType::extension_decided:
    case EventType::exemption_decided:
    case EventType::invalid_decided:
    case EventType::plan_decided:
      return Poster::unit_or_dispatcher;
    case EventType::merge_link:
    case EventType::merge_answer:
    case EventType::master_closed:
      return Poster::nobody;  // the engine writes these to itself
    case EventType::phone_revealed:
      return Poster::nobody;  // GET /api/v1/cases/{id}/phone writes it
  }
  return Poster::nobody;
}

// The pending request a decision answers: who asked, and at which stage.
struct Request {
  std::string requester;
  std::string stage;
};

std::optional<Request> pending_request(const events::CaseEvent& e, const core::CaseView& c) {
  switch (e.type) {
    case EventType::extension_decided:
      return Request{c.unit, c.stage};
    case EventType::plan_decided:
      if (!c.plan) return std::nullopt;
      return Request{c.plan->unit, c.plan->stage};
    case EventType::invalid_decided:
      for (auto h = c.history.rbegin(); h != c.history.rend(); ++h) {
        if (h->what == "invalid_proposed") return Request{h->unit, h->stage};
      }
      return std::nullopt;
    case EventType::exemption_decided: {
      // The oldest application without a decision (of `applicant` when the event names one).
      std::vector<Request> open;
      for (const auto& h : c.history) {
        if (h.what == "exemption_requested") open.push_back({h.unit, h.stage});
        if (h.what == "exemption_granted" || h.what == "exemption_refused") {
          std::erase_if(open, [&](const Request& r) { return r.requester == h.unit; });
        }
      }
      for (const auto& r : open) {
        if (e.applicant.empty() || r.requester == e.applicant) return r;
      }
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

// The approver of a decision in workflow `wf` at `stage`.
std::optional<definition::Approver> approver_of(EventType t, const definition::Workflow& wf,
                                                const std::string& stage) {
  if (t == EventType::invalid_decided) return wf.invalid_reports.approver;
  const definition::StageDef* s = wf.stage(stage);
  if (s == nullptr) return std::nullopt;
  if (t == EventType::exemption_decided) return s->exemptions.approver;
  // extension_decided and plan_decided: the stage's extension approver.
  return definition::Approver{s->extensions.approver_kind,
                              s->extensions.approver_kind == definition::OwnerKind::dispatcher
                                  ? std::string()
                                  : s->extensions.approver};
}

}  // namespace

bool sees_all(const Principal& p) {
  return p.role == Role::dispatcher || p.role == Role::admin || p.role == Role::viewer ||
         p.role == Role::revisit;
}

bool may_read_case(const Principal& p, const core::CaseView& c) {
  if (sees_all(p)) return true;
  if (p.role == Role::office && in_office(p, c.street, c.community)) return true;
  return unit_ever_held(p.acting_unit(), c);
}

bool may_list_case(const Principal& p, std::string_view lead_unit, std::string_view street,
                   std::string_view community) {
  if (sees_all(p)) return true;
  if (p.role == Role::office && in_office(p, street, community)) return true;
  return !p.acting_unit().empty() && lead_unit == p.acting_unit();
}

std::optional<Refusal> may_reveal_phone(const Principal& p, std::string_view lead_unit) {
  if (p.role == Role::revisit) return std::nullopt;
  if (p.role == Role::unit || p.role == Role::office) {
    if (!lead_unit.empty() && p.acting_unit() == lead_unit) return std::nullopt;
    return refuse(Denied::out_of_scope,
                  "only the unit holding the case (" +
                      (lead_unit.empty() ? std::string("none now") : std::string(lead_unit)) +
                      ") and the revisit staff may see the resident's phone");
  }
  return refuse(Denied::wrong_role,
                "the resident's phone is for the unit holding the case and "
                "the revisit staff, not for role " +
                    std::string(role_name(p.role)));
}

std::optional<Refusal> may_read_assessment(const Principal& p) {
  if (sees_all(p) && p.role != Role::revisit) return std::nullopt;
  if (p.role == Role::office) return std::nullopt;
  return refuse(Denied::wrong_role,
                "the assessment is for offices, the dispatcher, admins and "
                "viewers, not for role " +
                    std::string(role_name(p.role)));
}

std::optional<Refusal> may_read_audit(const Principal& p, const std::optional<std::string>& unit) {
  switch (p.role) {
    case Role::dispatcher:
    case Role::admin:
    case Role::viewer:
    case Role::office:
      return std::nullopt;
    case Role::unit:
      if (unit && *unit != p.acting_unit())
        return refuse(Denied::out_of_scope,
                      "unit " + p.scope + " sees the audit of its own unit, not of " + *unit);
      return std::nullopt;
    case Role::revisit:
      break;
  }
  return refuse(Denied::wrong_role,
                "the audit view is for units, offices, the dispatcher, admins and viewers, not "
                "for role " +
                    std::string(role_name(p.role)));
}

bool may_see_audit_entry(const Principal& p, std::string_view unit, std::string_view from_unit,
                         std::string_view street, std::string_view community) {
  switch (p.role) {
    case Role::dispatcher:
    case Role::admin:
    case Role::viewer:
      return true;
    case Role::office:
      return in_office(p, street, community);
    case Role::unit:
      return unit == p.acting_unit() || (!from_unit.empty() && from_unit == p.acting_unit());
    case Role::revisit:
      return false;
  }
  return false;
}

std::optional<Refusal> may_administer(const Principal& p) {
  if (p.role == Role::admin) return std::nullopt;
  return refuse(Denied::wrong_role,
                "this path needs role admin, not " + std::string(role_name(p.role)));
}

std::optional<Refusal> may_read_dispatch_desk(const Principal& p) {
  if (p.role == Role::dispatcher || p.role == Role::admin || p.role == Role::viewer) {
    return std::nullopt;
  }
  return refuse(Denied::wrong_role,
                "the dispatcher's desk is for the dispatcher, admins and "
                "viewers, not for role " +
                    std::string(role_name(p.role)));
}

std::vector<std::string_view> capabilities(const Principal& p) {
  std::vector<std::string_view> out;
  if (!p.acting_unit().empty()) out.emplace_back("act");
  if (p.role == Role::dispatcher) out.emplace_back("dispatch");
  if (!may_administer(p)) out.emplace_back("administer");
  if (sees_all(p)) out.emplace_back("read_all");
  if (p.role == Role::revisit) out.emplace_back("rate");
  if (!may_read_assessment(p)) out.emplace_back("assess");
  if (!may_read_dispatch_desk(p)) out.emplace_back("desk");
  return out;
}

std::optional<Refusal> may_post_event(const Principal& p, const events::CaseEvent& e,
                                      EventPermission& out) {
  const std::string type(events::type_name(e.type));
  auto no = [](Denied reason, std::string message) { return refuse(reason, std::move(message)); };
  const Poster poster = poster_of(e.type);
  const std::string_view acting = p.acting_unit();
  const bool as_unit =
      !acting.empty() && (poster == Poster::unit || poster == Poster::unit_or_dispatcher);
  const bool as_dispatcher = p.role == Role::dispatcher &&
                             (poster == Poster::dispatcher || poster == Poster::unit_or_dispatcher);
  const bool as_revisit = p.role == Role::revisit && poster == Poster::revisit;
  if (!as_unit && !as_dispatcher && !as_revisit) {
    return no(Denied::wrong_role,
              "role " + std::string(role_name(p.role)) + " may not post " + type);
  }
  out.check = poster == Poster::unit_or_dispatcher ? EventCheck::decision : EventCheck::none;
  if (as_unit) {
    if (!e.unit.empty() && e.unit != acting) {
      return no(Denied::acting_for_other_unit,
                "data.unit is " + e.unit + " but the credential is for " + std::string(acting) +
                    ": a unit posts only its own events");
    }
    out.unit = std::string(acting);
  }
  return std::nullopt;
}

std::optional<Refusal> check_decision(const Principal& p, const events::CaseEvent& e,
                                      const core::CaseView& c, const definition::Workflow* wf) {
  const std::string type(events::type_name(e.type));
  const auto request = pending_request(e, c);
  // Nothing waits for a decision: the engine refuses it with the reason (on caseflow.dlq).
  if (!request) return std::nullopt;
  const std::string_view acting = p.acting_unit();
  if (!acting.empty() && request->requester == acting) {
    return refuse(Denied::self_approval,
                  std::string(acting) + " cannot decide its own request (" + type + ")");
  }
  if (wf == nullptr) return std::nullopt;
  const auto approver = approver_of(e.type, *wf, request->stage);
  if (!approver) return std::nullopt;
  switch (approver->kind) {
    case definition::OwnerKind::dispatcher:
      if (p.role == Role::dispatcher) return std::nullopt;
      return refuse(Denied::not_approver, "the dispatcher decides this (" + type + ")");
    case definition::OwnerKind::unit: {
      // `unit:<id>` in the workflow: the target is the unit id itself.
      if (acting == approver->target) return std::nullopt;
      return refuse(Denied::not_approver, approver->target + " decides this (" + type + ")");
    }
    case definition::OwnerKind::stage: {
      // The unit that held the approver's stage for this case, as its history says.
      std::string holder;
      for (const auto& h : c.history) {
        if (h.stage == approver->target && !h.unit.empty()) holder = h.unit;
      }
      if (acting.empty()) {
        return refuse(Denied::not_approver,
                      "the unit of stage " + approver->target + " decides this (" + type + ")");
      }
      if (holder.empty() || holder == acting) return std::nullopt;  // the engine knows the place
      return refuse(Denied::not_approver, holder + " decides this (" + type + ")");
    }
  }
  return std::nullopt;
}

}  // namespace caseflow::http::auth
