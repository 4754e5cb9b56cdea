#include "engine/definition/catalog.h"

#include <algorithm>
#include <climits>
#include <tuple>

#include "engine/definition/category_pattern.h"

namespace caseflow::definition {
namespace {

constexpr uint8_t kAllUrgencies = 0b111;

uint8_t urgency_mask(const Match& match) {
  if (match.urgencies.empty()) return kAllUrgencies;
  uint8_t mask = 0;
  for (Urgency u : match.urgencies) mask |= static_cast<uint8_t>(1u << static_cast<unsigned>(u));
  return mask;
}

constexpr uint8_t kAllRequestTypes = (1u << kRequestTypeCount) - 1;

// A report that says no request type is taken only by workflows that list none.
uint8_t request_type_mask(const Match& match) {
  if (match.request_types.empty()) return kAllRequestTypes;
  uint8_t mask = 0;
  for (RequestType t : match.request_types)
    mask |= static_cast<uint8_t>(1u << static_cast<unsigned>(t));
  return mask;
}

bool request_types_overlap(const Match& a, const Match& b) {
  if (a.request_types.empty() || b.request_types.empty())
    return a.request_types.empty() && b.request_types.empty();
  return (request_type_mask(a) & request_type_mask(b)) != 0;
}

std::string where(const Workflow& wf, const SourceLocation& at) {
  return wf.source_file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

Diagnostic problem_at(const Workflow& wf, const SourceLocation& at, std::string message) {
  return Diagnostic{wf.source_file, at.line > 0 ? at.line : 1, at.column > 0 ? at.column : 1,
                    std::move(message)};
}

bool places_overlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return a.empty() && b.empty();
  for (const auto& id : a)
    if (std::find(b.begin(), b.end(), id) != b.end()) return true;
  return false;
}

bool urgencies_overlap(const Match& a, const Match& b) {
  if (a.urgencies.empty() || b.urgencies.empty()) return a.urgencies.empty() && b.urgencies.empty();
  return (urgency_mask(a) & urgency_mask(b)) != 0;
}

// Reported on the later of two files, so the message points at the newcomer.
bool comes_before(const Workflow& a, const Workflow& b) {
  return std::tie(a.source_file, a.name) < std::tie(b.source_file, b.name);
}

}  // namespace

CatalogPtr Catalog::build(std::vector<WorkflowPtr> workflows, Diagnostics& problems) {
  const size_t problems_before = problems.size();
  workflows.erase(std::remove(workflows.begin(), workflows.end(), nullptr), workflows.end());
  std::sort(workflows.begin(), workflows.end(), [](const WorkflowPtr& a, const WorkflowPtr& b) {
    return std::tie(a->name, a->version, a->source_file) <
           std::tie(b->name, b->version, b->source_file);
  });

  auto catalog = std::shared_ptr<Catalog>(new Catalog());
  for (const auto& wf : workflows) {
    if (!catalog->all_.empty()) {
      const Workflow& previous = *catalog->all_.back();
      if (previous.name == wf->name && previous.version == wf->version) {
        if (previous.content_hash != wf->content_hash)
          problems.push_back(problem_at(
              *wf, wf->location,
              "workflow " + wf->id() + " is already defined with different content at " +
                  where(previous, previous.location) + "; a changed workflow needs a new version"));
        continue;
      }
    }
    catalog->all_.push_back(wf);
  }
  for (size_t i = 0; i < catalog->all_.size(); ++i) {
    const bool last_of_name =
        i + 1 == catalog->all_.size() || catalog->all_[i + 1]->name != catalog->all_[i]->name;
    if (last_of_name) catalog->current_.push_back(catalog->all_[i]);
  }

  // Ambiguity: claims on the very same pattern text, by different workflows, that overlap in
  // urgency and place at the same specificity.
  std::map<std::string, std::vector<std::pair<const Workflow*, const CategoryDef*>>> claims;
  for (const auto& wf : catalog->current_)
    for (const auto& category : wf->match.categories)
      claims[category.code].emplace_back(wf.get(), &category);
  for (const auto& [code, claimants] : claims) {
    for (size_t i = 0; i < claimants.size(); ++i) {
      for (size_t j = i + 1; j < claimants.size(); ++j) {
        auto [a, a_category] = claimants[i];
        auto [b, b_category] = claimants[j];
        if (!urgencies_overlap(a->match, b->match) ||
            !places_overlap(a->match.places, b->match.places) ||
            !request_types_overlap(a->match, b->match))
          continue;
        if (comes_before(*b, *a)) {
          std::swap(a, b);
          std::swap(a_category, b_category);
        }
        problems.push_back(problem_at(
            *b, b_category->location,
            "category '" + code + "' is also claimed by workflow '" + a->name + "' at " +
                where(*a, a_category->location) +
                " for the same urgencies, request types and places; routing would be ambiguous "
                "(make one of them more specific with urgencies, request_types or places, or "
                "remove one claim)"));
      }
    }
  }
  if (problems.size() > problems_before) return nullptr;

  for (const auto& wf : catalog->current_) {
    for (const auto& category : wf->match.categories) {
      const auto pattern = CategoryPattern::parse(category.code);
      if (!pattern) continue;  // the loader refuses these; a hand-built Workflow may not
      Rule rule{wf.get(),
                wf,
                urgency_mask(wf->match),
                !wf->match.urgencies.empty(),
                request_type_mask(wf->match),
                !wf->match.request_types.empty(),
                &wf->match.places};
      switch (pattern->kind()) {
        case CategoryPattern::Kind::exact:
          catalog->exact_[pattern->stem()].push_back(rule);
          break;
        case CategoryPattern::Kind::prefix:
          catalog->prefix_[pattern->stem()].push_back(rule);
          break;
        case CategoryPattern::Kind::any:
          catalog->any_.push_back(rule);
          break;
      }
    }
  }
  return catalog;
}

const Catalog::Rule* Catalog::best_of(const std::vector<Rule>& rules, Urgency urgency,
                                      RequestType request_type,
                                      std::span<const std::string> place_ids) {
  const Rule* best = nullptr;
  size_t best_place = 0;
  for (const Rule& rule : rules) {
    if ((rule.urgency_mask & (1u << static_cast<unsigned>(urgency))) == 0) continue;
    if (request_type == RequestType::none
            ? rule.request_type_listed
            : (rule.request_type_mask & (1u << static_cast<unsigned>(request_type))) == 0)
      continue;
    size_t place_rank = SIZE_MAX;  // any place: the least specific
    if (!rule.places->empty()) {
      place_rank = SIZE_MAX - 1;
      for (size_t i = 0; i < place_ids.size(); ++i) {
        if (std::find(rule.places->begin(), rule.places->end(), place_ids[i]) !=
            rule.places->end()) {
          place_rank = i;
          break;
        }
      }
      if (place_rank == SIZE_MAX - 1) continue;  // lists places, none of them the case's
    }
    const bool better = best == nullptr || place_rank < best_place ||
                        (place_rank == best_place &&
                         std::tie(rule.urgency_listed, rule.request_type_listed) >
                             std::tie(best->urgency_listed, best->request_type_listed)) ||
                        (place_rank == best_place && rule.urgency_listed == best->urgency_listed &&
                         rule.request_type_listed == best->request_type_listed &&
                         rule.workflow->name < best->workflow->name);
    if (better) {
      best = &rule;
      best_place = place_rank;
    }
  }
  return best;
}

WorkflowPtr Catalog::route(std::string_view category, Urgency urgency,
                           std::span<const std::string> place_ids, RequestType request_type) const {
  if (auto found = exact_.find(category); found != exact_.end())
    if (const Rule* rule = best_of(found->second, urgency, request_type, place_ids))
      return rule->owner;
  // Prefix stems from the longest: "a.b.c" tries "a.b" then "a".
  for (size_t dot = category.rfind('.'); dot != std::string_view::npos && dot > 0;
       dot = category.rfind('.', dot - 1)) {
    if (auto found = prefix_.find(category.substr(0, dot)); found != prefix_.end())
      if (const Rule* rule = best_of(found->second, urgency, request_type, place_ids))
        return rule->owner;
  }
  if (const Rule* rule = best_of(any_, urgency, request_type, place_ids)) return rule->owner;
  return nullptr;
}

WorkflowPtr Catalog::find(std::string_view name, int version) const {
  for (const auto& wf : all_)
    if (wf->name == name && wf->version == version) return wf;
  return nullptr;
}

WorkflowPtr Catalog::latest(std::string_view name) const {
  for (const auto& wf : current_)
    if (wf->name == name) return wf;
  return nullptr;
}

}  // namespace caseflow::definition
