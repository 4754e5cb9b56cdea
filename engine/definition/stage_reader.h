// The `stages` list of a workflow: each stage's own fields (name, level, department, topic),
// its sections (clocks, returns, extensions, assists, each read by its own reader), and the checks
// that need every stage (duplicate names, owners, the escalation ladder).
// Private to engine/definition (a section reader of the workflow loader). Pure.
#pragma once

#include <yaml-cpp/yaml.h>

#include "engine/definition/workflow.h"
#include "engine/definition/workflow_loader.h"
#include "engine/definition/yaml_reader.h"

namespace caseflow::definition {

// Appends the stages in file order. A stage without `name` is named after its level (or its
// department), one without `topic` gets the level's default topic under the context's prefix.
void read_stages(const YAML::Node& node, Workflow& wf, const LoadContext& context, Reporter& r);

}  // namespace caseflow::definition
