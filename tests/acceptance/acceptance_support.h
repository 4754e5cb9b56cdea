// What the acceptance tests share: the product's own files read as a newcomer reads them (the
// README, scripts/run.sh, the shipped configs), copied with only the addresses a test must change.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tests/integration/support/child_process.h"

namespace caseflow::testing {

// A file of the repository, as text.
std::string read_repo_file(const std::string& relative);

// A copy of the config `relative` (e.g. "demo/caseflow.yaml") in a fresh temporary folder, with
// its relative paths made absolute and each dotted key of `set` ("http.listen") given a new
// value. Returns the copy's path.
std::filesystem::path copy_config(const std::string& relative,
                                  const std::map<std::string, std::string>& set);

// The arguments scripts/run.sh gives the binary after its path (its `exec .../caseflow ...`
// line), with "$@" replaced by `extra`. The test runs exactly what a newcomer runs.
std::vector<std::string> run_sh_arguments(const std::vector<std::string>& extra);

// The README's shell example that produces to Kafka with kcat (the lines from `echo '` through
// the `| kcat ... -P ...` line), joined into one command.
std::string readme_produce_example();

// The value printed after `label` in the banner ("bootstrap:" -> "127.0.0.1:40123"); waits for
// the line. nullopt if it never came.
std::optional<std::string> banner_value(ChildProcess& process, const std::string& label,
                                        std::chrono::milliseconds timeout);

// The text of every record kcat reads from `topic` (from the beginning to the end, `-f format`).
std::string kcat_consume(const std::string& bootstrap, const std::string& topic,
                         const std::string& format);

// Repeats `check` until it holds, reading the child's output meanwhile so it never blocks on a
// full pipe; false at the deadline.
bool eventually(ChildProcess& process, std::chrono::milliseconds timeout,
                const std::function<bool()>& check);

}  // namespace caseflow::testing
