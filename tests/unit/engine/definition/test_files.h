// Helpers shared by the definition tests: reading the repository's files and the context the
// sample workflows are written for.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "engine/definition/workflow_loader.h"

namespace caseflow::definition::testing {

std::filesystem::path source_dir();
std::string read_text(const std::filesystem::path& path);
// Sorted *.yaml files directly inside `folder`.
std::vector<std::filesystem::path> yaml_files_in(const std::filesystem::path& folder);
// Calendars cn-mainland and always; the departments of config/units.yaml.
LoadContext city_context();
// A path relative to the source dir, as the tests pass it to the loader: "workflows/noise.yaml".
std::string repo_relative(const std::filesystem::path& path);

}  // namespace caseflow::definition::testing
