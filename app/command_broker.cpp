// `caseflow broker`: the embedded Kafka-protocol broker as a process of its own, so that its log
// outlives engines that tests kill, and so units can try their clients against it.
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/commands.h"
#include "app/embedded_kafka.h"
#include "app/engine_config.h"
#include "app/signals.h"
#include "app/startup_errors.h"
#include "connectors/kafka/broker_faults.h"
#include "connectors/runtime/engine_setup.h"

namespace caseflow::app {
namespace {

struct BrokerOptions {
  std::string config = "config/caseflow.yaml";
  int brokers = 0;           // 0 = from the config
  std::string listen = "-";  // "-" = from the config
  bool faults = false;       // --faults given: inject broker faults (for tests)
  uint64_t fault_seed = 0;
  int fault_every_ms = 1000;
};

// Until a signal to stop: every --fault-every-ms, the plan's next fault, injected and announced on
// stdout as "fault N: ..." (a broker coming back as "recovered: broker_up B"), so a test can
// count what it survived.
void inject_faults_until_stopped(kafka::EmbeddedBroker& broker, const BrokerOptions& options,
                                 int brokers, const sigset_t& signals) {
  kafka::BrokerFaultPlan plan(options.fault_seed, brokers);
  uint64_t injected = 0;
  while (true) {
    if (auto sig =
            wait_for_signal_for(signals, std::chrono::milliseconds(options.fault_every_ms))) {
      if (*sig == SIGHUP) continue;
      return;
    }
    const kafka::BrokerFault fault = plan.next();
    kafka::inject(broker.mock_cluster(), fault);
    if (fault.is_recovery()) {
      std::cout << "recovered: " << kafka::describe(fault) << std::endl;
    } else {
      std::cout << "fault " << ++injected << ": " << kafka::describe(fault) << std::endl;
    }
  }
}

int run_broker(const BrokerOptions& options) {
  const sigset_t signals = block_process_signals();
  Diagnostics problems;
  auto config = load_engine_config(options.config, problems);
  if (!config) {
    for (const auto& p : problems) std::cerr << p.to_string() << "\n";
    return 1;
  }
  const int brokers = options.brokers > 0 ? options.brokers : config->kafka.embedded_brokers;
  const std::string listen = options.listen != "-" ? options.listen : config->kafka.embedded_listen;

  // The dispatch topics the config's workflows name, so that engines find every topic they need.
  runtime::EngineSetupOptions setup_options;
  setup_options.workflows = config->workflows;
  setup_options.calendars = config->calendars;
  setup_options.units = config->units;
  setup_options.topic_prefix = config->kafka.topic_prefix;
  Diagnostics setup_problems;
  auto setup = runtime::load_engine_setup(setup_options, setup_problems);
  if (!setup) {
    std::cerr << "caseflow broker: warning: the workflows of " << options.config
              << " have problems; only the fixed topics are created\n";
  }
  const auto topics =
      kafka::required_topics(kafka::TopicNames(config->kafka.topic_prefix), config->kafka.layout,
                             setup ? (*setup)->workflow_topics() : std::vector<std::string>{});

  auto kafka = EmbeddedKafka::start(brokers, topics, listen);
  if (!kafka) {
    std::cerr << "caseflow: error: "
              << listen_failure(kafka.error(), "kafka.embedded_listen (or --listen)", config->file)
              << "\n";
    return 1;
  }
  std::cout << "caseflow broker: " << brokers << " embedded Kafka-protocol broker(s)\n"
            << "  bootstrap: " << (*kafka)->bootstrap() << "\n"
            << "  brokers:   " << (*kafka)->brokers() << "\n"
            << "  note:      it keeps nothing across a restart" << std::endl;
  if (options.faults) {
    std::cout << "  faults:    seed " << options.fault_seed << ", one every "
              << options.fault_every_ms << " ms (for tests: clients will see errors)" << std::endl;
    inject_faults_until_stopped((*kafka)->broker(), options, brokers, signals);
    return 0;
  }

  while (wait_for_signal(signals) == SIGHUP) {
  }
  return 0;
}

}  // namespace

void add_broker_command(CLI::App& cli, CommandRunner& chosen) {
  auto options = std::make_shared<BrokerOptions>();
  auto* cmd = cli.add_subcommand(
      "broker", "Run the embedded Kafka-protocol broker on its own, with caseflow's topics");
  cmd->add_option("--config", options->config, "Engine config (topic prefix and partitions)")
      ->capture_default_str();
  cmd->add_option("--brokers", options->brokers, "Number of brokers (default: from the config)")
      ->check(CLI::Range(1, 9));
  cmd->add_option("--listen", options->listen,
                  "Fixed bootstrap address relayed to the first broker; \"\" for none "
                  "(default: kafka.embedded_listen of the config)");
  auto* faults = cmd->add_option("--faults", options->fault_seed,
                                 "For tests: inject broker faults chosen by this seed (produce "
                                 "errors, transaction coordinator errors, a broker down and up), "
                                 "each announced on stdout");
  cmd->add_option("--fault-every-ms", options->fault_every_ms,
                  "For tests: milliseconds between two faults")
      ->check(CLI::Range(10, 600'000))
      ->needs(faults)
      ->capture_default_str();
  cmd->callback([&chosen, options, faults] {
    options->faults = faults->count() > 0;
    chosen = [options] { return run_broker(*options); };
  });
}

}  // namespace caseflow::app
