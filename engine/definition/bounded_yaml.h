// Parsing YAML that an admin (or an attacker) wrote, within fixed limits of size, nesting and
// alias expansion, so a hostile file costs bounded time and memory and never crashes the process.
//
// Shared by the workflow loader and the file connector (which sniffs a file's kind). Pure: takes
// text, never touches the file system.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <optional>
#include <string_view>

#include "engine/common/diagnostic.h"

namespace caseflow::definition {

struct YamlLimits {
  size_t max_bytes = size_t{1} << 20;  // 1 MiB: the largest real workflow is a few KiB
  int max_depth = 32;                  // a workflow nests about 6 levels deep
  size_t max_nodes = 100'000;          // nodes after expanding every alias (stops alias bombs)
};

// Parses the single YAML document in `text`. On success returns its root node (an empty file
// gives a Null node) and leaves `problems` untouched. On failure returns nullopt and appends one
// diagnostic saying which limit or syntax rule was broken, at FILE:LINE:COL (1-based).
// Rules beyond YAML syntax: at most one document; no alias to a node that contains it.
// The returned node owns its memory; aliases share nodes, so walking it visits at most
// `max_nodes` nodes. Thread rules: none (no shared state).
std::optional<YAML::Node> parse_bounded_yaml(std::string_view file, std::string_view text,
                                             Diagnostics& problems, const YamlLimits& limits = {});

// A 1-based diagnostic at a yaml-cpp mark (which is 0-based; a null mark becomes 1:1).
Diagnostic diagnostic_at(std::string_view file, const YAML::Mark& mark, std::string message);

}  // namespace caseflow::definition
