// The workflow loader: parses the file within bounds, then reads the language one section at a
// time. Each section has its own reader; this file only says which sections exist and in what
// order they are read, which is also the order of the problems reported.
//
//   identity_reader   workflow, version, title, calendar (top level)
//   match_reader      match: categories, urgencies, places
//   stage_reader      stages: name, level, department, topic; duplicate names; runs the readers
//                     below for each stage, then resolves owners and checks the escalation ladder
//     clock_reader      clocks: starts_at, limit, urgent, emergency, warn_at
//     breach_reader     on_breach: escalate, supervise, notify
//     owner_reader      returns (fallback_owner), extensions and exemptions (approver), and their
//                       owners; also the top-level invalid_reports (approver)
//     assist_reader     assists: departments, report_within, resolve_within, ...
//     escalation_check  every stage reachable; no escalation from the last stage
//   revisit_reader    revisit: within, reopen_on, max_reopens
//   duplicates_reader duplicates: distance, window
//   reader_support    names of urgencies, levels and clock starts; quoting, did-you-mean,
//                     positions, department codes
//   yaml_reader       typed values and mappings with their keys checked, each problem at
//                     FILE:LINE:COL
#include "engine/definition/workflow_loader.h"

#include <exception>
#include <memory>

#include "engine/definition/duplicates_reader.h"
#include "engine/definition/identity_reader.h"
#include "engine/definition/match_reader.h"
#include "engine/definition/owner_reader.h"
#include "engine/definition/reader_support.h"
#include "engine/definition/revisit_reader.h"
#include "engine/definition/stage_reader.h"
#include "engine/definition/yaml_reader.h"
#include "engine/yaml/bounded_yaml.h"

namespace caseflow::definition {
namespace {

void read_workflow(const YAML::Node& root, Workflow& wf, const LoadContext& context, Reporter& r) {
  MapFields top(root, "at the top level of a workflow",
                {"workflow", "version", "title", "calendar", "match", "stages", "revisit",
                 "invalid_reports", "duplicates"},
                r);
  if (!top.is_map()) return;
  read_identity(top, wf, context, r);
  if (auto node = top.require("match")) read_match(*node, wf.match, r);
  if (auto node = top.require("stages")) read_stages(*node, wf, context, r);
  if (auto node = top.get("revisit")) read_revisit(*node, wf.revisit, r);
  if (auto node = top.get("invalid_reports")) {
    // Read once the stages are known: the approver may name one.
    std::vector<OwnerReference> owners;
    read_approver_section(*node, "invalid_reports", 0, OwnerUse::invalid_approver, "", owners, r);
    resolve_owners(owners, wf, r);
  }
  if (auto node = top.get("duplicates")) read_duplicates(*node, wf.duplicates, r);
}

}  // namespace

uint64_t fnv1a_64(std::string_view bytes) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string_view to_string(Urgency urgency) { return kUrgencyNames[static_cast<size_t>(urgency)]; }
std::string_view to_string(Level level) { return kLevelNames[static_cast<size_t>(level)]; }

WorkflowPtr load_workflow(std::string_view file, std::string_view text, const LoadContext& context,
                          Diagnostics& problems) {
  Reporter reporter(file, problems);
  try {
    auto root = yaml::parse_bounded_yaml(file, text, problems);
    if (!root) return nullptr;
    if (root->IsNull()) {
      reporter.error(root->Mark(), "the file is empty; expected a workflow");
      return nullptr;
    }
    auto workflow = std::make_shared<Workflow>();
    read_workflow(*root, *workflow, context, reporter);
    if (reporter.count() > 0) return nullptr;
    workflow->source_file = std::string(file);
    workflow->content_hash = fnv1a_64(text);
    return workflow;
  } catch (const std::exception& e) {
    // yaml-cpp may throw on access it considers invalid; it must not escape the loader.
    reporter.error(YAML::Mark::null_mark(),
                   std::string("could not read the workflow: ") + e.what());
    return nullptr;
  }
}

}  // namespace caseflow::definition
