// Finds and reads definition files on disk — workflows, business calendars and the unit
// directory's department list — and loads them with the pure loaders of engine/. Used by
// `caseflow validate` and by the engine at start and on reload.
//
// Which file is which (documented in docs/workflows.md). No YAML file is ever passed over
// silently: each one is loaded, named as skipped, or reported as a problem. The first rule that
// fits decides:
//   1. inside a folder named `calendars`: a calendar; named units.yaml / units.yml: the unit
//      directory;
//   2. a top-level `workflow` key: a workflow; `time_zone`: a calendar; `departments`: the unit
//      directory;
//   3. a top-level `kafka`, `http` or `processing` key, or named caseflow.yaml / caseflow.yml:
//      caseflow's engine config, which is no definition — skipped and named in `skipped`;
//      a top-level `reports_per_day`, `hourly`, `hot_spots` or `weekend_factor` key: a load model
//      of `caseflow simulate` (docs/simulate.md) — checked with its own loader, counted in
//      `load_models`, never given to the engine;
//   4. inside a folder named `workflows`, or named directly: a workflow;
//   5. a file that looks like one kind with its naming key misspelt or missing is that kind, so
//      its loader reports the typo at FILE:LINE:COL: a top-level `stages` or `match` key makes a
//      workflow, `working_hours`, `working_weekdays` or `years` a calendar, `levels` or `units`
//      the unit directory;
//   6. anything else is a problem at FILE:1:1 (or the file's YAML syntax error, when it has one).
// Rule 5 is why a copy of workflows/ in a folder of another name still has every file checked.
// The engine loads its paths with the same rules, so what validate accepts the engine accepts.
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

enum class FileKind : uint8_t {
  workflow,
  calendar,
  unit_directory,
  engine_config,
  load_model,
  unknown
};

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
  std::vector<std::filesystem::path> skipped;      // engine configs: read, recognised, not loaded
  size_t files_read = 0;
  size_t load_models = 0;  // simulate load models checked (their problems are in `problems`)

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
