// Finds and reads definition files on disk — workflows, business calendars and the unit
// directory's department list — and loads them with the pure loaders of engine/. Used by
// `caseflow validate` and by the engine at start and on reload.
//
// Which file is which (documented in docs/workflows.md):
//   - a file inside a folder named `calendars`, or whose top level has a `time_zone` key, is a
//     calendar;
//   - a file named units.yaml / units.yml, or whose top level has `departments` and no
//     `workflow`, is the unit directory (only its department codes are read here);
//   - a file whose top level has a `workflow` key, or that lies inside a folder named
//     `workflows`, or that was named directly, is a workflow;
//   - any other YAML file found in a folder (e.g. config/caseflow.yaml) is skipped.
// Folders are walked recursively for *.yaml and *.yml, in sorted order. Calendars and the unit
// directory are loaded first, so workflows are checked against the calendar names and department
// codes found. With no calendar among the paths the calendar check is skipped; with no unit
// directory, the department check.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/common/diagnostic.h"
#include "engine/definition/catalog.h"
#include "engine/definition/workflow.h"
#include "engine/time/working_calendar.h"

namespace caseflow::files {

enum class FileKind : uint8_t { workflow, calendar, unit_directory, other };

struct LoadOptions {
  std::string topic_prefix = "caseflow";  // for the default dispatch topics
};

struct LoadedDefinitions {
  std::vector<definition::WorkflowPtr> workflows;  // every workflow that loaded cleanly
  std::map<std::string, CalendarPtr> calendars;    // by calendar name
  std::set<std::string, std::less<>> departments;  // codes from the unit directory
  definition::CatalogPtr catalog;                  // set only when `problems` is empty
  Diagnostics problems;                            // every problem, FILE:LINE:COL
  std::vector<std::string> unreadable;             // "PATH: reason" — paths we cannot read
  std::vector<std::filesystem::path> skipped;      // YAML files that are none of the kinds
  size_t files_read = 0;

  bool clean() const { return problems.empty() && unreadable.empty(); }
};

// Loads everything under `paths` (files or folders). Never throws: file-system errors become
// `unreadable` entries, file content problems become `problems`. A file larger than 1 MiB is
// refused by its size, without reading it. Thread rules: none; touches only the given paths.
LoadedDefinitions load_definitions(const std::vector<std::filesystem::path>& paths,
                                   const LoadOptions& options = {});

// The kind of one file, by the rules above, from its path and parsed top level.
// `named_directly`: the user gave this file (not a folder holding it).
FileKind classify(const std::filesystem::path& path, const std::string& text, bool named_directly);

}  // namespace caseflow::files
