#include "engine/core/catalog_router.h"

#include <array>

namespace caseflow::core {

definition::WorkflowPtr CatalogRouter::route(std::string_view category, definition::Urgency urgency,
                                             const geo::Place* place,
                                             definition::RequestType request_type) const {
  if (!place) return catalog_->route(category, urgency, {}, request_type);
  // From the smallest area to the largest, without the ids the place does not have.
  std::array<std::string, 4> ids;
  size_t n = 0;
  for (const std::string* id :
       {&place->grid_id, &place->community_id, &place->street_id, &place->district_id})
    if (!id->empty()) ids[n++] = *id;
  return catalog_->route(category, urgency, std::span<const std::string>(ids.data(), n),
                         request_type);
}

}  // namespace caseflow::core
