// Possible duplicates (疑似重复, docs/engine.md "Possible duplicates"): the work order of a
// located report names the open cases of its category that were reported near it in place and
// time, for the unit to decide (by a `merged`, or not at all). Nothing is merged here.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "engine/core/engine.h"
#include "engine/geo/datum.h"

namespace caseflow::core {
namespace {

constexpr size_t kMaxPossibleDuplicates = 5;

bool indexable(const CaseState& c) {
  return c.extras && c.extras->location && !c.category.empty() && !is_terminal(c.status);
}

geo::LonLat wgs84_of(const events::Location& at) {
  return geo::to_wgs84(geo::LonLat{at.lon, at.lat}, static_cast<geo::Datum>(at.datum));
}

}  // namespace

Engine::~Engine() {
  if (duplicate_index_.use_count() == 1) return;  // its own index goes with it
  for (const CaseState& c : cases_) unindex_for_duplicates(c);
}

void Engine::share_duplicate_index(std::shared_ptr<DuplicateIndex> index) {
  for (const CaseState& c : cases_) unindex_for_duplicates(c);
  duplicate_index_ = std::move(index);
  for (const CaseState& c : cases_) index_for_duplicates(c);
}

void Engine::index_for_duplicates(const CaseState& c) {
  if (indexable(c))
    duplicate_index_->add(this, text(c.category), c.id, wgs84_of(*c.extras->location),
                          c.reported_at);
}

void Engine::unindex_for_duplicates(const CaseState& c) {
  if (c.extras && c.extras->location && !c.category.empty())
    duplicate_index_->remove(this, text(c.category), c.id, wgs84_of(*c.extras->location));
}

std::vector<std::string> Engine::possible_duplicates(
    const CaseState& c, const definition::DuplicatePolicy& policy) const {
  std::vector<std::string> out;
  if (!c.extras || !c.extras->location || c.category.empty()) return out;
  const Duration window = policy.window.calendar_duration();
  // The index holds open cases only (each engine takes a case out when it ends); the same case
  // may appear twice while a partition's engine is rebuilt beside the old one.
  for (const DuplicateIndex::Near& near :
       duplicate_index_->near(text(c.category), wgs84_of(*c.extras->location),
                              static_cast<double>(policy.distance_m))) {
    const DuplicateIndex::Entry& e = *near.entry;
    if (e.case_id == c.id || std::find(out.begin(), out.end(), e.case_id) != out.end()) continue;
    const Duration apart = e.reported_at < c.reported_at ? c.reported_at - e.reported_at
                                                         : e.reported_at - c.reported_at;
    if (window < apart) continue;
    out.push_back(e.case_id);
    if (out.size() == kMaxPossibleDuplicates) break;
  }
  return out;
}

}  // namespace caseflow::core
