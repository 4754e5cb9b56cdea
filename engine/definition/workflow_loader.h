// Reads one workflow file (workflows/*.yaml; the language is documented in docs/workflows.md)
// into the typed, immutable Workflow of workflow.h, checking every rule of the language.
//
// Pure: takes the file's name (for messages) and its text, and a LoadContext that says what else
// exists (calendars, departments, levels); never touches the file system.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "engine/common/diagnostic.h"
#include "engine/definition/workflow.h"

namespace caseflow::definition {

// What a workflow may refer to. Checks whose list is not given are skipped, so a file can be
// validated without the rest of the configuration.
struct LoadContext {
  // Names of the calendars that exist. nullopt = do not check `calendar:`.
  std::optional<std::set<std::string, std::less<>>> calendars;
  // Department codes of the unit directory. Empty = do not check department codes.
  std::set<std::string, std::less<>> departments;
  // Levels of the city hierarchy that have units. A stage at another level is an error.
  std::set<Level> levels{Level::grid,     Level::community,  Level::street,
                         Level::district, Level::department, Level::property};
  // Prefix of the default dispatch topics: "<prefix>.stage.<level>", "<prefix>.dept.<code>".
  std::string topic_prefix = "caseflow";
};

// On success returns the workflow (content_hash and source_file filled in) and leaves `problems`
// untouched. On failure returns nullptr and appends every problem found, not only the first, each
// as FILE:LINE:COL (1-based). Never throws; a hostile file (too large, too deep, an alias bomb,
// broken YAML) is one more problem, found in bounded time and memory (see
// engine/yaml/bounded_yaml.h). The result is immutable and may be shared between threads. Thread
// rules: none (no state).
WorkflowPtr load_workflow(std::string_view file, std::string_view text, const LoadContext& context,
                          Diagnostics& problems);

// FNV-1a 64 of `bytes`: the content hash that tells two versions of a file apart.
uint64_t fnv1a_64(std::string_view bytes);

// The text of an urgency or level as the YAML writes it: "emergency", "department".
std::string_view to_string(Urgency urgency);
std::string_view to_string(Level level);

}  // namespace caseflow::definition
