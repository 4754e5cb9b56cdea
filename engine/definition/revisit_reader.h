// The top-level `revisit` section (回访): how long a rating may take after resolution, which bad
// ratings reopen the case, and how many times. Private to engine/definition (a section reader of
// the workflow loader). Pure.
#pragma once

#include <yaml-cpp/yaml.h>

#include "engine/definition/workflow.h"
#include "engine/definition/yaml_reader.h"

namespace caseflow::definition {

// Keys left out keep RevisitPolicy's defaults; a `reopen_on` list replaces both reasons.
void read_revisit(const YAML::Node& node, RevisitPolicy& revisit, Reporter& r);

}  // namespace caseflow::definition
