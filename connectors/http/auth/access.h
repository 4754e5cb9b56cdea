// Who may do what (docs/security.md), as pure functions of the principal and what the case or
// the request says. The API calls them at its boundary; the engine core still checks holders
// and approvers by the units events name, and the API makes that name the caller's.
// Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/http/auth/principal.h"
#include "connectors/http/auth/refusal.h"
#include "engine/core/case_view.h"
#include "engine/definition/workflow.h"
#include "engine/events/case_event.h"

namespace caseflow::http::auth {

// Reads every case: dispatcher, admin, viewer, revisit.
bool sees_all(const Principal& p);

// Whether `p` may read case `c`: a unit a case it leads, assists or ever held (its history
// names it); an office its street's or community's cases and those its own unit held.
bool may_read_case(const Principal& p, const core::CaseView& c);

// The same for a line of a list, where only the lead unit and the place are known (the lead is
// the only unit an archived row names).
bool may_list_case(const Principal& p, std::string_view lead_unit, std::string_view street,
                   std::string_view community);

// A resident's phone (GET /api/v1/cases/{id}/phone) is for those who must call them: the unit
// holding the case (`lead_unit`; an office holding it as its own unit) and the revisit staff.
std::optional<Refusal> may_reveal_phone(const Principal& p, std::string_view lead_unit);

// The month's assessment ranks every unit: dispatcher, admin, viewer and offices.
std::optional<Refusal> may_read_assessment(const Principal& p);
// The audit view (GET /api/v1/audit): the dispatcher, admins and viewers see every entry, an
// office those of its street's or community's cases, a unit those about itself; anyone else is
// refused. `unit` is the query's unit filter: a unit asking about another unit is refused.
std::optional<Refusal> may_read_audit(const Principal& p, const std::optional<std::string>& unit);
// Whether `p` (allowed by may_read_audit) sees an audit entry about `unit` (and `from_unit`, the
// unit a reassignment took the case from; "" for none) of a case in `street` and `community`.
bool may_see_audit_entry(const Principal& p, std::string_view unit, std::string_view from_unit,
                         std::string_view street, std::string_view community);

// Validate and reload: admin only.
std::optional<Refusal> may_administer(const Principal& p);
// The dispatcher's desk (the queue of cases waiting for a decision, the unit directory): the
// dispatcher, admins and viewers. Units and offices work from their own cases instead.
std::optional<Refusal> may_read_dispatch_desk(const Principal& p);

// What a principal may do, as words a client chooses its pages by (GET /api/v1/whoami):
// `act` (post a unit's events), `dispatch` (the dispatcher's events and decisions),
// `administer` (validate and reload workflows), `read_all` (every case), `rate` (the return
// visit's rating), `assess` (the monthly assessment), `desk` (the dispatcher's queue and the
// unit directory). In that order; the API still checks every request.
std::vector<std::string_view> capabilities(const Principal& p);

// What an event posted by `p` needs beyond the role check.
enum class EventCheck {
  none,      // nothing more: the engine checks the holder by data.unit
  decision,  // the case must be read: the approver and the requester (check_decision)
};

// What may_post_event allows: the unit to write into data.unit ("" = leave the event as is:
// the dispatcher and the revisit staff act for no unit) and what is still to check.
struct EventPermission {
  std::string unit;
  EventCheck check = EventCheck::none;
};
// Whether `p` may post `e` at all, by its type and data.unit (the body's unit must be absent or
// the caller's own); nullopt = yes, with `out` filled in.
std::optional<Refusal> may_post_event(const Principal& p, const events::CaseEvent& e,
                                      EventPermission& out);

// A decision (extension_decided, exemption_decided, invalid_decided, plan_decided) against the
// case as it stands: the workflow's approver decides, and never on its own request. `wf` null
// (unrouted) leaves the approver to the engine.
std::optional<Refusal> check_decision(const Principal& p, const events::CaseEvent& e,
                                      const core::CaseView& c, const definition::Workflow* wf);

}  // namespace caseflow::http::auth
