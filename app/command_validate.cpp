// Replaced by the workflow-definitions work (issue 3).
#include <CLI/CLI.hpp>

#include "app/commands.h"

namespace caseflow::app {
void add_validate_command(CLI::App&, CommandRunner&) {}
}  // namespace caseflow::app
