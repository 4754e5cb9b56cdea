// The stage policies that hand something to an owner: `returns` (fallback_owner: who must take
// the case after too many returns) and `extensions` (approver: who decides). An owner is
// `dispatcher`, `unit:<id>` or a stage of the same workflow; since a stage may name one that comes
// after it, owners are collected while the stages are read and resolved once all are known.
// Private to engine/definition (a section reader of the workflow loader). Pure.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "engine/definition/workflow.h"
#include "engine/definition/yaml_reader.h"

namespace caseflow::definition {

// An owner as written, waiting for every stage name to be known.
struct OwnerReference {
  std::string field;  // "fallback_owner" or "approver"
  std::string text;
  YAML::Mark mark;
  size_t stage_index;
};

// `context` ends the messages about the stage: "in stage 'grid'". Each appends the owner it
// names, if any, to `owners`.
void read_returns(const YAML::Node& node, size_t stage_index, ReturnPolicy& returns,
                  const std::string& context, std::vector<OwnerReference>& owners, Reporter& r);
void read_extensions(const YAML::Node& node, size_t stage_index, ExtensionPolicy& extensions,
                     const std::string& context, std::vector<OwnerReference>& owners, Reporter& r);

// Sets each referring stage's fallback or approver, in the order the references were read;
// reports a reference to no stage of `wf` and an empty unit id.
void resolve_owners(const std::vector<OwnerReference>& owners, Workflow& wf, Reporter& r);

}  // namespace caseflow::definition
