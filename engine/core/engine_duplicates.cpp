// Possible duplicates (疑似重复, docs/engine.md "Possible duplicates"): the work order of a
// located report names the open cases of its category that were reported near it in place and
// time, for the unit to decide (by a `merged`, or not at all). Nothing is merged here.
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

void Engine::index_for_duplicates(const CaseState& c) {
  if (indexable(c))
    duplicate_index_.add(c.category.index, c.id, wgs84_of(*c.extras->location), c.reported_at);
}

void Engine::unindex_for_duplicates(const CaseState& c) {
  if (c.extras && c.extras->location && !c.category.empty())
    duplicate_index_.remove(c.category.index, c.id, wgs84_of(*c.extras->location));
}

std::vector<std::string> Engine::possible_duplicates(
    const CaseState& c, const definition::DuplicatePolicy& policy) const {
  std::vector<std::string> out;
  if (!c.extras || !c.extras->location || c.category.empty()) return out;
  const Duration window = policy.window.calendar_duration();
  for (const DuplicateIndex::Near& near :
       duplicate_index_.near(c.category.index, wgs84_of(*c.extras->location),
                             static_cast<double>(policy.distance_m))) {
    const DuplicateIndex::Entry& e = *near.entry;
    if (e.case_id == c.id) continue;
    // The index follows every case's end; this only guards against a case replaced since.
    const std::optional<CaseSlot> found = by_id_.find(e.case_id);
    if (!found) continue;
    const CaseState& other = cases_[found->index];
    if (is_terminal(other.status) || other.category != c.category) continue;
    const Duration apart = other.reported_at < c.reported_at ? c.reported_at - other.reported_at
                                                             : other.reported_at - c.reported_at;
    if (window < apart) continue;
    out.push_back(e.case_id);
    if (out.size() == kMaxPossibleDuplicates) break;
  }
  return out;
}

}  // namespace caseflow::core
