// A stage's `assists` (co-handling, 吹哨报到): the departments it may summon and their clocks.
// Private to engine/definition (a section reader of the workflow loader). Pure.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "engine/definition/workflow.h"
#include "engine/definition/workflow_loader.h"
#include "engine/definition/yaml_reader.h"

namespace caseflow::definition {

// `context` ends the messages about the stage: "in stage 'street'". Departments are checked
// against the context's departments when it lists them.
void read_assists(const YAML::Node& node, AssistPolicy& assists, const std::string& context,
                  const LoadContext& load_context, Reporter& r);

}  // namespace caseflow::definition
