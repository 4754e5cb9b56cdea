#include "connectors/http/case_scope.h"

#include "connectors/http/auth/access.h"

namespace caseflow::http {

bool may_list_live_case(const auth::Principal& p, const core::Engine& engine,
                        const core::CaseState& c) {
  if (auth::sees_all(p)) return true;
  if (p.role == auth::Role::office) {
    if (auth::may_list_case(p, "", engine.text(c.street), engine.text(c.community))) return true;
  }
  const std::string_view unit = p.acting_unit();
  if (unit.empty()) return false;
  if (engine.text(c.lead_unit) == unit) return true;
  for (const auto& a : c.assists) {
    if (engine.text(a.unit) == unit) return true;
  }
  for (const auto& h : c.history) {
    if (engine.text(h.unit) == unit) return true;
  }
  const core::StagedPlan* plan = c.plan();
  return plan != nullptr && engine.text(plan->unit) == unit;
}

}  // namespace caseflow::http
