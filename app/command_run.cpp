// `caseflow run`: the engine on its Kafka broker.
#include <CLI/CLI.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <iostream>
#include <optional>
#include <thread>

#include "app/commands.h"
#include "app/embedded_kafka.h"
#include "app/engine_config.h"
#include "app/signals.h"

namespace caseflow::app {
namespace {

int fail(const std::string& message) {
  std::cerr << "caseflow: error: " << message << "\n";
  return 1;
}

int run(const std::string& config_file) {
  const sigset_t signals = block_process_signals();

  Diagnostics problems;
  auto config = load_engine_config(config_file, problems);
  if (!config) {
    for (const auto& p : problems) std::cerr << p.to_string() << "\n";
    return 1;
  }
  const kafka::TopicNames names(config->kafka.topic_prefix);

  // One io_context carries all of the engine's network I/O; its one thread is owned here.
  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);
  std::optional<EmbeddedKafka> embedded;
  std::string bootstrap = config->kafka.bootstrap;
  if (config->kafka.embedded()) {
    auto started = start_embedded_kafka(io, config->kafka.embedded_brokers,
                                        kafka::required_topics(names, config->kafka.layout),
                                        config->kafka.embedded_listen);
    if (!started) return fail(started.error().message);
    embedded = std::move(*started);
    bootstrap = embedded->bootstrap();
  }
  std::thread io_thread([&io] { io.run(); });

  std::cout << "caseflow " << CASEFLOW_VERSION << " running ("
            << (embedded ? "embedded Kafka-protocol broker" : "external Kafka") << ")\n"
            << "  bootstrap: " << bootstrap << "\n"
            << "  try:       kcat -b " << bootstrap << " -L\n"
            << "  stop:      Ctrl-C" << std::endl;

  while (wait_for_signal(signals) == SIGHUP) {
  }
  std::cout << "caseflow: stopping" << std::endl;

  if (embedded) embedded->relay.reset();
  work.reset();
  io.stop();
  io_thread.join();
  embedded.reset();
  std::cout << "caseflow: stopped" << std::endl;
  return 0;
}

}  // namespace

void add_run_command(CLI::App& cli, CommandRunner& chosen) {
  auto* cmd = cli.add_subcommand("run", "Run the engine (by default on its embedded Kafka broker)");
  auto config = std::make_shared<std::string>("config/caseflow.yaml");
  cmd->add_option("--config", *config, "Engine config file")->capture_default_str();
  cmd->callback([&chosen, config] { chosen = [config] { return run(*config); }; });
}

}  // namespace caseflow::app
