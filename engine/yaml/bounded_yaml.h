// Parsing YAML that an admin (or an attacker) wrote, within fixed limits of size, nesting and
// alias expansion, so a hostile file costs bounded time and memory and never crashes the process.
//
// Every loader of an admin's file reads its text through here: workflows, calendars, the unit
// directory, load models, the engine config, and the file connector (which sniffs a file's
// kind). It sits below engine/time and engine/definition so that all of them can use it.
// Pure: takes text, never touches the file system.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "engine/common/diagnostic.h"

namespace caseflow::yaml {

struct YamlLimits {
  size_t max_bytes = size_t{1} << 20;  // 1 MiB: the largest real workflow is a few KiB
  int max_depth = 32;                  // a workflow nests about 6 levels deep
  size_t max_nodes = 100'000;          // nodes after expanding every alias (stops alias bombs)
};

// Why a file was refused, so a loader may say it in its own words.
struct YamlRefusal {
  enum class Rule {
    too_large,          // more than max_bytes
    too_deep,           // nested deeper than max_depth (or than yaml-cpp's own recursion guard)
    too_many_nodes,     // more than max_nodes once aliases are expanded
    alias_cycle,        // an alias to a node that contains it
    several_documents,  // more than one YAML document
    syntax,             // not YAML at all
    unreadable,         // anything else the parser threw (e.g. out of memory)
  };
  Rule rule;
  YAML::Mark mark;        // where, as yaml-cpp counts (0-based; null for the whole file)
  Diagnostic diagnostic;  // the same place as FILE:LINE:COL (1-based), in the reader's words
  std::string detail;     // syntax: the parser's words ("illegal map value"); unreadable: the
                          // exception's; else empty
  int depth = 0;          // too_deep: the nesting level at which reading stopped
};

// The root node of the document (an empty file gives a Null node), or why it was refused.
// The node owns its memory; aliases share nodes, so walking it visits at most `max_nodes` nodes.
using BoundedYaml = std::variant<YAML::Node, YamlRefusal>;

// Parses the single YAML document in `text`, checking the limits on parser events before any
// node is built, so the check itself is cheap. Rules beyond YAML syntax: at most one document; no
// alias to a node that contains it. Thread rules: none (no shared state).
BoundedYaml read_bounded_yaml(std::string_view file, std::string_view text,
                              const YamlLimits& limits = {});

// The same, for loaders content with the reader's wording: on success returns the root node and
// leaves `problems` untouched; on failure returns nullopt and appends the refusal's diagnostic.
std::optional<YAML::Node> parse_bounded_yaml(std::string_view file, std::string_view text,
                                             Diagnostics& problems, const YamlLimits& limits = {});

// A 1-based diagnostic at a yaml-cpp mark (which is 0-based; a null mark becomes 1:1).
Diagnostic diagnostic_at(std::string_view file, const YAML::Mark& mark, std::string message);

}  // namespace caseflow::yaml
