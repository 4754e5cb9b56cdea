// The `match` section of a workflow: which complaints it takes (categories, urgencies, places).
// Private to engine/definition (a section reader of the workflow loader). Pure.
#pragma once

#include <yaml-cpp/yaml.h>

#include "engine/definition/workflow.h"
#include "engine/definition/yaml_reader.h"

namespace caseflow::definition {

// Categories are codes or patterns (a plain string or {code, name, description}), each listed
// once; urgencies are known names, kept once each in file order; places are taken as written
// (the catalog checks them against the city).
void read_match(const YAML::Node& node, Match& match, Reporter& r);

}  // namespace caseflow::definition
