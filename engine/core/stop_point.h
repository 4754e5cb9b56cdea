// Which lifecycle event ends a stage clock. ClockDef has no explicit "ends at", so the clock's
// name says it (documented for admins in docs/engine.md): "sign" ends at signing (签收),
// "contact" at the first contact (先行联系) or first progress, every other clock at resolution.
#pragma once

#include <string_view>

#include "engine/definition/workflow.h"

namespace caseflow::core {

enum class StopPoint { sign, contact, resolve };

inline StopPoint stop_point(const definition::ClockDef& def) {
  const std::string_view n = def.name;
  if (n == "sign" || n == "signed" || n == "sign_for") return StopPoint::sign;
  if (n == "contact" || n == "contacted" || n == "first_contact") return StopPoint::contact;
  return StopPoint::resolve;
}

}  // namespace caseflow::core
