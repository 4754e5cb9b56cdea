// The escalation ladder of a workflow, checked once every stage is read: a case starts at the
// first stage and moves on only by escalation (to the next stage) or by running out of returns
// (to the fallback stage). Private to engine/definition (part of the workflow loader). Pure.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <vector>

#include "engine/definition/breach_reader.h"
#include "engine/definition/workflow.h"
#include "engine/definition/yaml_reader.h"

namespace caseflow::definition {

// Reports each stage no case can get to (at its entry in `nodes`) and an escalation from the
// last stage. `nodes` and `escalations` have one entry per stage of `wf`, which has at least one.
void check_escalation(const Workflow& wf, const std::vector<YAML::Node>& nodes,
                      const std::vector<std::optional<FirstEscalation>>& escalations, Reporter& r);

}  // namespace caseflow::definition
