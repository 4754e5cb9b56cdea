#include "engine/core/simple_router.h"

#include <algorithm>

namespace caseflow::core {

bool category_matches(std::string_view pattern, std::string_view category) {
  if (pattern == "*") return true;
  if (pattern.size() >= 2 && pattern.substr(pattern.size() - 2) == ".*") {
    const std::string_view stem = pattern.substr(0, pattern.size() - 1);  // "parking."
    return category.size() > stem.size() && category.substr(0, stem.size()) == stem;
  }
  return pattern == category;
}

namespace {

// How specifically `pattern` takes `category`: -1 not at all; exact matches score highest.
int match_score(std::string_view pattern, std::string_view category) {
  if (!category_matches(pattern, category)) return -1;
  if (pattern == category) return 1'000'000;
  return static_cast<int>(pattern.size());
}

bool place_matches(const definition::Match& m, const geo::Place* place) {
  if (m.places.empty()) return true;
  if (place == nullptr) return false;
  return std::any_of(m.places.begin(), m.places.end(), [&](const std::string& p) {
    return p == place->street_id || p == place->district_id || p == place->community_id;
  });
}

}  // namespace

SimpleRouter::SimpleRouter(std::vector<definition::WorkflowPtr> workflows)
    : all_(std::move(workflows)) {
  for (const auto& wf : all_) {
    auto same = std::find_if(current_.begin(), current_.end(),
                             [&](const auto& c) { return c->name == wf->name; });
    if (same == current_.end()) {
      current_.push_back(wf);
    } else if ((*same)->version < wf->version) {
      *same = wf;
    }
  }
}

definition::WorkflowPtr SimpleRouter::route(std::string_view category, definition::Urgency urgency,
                                            const geo::Place* place,
                                            definition::RequestType request_type) const {
  definition::WorkflowPtr best;
  int best_score = -1;
  for (const auto& wf : current_) {
    const auto& m = wf->match;
    if (!m.urgencies.empty() &&
        std::find(m.urgencies.begin(), m.urgencies.end(), urgency) == m.urgencies.end())
      continue;
    if (!place_matches(m, place)) continue;
    if (request_type == definition::RequestType::none
            ? !m.request_types.empty()
            : !m.request_types.empty() && std::find(m.request_types.begin(), m.request_types.end(),
                                                    request_type) == m.request_types.end())
      continue;
    for (const auto& c : m.categories) {
      int score = match_score(c.code, category);
      // A workflow that names the urgency or the place is more specific than one that does not.
      if (score >= 0)
        score = score * 8 + (m.urgencies.empty() ? 0 : 4) + (m.places.empty() ? 0 : 2) +
                (m.request_types.empty() ? 0 : 1);
      if (score > best_score) {
        best_score = score;
        best = wf;
      }
    }
  }
  return best;
}

definition::WorkflowPtr SimpleRouter::find(std::string_view name, int version) const {
  for (const auto& wf : all_)
    if (wf->name == name && wf->version == version) return wf;
  return nullptr;
}

definition::WorkflowPtr SimpleRouter::latest(std::string_view name) const {
  for (const auto& wf : current_)
    if (wf->name == name) return wf;
  return nullptr;
}

}  // namespace caseflow::core
