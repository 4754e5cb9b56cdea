// The set of workflows in force, and the routing rule that picks the workflow for a new case.
//
// Routing (documented for admins in docs/workflows.md). A workflow's `match` claims a case when
// one of its category patterns matches the case's category, its urgencies include the case's
// urgency (none listed = any), and its places include one of the case's place ids (none listed =
// anywhere). Of all workflows that claim a case, the winner is the most specific, compared in
// this order:
//   1. category: an exact code beats a prefix pattern, a longer prefix beats a shorter one
//      ("parking.illegal.*" beats "parking.*"), and "*" comes last;
//   2. place: a workflow that lists the case's place beats one that takes any place; between two
//      that list places, the one naming the smaller area (grid before community before street
//      before district, i.e. the earlier id in `place_ids`) wins;
//   3. urgency: a workflow that lists urgencies beats one that takes any urgency;
//   4. request type: a workflow that lists request types beats one that takes any (a report that
//      says no request type is taken only by workflows that list none).
// Only the latest version of each workflow name routes new cases; older versions stay findable
// by name and version for the cases that started on them.
//
// Ambiguity (refused by Catalog::build): two workflows, latest versions, that could claim the
// same case at the same specificity on all four counts — the same category code or the same
// pattern, overlapping urgencies, request types and places (listed values in common, or both
// any).
#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/common/diagnostic.h"
#include "engine/definition/workflow.h"

namespace caseflow::definition {

class Catalog;
using CatalogPtr = std::shared_ptr<const Catalog>;

class Catalog {
 public:
  // Builds a catalog from loaded workflows (any order; several versions of a name allowed).
  // Checks the set as a whole: the same name and version with different content (different
  // content_hash) and ambiguous routing (see above) are errors, reported at the FILE:LINE:COL of
  // the later file (by source_file). On success returns the catalog and leaves `problems`
  // untouched; on failure returns nullptr after appending every problem. Identical duplicates
  // (same name, version and hash, e.g. the same file given twice) are kept once.
  static CatalogPtr build(std::vector<WorkflowPtr> workflows, Diagnostics& problems);

  // The workflow a new case of `category` with `urgency` at the place `place_ids` goes to, or
  // nullptr if none claims it. `place_ids` lists the ids of the case's place from the smallest
  // area to the largest (grid, community, street, district); empty when the place is unknown
  // (then only workflows without `places` match). Cost: a hash lookup per dot-separated prefix of
  // the category plus a scan of the few rules stored under each key; no allocation.
  // Thread rules: const and immutable; safe to call from any number of threads.
  // `request_type`: what the report asks for; `none` when it does not say.
  WorkflowPtr route(std::string_view category, Urgency urgency,
                    std::span<const std::string> place_ids = {},
                    RequestType request_type = RequestType::none) const;

  // An exact version, for cases that keep the version they started with; nullptr if unknown.
  WorkflowPtr find(std::string_view name, int version) const;
  // The latest version of `name`; nullptr if unknown.
  WorkflowPtr latest(std::string_view name) const;
  // The latest version of every workflow, sorted by name (e.g. for the Open311 service list).
  const std::vector<WorkflowPtr>& current() const { return current_; }
  // Every workflow version in the catalog, sorted by name then version.
  const std::vector<WorkflowPtr>& all() const { return all_; }

 private:
  struct Rule {
    const Workflow* workflow;
    WorkflowPtr owner;
    uint8_t urgency_mask;  // bit per Urgency; all bits when the workflow lists none
    bool urgency_listed;
    uint8_t request_type_mask;  // bit per RequestType; all bits when the workflow lists none
    bool request_type_listed;
    const std::vector<std::string>* places;  // empty = anywhere
  };
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using RuleIndex = std::unordered_map<std::string, std::vector<Rule>, StringHash, std::equal_to<>>;

  // The best rule of `rules` for the case; nullptr if none matches.
  static const Rule* best_of(const std::vector<Rule>& rules, Urgency urgency,
                             RequestType request_type, std::span<const std::string> place_ids);

  std::vector<WorkflowPtr> all_;
  std::vector<WorkflowPtr> current_;
  RuleIndex exact_;   // by category code
  RuleIndex prefix_;  // by the stem of "stem.*"
  std::vector<Rule> any_;
};

}  // namespace caseflow::definition
