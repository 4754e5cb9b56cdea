// The policies that hand something to an owner: a stage's `returns` (fallback_owner: who must take
// the case after too many returns), `extensions` and `exemptions` (approver: who decides), and the
// workflow's `invalid_reports` (approver). An owner is
// `dispatcher`, `unit:<id>` or a stage of the same workflow; since a stage may name one that comes
// after it, owners are collected while the stages are read and resolved once all are known.
// Private to engine/definition (a section reader of the workflow loader). Pure.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/definition/workflow.h"
#include "engine/definition/yaml_reader.h"

namespace caseflow::definition {

// What an owner is for.
enum class OwnerUse : uint8_t {
  fallback_owner,      // StageDef::returns
  extension_approver,  // StageDef::extensions
  exemption_approver,  // StageDef::exemptions
  invalid_approver,    // Workflow::invalid_reports (stage_index unused)
};

// An owner as written, waiting for every stage name to be known.
struct OwnerReference {
  std::string field;  // "fallback_owner" or "approver"
  std::string text;
  YAML::Mark mark;
  size_t stage_index;
  OwnerUse use = OwnerUse::fallback_owner;
};

// `context` ends the messages about the stage: "in stage 'grid'". Each appends the owner it
// names, if any, to `owners`.
void read_returns(const YAML::Node& node, size_t stage_index, ReturnPolicy& returns,
                  const std::string& context, std::vector<OwnerReference>& owners, Reporter& r);
void read_extensions(const YAML::Node& node, size_t stage_index, ExtensionPolicy& extensions,
                     const std::string& context, std::vector<OwnerReference>& owners, Reporter& r);
// `exemptions: {approver}` of a stage, or (with `use` invalid_approver) the workflow's
// `invalid_reports: {approver}`; `section` is the key, for messages. No approver: the dispatcher.
void read_approver_section(const YAML::Node& node, std::string_view section, size_t stage_index,
                           OwnerUse use, const std::string& context,
                           std::vector<OwnerReference>& owners, Reporter& r);

// Sets each referring stage's fallback or approver, in the order the references were read;
// reports a reference to no stage of `wf` and an empty unit id.
void resolve_owners(const std::vector<OwnerReference>& owners, Workflow& wf, Reporter& r);

}  // namespace caseflow::definition
