// Retention: a terminal case leaves the engine's memory after EngineOptions::retain_closed_for
// (docs/engine.md "Retention").
#include "engine/core/engine.h"

namespace caseflow::core {

bool Engine::forget_case(std::string_view case_id) {
  // Not yet: cases are never dropped, so nothing is forgotten.
  (void)case_id;
  return false;
}

}  // namespace caseflow::core
