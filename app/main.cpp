#include <CLI/CLI.hpp>

#include "app/commands.h"

int main(int argc, char** argv) {
  CLI::App cli{"caseflow — an event-driven case-handling workflow engine on Kafka", "caseflow"};
  cli.set_version_flag("--version", std::string("caseflow ") + CASEFLOW_VERSION);
  cli.require_subcommand(1);

  caseflow::app::CommandRunner chosen;
  caseflow::app::add_run_command(cli, chosen);
  caseflow::app::add_validate_command(cli, chosen);
  caseflow::app::add_broker_command(cli, chosen);
  caseflow::app::add_simulate_command(cli, chosen);
  caseflow::app::add_archive_command(cli, chosen);
  caseflow::app::add_report_command(cli, chosen);
  caseflow::app::add_hash_token_command(cli, chosen);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 reports --help and --version as "errors" with exit code 0; usage errors exit 2.
    const int code = cli.exit(e);
    return code == 0 ? 0 : 2;
  }
  return chosen ? chosen() : 2;
}
