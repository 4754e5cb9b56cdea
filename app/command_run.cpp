// Replaced by the foundation work (issue 2).
#include <CLI/CLI.hpp>

#include "app/commands.h"

namespace caseflow::app {
void add_run_command(CLI::App&, CommandRunner&) {}
}  // namespace caseflow::app
