// `caseflow simulate`: placeholder until the command lands (docs/simulate.md).
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/commands.h"

namespace caseflow::app {

void add_simulate_command(CLI::App& cli, CommandRunner& chosen) {
  CLI::App* cmd = cli.add_subcommand("simulate", "Run workflows on virtual time against a load");
  cmd->callback([&chosen] {
    chosen = [] {
      std::cerr << "caseflow simulate: not built yet\n";
      return 2;
    };
  });
}

}  // namespace caseflow::app
