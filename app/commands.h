// Each subcommand of `caseflow` registers itself on the CLI11 app and returns the exit code
// through `exit_code` once CLI11 has parsed the command line. main() only wires them together.
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace caseflow::app {

// The code a chosen subcommand returns; set by the subcommand's callback.
using CommandRunner = std::function<int()>;

void add_run_command(CLI::App& cli, CommandRunner& chosen);
void add_validate_command(CLI::App& cli, CommandRunner& chosen);
void add_broker_command(CLI::App& cli, CommandRunner& chosen);
void add_simulate_command(CLI::App& cli, CommandRunner& chosen);
void add_archive_command(CLI::App& cli, CommandRunner& chosen);
void add_report_command(CLI::App& cli, CommandRunner& chosen);
void add_hash_token_command(CLI::App& cli, CommandRunner& chosen);

}  // namespace caseflow::app
