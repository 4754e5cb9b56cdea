// A WorkflowRouter over a list of workflows, for tests that need no geography: the first workflow
// (in the order given) whose match block takes the report wins, except that an exact category
// beats a pattern, and a longer pattern beats a shorter one. It is NOT the rule production uses
// (CatalogRouter over definition::Catalog): it ignores grid ids in `places`, ranks urgency above
// place and does not prefer the smaller area. Tests of which workflow a report gets use the
// CatalogRouter (tests/unit/engine/core runs the lifecycle under both). Immutable; thread-safe.
#pragma once

#include <vector>

#include "engine/core/router.h"

namespace caseflow::core {

class SimpleRouter final : public WorkflowRouter {
 public:
  // All versions of all workflows; for route() and latest() the highest version of a name counts.
  explicit SimpleRouter(std::vector<definition::WorkflowPtr> workflows);

  definition::WorkflowPtr route(std::string_view category, definition::Urgency urgency,
                                const geo::Place* place,
                                definition::RequestType request_type) const override;
  definition::WorkflowPtr find(std::string_view name, int version) const override;
  definition::WorkflowPtr latest(std::string_view name) const override;

 private:
  std::vector<definition::WorkflowPtr> all_;
  std::vector<definition::WorkflowPtr> current_;  // the latest version of each name, in order
};

}  // namespace caseflow::core
