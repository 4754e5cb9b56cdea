// The top-level `duplicates` section (疑似重复): how near and how recent an open case of the same
// category must be for a dispatched report to name it as a possible duplicate. Private to
// engine/definition (a section reader of the workflow loader). Pure.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string_view>

#include "engine/definition/workflow.h"
#include "engine/definition/yaml_reader.h"

namespace caseflow::definition {

// "200m", "1km", "1.5km" -> metres (rounded); nullopt for anything else, or outside
// 1 .. kMaxDuplicateDistanceM.
std::optional<int> parse_distance_m(std::string_view text);

// Both keys are required; `duplicates` is set only when both read cleanly.
void read_duplicates(const YAML::Node& node, std::optional<DuplicatePolicy>& duplicates,
                     Reporter& r);

}  // namespace caseflow::definition
