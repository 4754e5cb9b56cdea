// `caseflow validate PATH...`: checks workflow, calendar and unit-directory files the way the
// engine loads them, and prints every problem as FILE:LINE:COL: error: MESSAGE (gcc style).
// Every YAML file found is accounted for: checked, reported, or named on a "skipped:" line (an
// engine config, which is not a definition), so a file never drops out of the check unseen.
// `--config FILE` also loads what that engine config names — workflows, calendars, the unit
// directory, the grid boundaries and the residential compounds — together, as `caseflow run`
// does, so a compound whose property company is not in the unit directory, or whose community is
// not where its polygon lies, is reported with the compound file's FILE:LINE:COL.
// Exit codes: 0 clean, 1 problems found, 2 usage (no path, or a path that cannot be read).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <tuple>

#include "app/commands.h"
#include "app/setup_options.h"
#include "connectors/files/definition_files.h"

namespace caseflow::app {
namespace {

// Loads the city and definitions an engine config names; appends their problems.
void check_config(const std::string& config_file, Diagnostics& problems) {
  auto config = load_engine_config(config_file, problems);
  if (!config) return;
  for (const auto& path : {config->boundaries, config->compounds}) {
    if (!path.empty() && !std::filesystem::exists(path))
      problems.push_back(
          {config->file.string(), 0, 0, "names " + path.string() + ", which does not exist"});
  }
  if (problems.empty()) (void)runtime::load_engine_setup(setup_options(*config), problems);
}

int validate(const std::vector<std::string>& paths, const std::string& config_file) {
  if (paths.empty() && config_file.empty()) {
    std::cerr << "caseflow validate: give at least one file or folder, or --config (try --help)\n";
    return 2;
  }
  const std::vector<std::filesystem::path> roots(paths.begin(), paths.end());
  auto loaded = files::load_definitions(roots);

  auto& problems = loaded.problems;
  if (!config_file.empty()) check_config(config_file, problems);
  std::stable_sort(problems.begin(), problems.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  for (const auto& problem : problems) std::cout << problem.to_string() << "\n";
  for (const auto& path : loaded.skipped)
    std::cout << "skipped: " << path.string() << " (engine config)\n";
  for (const auto& path : loaded.unreadable)
    std::cerr << "caseflow validate: cannot read " << path << "\n";
  if (!loaded.unreadable.empty()) return 2;

  if (!problems.empty()) {
    std::cerr << problems.size() << (problems.size() == 1 ? " problem" : " problems") << " found\n";
    return 1;
  }
  if (paths.empty()) {
    std::cout << "ok: " << config_file << " loads as the engine loads it\n";
    return 0;
  }
  std::cout << "ok: " << loaded.workflows.size() << " workflows, " << loaded.calendars.size()
            << " calendars, " << loaded.departments.size() << " departments"
            << (loaded.load_models == 0 ? ""
                : loaded.load_models == 1
                    ? ", 1 load model"
                    : ", " + std::to_string(loaded.load_models) + " load models")
            << " checked (" << loaded.files_read << " files read, " << loaded.skipped.size()
            << (loaded.skipped.size() == 1 ? " engine config" : " engine configs") << " skipped)\n";
  return 0;
}

}  // namespace

void add_validate_command(CLI::App& cli, CommandRunner& chosen) {
  auto* command =
      cli.add_subcommand("validate",
                         "Check workflow, calendar and unit-directory files; print each problem as "
                         "FILE:LINE:COL: error: MESSAGE. Exit 0 clean, 1 problems, 2 usage.");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto config = std::make_shared<std::string>();
  command->add_option("paths", *paths,
                      "Files or folders (walked for *.yaml, *.yml). Include the config folder "
                      "to check calendar names and department codes too.");
  command->add_option("--config", *config,
                      "Also load what this engine config names (workflows, calendars, units, "
                      "boundaries, compounds) together, as `caseflow run` does");
  command->callback(
      [&chosen, paths, config] { chosen = [paths, config] { return validate(*paths, *config); }; });
}

}  // namespace caseflow::app
