// A stage's `clocks`: a mapping of clock names to clocks (starts_at, limit, the urgent and
// emergency limits, warn_at, on_breach). Private to engine/definition (a section reader of the
// workflow loader). Pure.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>

#include "engine/definition/breach_reader.h"
#include "engine/definition/workflow.h"
#include "engine/definition/yaml_reader.h"

namespace caseflow::definition {

// Appends the stage's clocks in file order; a clock name given twice is reported and the second
// left out. `first_escalation` is the stage's, see read_on_breach.
void read_clocks(const YAML::Node& node, StageDef& stage,
                 std::optional<FirstEscalation>& first_escalation, Reporter& r);

}  // namespace caseflow::definition
