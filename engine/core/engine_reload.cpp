// Engine::replace_definitions: the engine's half of a hot reload (see engine.h).
#include "engine/core/engine.h"

namespace caseflow::core {

void Engine::replace_definitions(WorkflowRouterPtr router, CalendarRegistryPtr calendars,
                                 geo::PlaceDirectoryPtr directory) {
  router_ = std::move(router);
  calendars_ = std::move(calendars);
  if (directory != directory_) {
    // Cached answers of the old directory may be wrong for the new one.
    places_.clear();
    department_units_.clear();
    property_units_.clear();
    owners_units_.clear();
  }
  directory_ = std::move(directory);

  // A pinned version the new definitions hold unchanged: point it at the new object, so a case
  // restored later (which pins through the router) lands on the same entry. The content is
  // identical, so running cases keep exactly the rules they started with.
  for (uint32_t index = 0; index < pinned_.size(); ++index) {
    Pinned& p = pinned_[index];
    const definition::WorkflowPtr fresh = router_->find(p.workflow->name, p.workflow->version);
    if (fresh && fresh != p.workflow && fresh->content_hash == p.workflow->content_hash) {
      pinned_index_.erase(p.workflow.get());
      p.workflow = fresh;
      pinned_index_[fresh.get()] = index;
    }
    // Calendars are data (holidays are announced yearly): clocks armed from now on use the new
    // one; deadlines already set stay as they are.
    if (CalendarPtr calendar = calendars_->find(p.workflow->calendar)) p.calendar = calendar;
  }
}

}  // namespace caseflow::core
