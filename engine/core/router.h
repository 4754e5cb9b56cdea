// How the engine finds workflows: by what a report says (routing) and by name and version
// (restoring a case pinned to a version). engine/definition's Catalog is adapted to this
// interface; SimpleRouter (simple_router.h) is a small implementation for tests and until then.
// Implementations are immutable once built and safe to share between threads.
#pragma once

#include <memory>
#include <string_view>

#include "engine/definition/workflow.h"
#include "engine/geo/place.h"

namespace caseflow::core {

class WorkflowRouter {
 public:
  virtual ~WorkflowRouter() = default;

  // The workflow (its current version) that takes a report of `category` with `urgency` and
  // `request_type` (`none` when the report does not say) at `place` (nullptr when the report has
  // no place); nullptr if none does.
  virtual definition::WorkflowPtr route(std::string_view category, definition::Urgency urgency,
                                        const geo::Place* place,
                                        definition::RequestType request_type) const = 0;

  // Exactly `name`@`version`; nullptr if that version is not known (any more).
  virtual definition::WorkflowPtr find(std::string_view name, int version) const = 0;

  // The current version of `name`; nullptr if unknown.
  virtual definition::WorkflowPtr latest(std::string_view name) const = 0;
};

using WorkflowRouterPtr = std::shared_ptr<const WorkflowRouter>;

// Does `category` match `pattern`? "parking.illegal" matches itself, "parking.*" (any category
// under parking) and "*" (anything).
bool category_matches(std::string_view pattern, std::string_view category);

}  // namespace caseflow::core
