// `caseflow archive`: the archive writer alone, for an archive that runs apart from the engines
// (several engine instances, one archive). Threads: main's (signals) and the writer's.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "app/archive_service.h"
#include "app/commands.h"
#include "app/engine_config.h"
#include "app/kafka_client_properties.h"
#include "app/signals.h"
#include "connectors/archive/archive_metrics.h"
#include "connectors/log/log.h"

namespace caseflow::app {
namespace {

struct ArchiveOptions {
  std::string config = "config/caseflow.yaml";
};

int run_archive(const ArchiveOptions& options) {
  const sigset_t signals = block_process_signals();
  Diagnostics problems;
  auto config = load_engine_config(options.config, problems);
  if (!config) {
    for (const auto& p : problems) std::cerr << p.to_string() << "\n";
    return 1;
  }
  logging::set_threshold(config->log.level);
  kafka::Properties kafka;
  if (config->kafka.embedded()) {
    // The embedded broker lives in the `caseflow run` process; its fixed address reaches it.
    if (config->kafka.embedded_listen.empty()) {
      logging::error("archive",
                     "kafka.bootstrap is embedded and kafka.embedded_listen is \"\" in " +
                         config->file.string() +
                         ": there is no address to reach the engine's broker at");
      return 1;
    }
    kafka = kafka_client_properties(*config, config->kafka.embedded_listen);
  } else {
    kafka = kafka_client_properties(*config, config->kafka.bootstrap);
  }
  if (const std::string line = kafka_properties_log_line(*config); !line.empty()) {
    logging::info("kafka", line);
  }
  auto writer_options = archive_writer_options(*config, kafka);
  const std::string where =
      !writer_options.where.url.empty() ? "PostgreSQL (archive.url)" : writer_options.where.path;

  metrics::MetricsRegistry registry;  // counted for the log; no HTTP here
  archive::MetricsArchiveProbe probe(registry);
  auto service = ArchiveService::start(std::move(writer_options), probe, [](const Status&) {
    kill(getpid(), SIGTERM);  // wake main: the writer cannot go on
  });
  if (!service) {
    logging::error("archive", "cannot start: " + service.error().message);
    return 1;
  }
  std::cout << "caseflow " << CASEFLOW_VERSION << " archive: " << kafka["bootstrap.servers"]
            << " -> " << where << " (group " << config->archive.group_id << ")\n"
            << "  stop:      Ctrl-C" << std::endl;
  while (wait_for_signal(signals) == SIGHUP) {
  }
  std::cout << "caseflow archive: stopping (writing and committing what is read)" << std::endl;
  const Status result = (*service)->stop();
  if (!result) {
    logging::error("archive", result.error().message);
    return 1;
  }
  std::cout << "caseflow archive: stopped" << std::endl;
  return 0;
}

}  // namespace

void add_archive_command(CLI::App& cli, CommandRunner& chosen) {
  auto options = std::make_shared<ArchiveOptions>();
  auto* cmd = cli.add_subcommand(
      "archive",
      "Run only the archive writer: caseflow.updates and caseflow.alerts into the archive "
      "database (archive.path or archive.url; docs/archive.md)");
  cmd->add_option("--config", options->config,
                  "Engine config file (default: config/caseflow.yaml)");
  cmd->callback([&chosen, options] { chosen = [options] { return run_archive(*options); }; });
}

}  // namespace caseflow::app
