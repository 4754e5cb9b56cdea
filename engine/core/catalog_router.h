// The WorkflowRouter over engine/definition's Catalog (the workflows in force): what the runtime
// gives the Engine. Immutable; thread-safe like the Catalog it holds.
#pragma once

#include "engine/core/router.h"
#include "engine/definition/catalog.h"

namespace caseflow::core {

class CatalogRouter final : public WorkflowRouter {
 public:
  // Shares `catalog` (must not be null). A reload builds a new CatalogRouter; cases keep the
  // versions they are pinned to as long as the new catalog still holds them.
  explicit CatalogRouter(definition::CatalogPtr catalog) : catalog_(std::move(catalog)) {}

  definition::WorkflowPtr route(std::string_view category, definition::Urgency urgency,
                                const geo::Place* place,
                                definition::RequestType request_type) const override;
  definition::WorkflowPtr find(std::string_view name, int version) const override {
    return catalog_->find(name, version);
  }
  definition::WorkflowPtr latest(std::string_view name) const override {
    return catalog_->latest(name);
  }

 private:
  definition::CatalogPtr catalog_;
};

}  // namespace caseflow::core
