// `caseflow run`: the engine on its Kafka broker.
#include <CLI/CLI.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <csignal>
#include <iostream>
#include <thread>

#include "app/commands.h"
#include "app/engine_config.h"
#include "connectors/kafka/bootstrap_forwarder.h"
#include "connectors/kafka/embedded_broker.h"

namespace caseflow::app {
namespace {

int fail(const std::string& message) {
  std::cerr << "caseflow: error: " << message << "\n";
  return 1;
}

// Blocks the signals the engine handles, in this thread and every thread started after it
// (librdkafka's and ours), so that only sigwait() in main's thread ever sees them.
sigset_t block_shutdown_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

int run(const std::string& config_file) {
  const sigset_t signals = block_shutdown_signals();

  Diagnostics problems;
  auto config = load_engine_config(config_file, problems);
  if (!config) {
    for (const auto& p : problems) std::cerr << p.to_string() << "\n";
    return 1;
  }
  const kafka::TopicNames names(config->kafka.topic_prefix);

  std::unique_ptr<kafka::EmbeddedBroker> broker;
  std::string bootstrap = config->kafka.bootstrap;
  if (config->kafka.embedded()) {
    auto started = kafka::EmbeddedBroker::start(config->kafka.embedded_brokers);
    if (!started) return fail(started.error().message);
    broker = std::move(*started);
    if (auto created = broker->create_topics(kafka::required_topics(names, config->kafka.layout));
        !created) {
      return fail(created.error().message);
    }
    bootstrap = broker->bootstrap();
  }

  // One io_context carries all of the engine's network I/O; its one thread is owned here.
  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);
  std::unique_ptr<kafka::BootstrapForwarder> forwarder;
  if (broker && !config->kafka.embedded_listen.empty()) {
    const std::string first_broker = bootstrap.substr(0, bootstrap.find(','));
    auto started = kafka::BootstrapForwarder::start(io, config->kafka.embedded_listen, first_broker);
    if (!started) return fail(started.error().message);
    forwarder = std::move(*started);
    bootstrap = forwarder->address();
  }
  std::thread io_thread([&io] { io.run(); });

  std::cout << "caseflow " << CASEFLOW_VERSION << " running ("
            << (broker ? "embedded Kafka-protocol broker" : "external Kafka") << ")\n"
            << "  bootstrap: " << bootstrap << "\n"
            << "  try:       kcat -b " << bootstrap << " -L\n"
            << "  stop:      Ctrl-C" << std::endl;

  for (;;) {
    int sig = 0;
    sigwait(&signals, &sig);
    if (sig == SIGINT || sig == SIGTERM) break;
  }
  std::cout << "caseflow: stopping" << std::endl;

  forwarder.reset();
  work.reset();
  io.stop();
  io_thread.join();
  broker.reset();
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
