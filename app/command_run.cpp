// `caseflow run`: the engine. Threads, all owned here: main's (signals), the I/O thread (Asio:
// the bootstrap relay, HTTP), and the processing thread (the StreamProcessor and its engines).
#include <unistd.h>
#include <CLI/CLI.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <iostream>
#include <optional>
#include <thread>

#include "app/commands.h"
#include "app/embedded_kafka.h"
#include "app/engine_config.h"
#include "app/signals.h"
#include "connectors/kafka/producer.h"
#include "connectors/kafka/topic_admin.h"
#include "connectors/runtime/definitions_topic.h"
#include "connectors/runtime/engine_setup.h"
#include "connectors/runtime/processing_loop.h"

namespace caseflow::app {
namespace {

struct RunOptions {
  std::string config = "config/caseflow.yaml";
  std::string instance;  // overrides processing.instance_id
};

int fail(const std::string& message) {
  std::cerr << "caseflow: error: " << message << "\n";
  return 1;
}

std::string host_name() {
  char name[256] = {0};
  gethostname(name, sizeof name - 1);
  return name;
}

Instant wall_clock() {
  return Instant::from_unix_millis(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count());
}

runtime::EngineSetupOptions setup_options(const EngineConfig& config) {
  runtime::EngineSetupOptions o;
  o.workflows = config.workflows;
  o.calendars = config.calendars;
  o.units = config.units;
  o.boundaries = config.boundaries;
  o.topic_prefix = config.kafka.topic_prefix;
  return o;
}

// Loads the definitions; on problems prints every one (FILE:LINE:COL) and returns null.
std::shared_ptr<const runtime::EngineSetup> load_setup(const runtime::EngineSetupOptions& options) {
  Diagnostics problems;
  auto setup = runtime::load_engine_setup(options, problems);
  for (const auto& p : problems) std::cerr << p.to_string() << "\n";
  return setup ? *setup : nullptr;
}

int run(const RunOptions& options) {
  const sigset_t signals = block_process_signals();

  Diagnostics problems;
  auto config = load_engine_config(options.config, problems);
  if (!config) {
    for (const auto& p : problems) std::cerr << p.to_string() << "\n";
    return 1;
  }
  const kafka::TopicNames names(config->kafka.topic_prefix);
  auto setup_opts = setup_options(*config);
  auto setup = load_setup(setup_opts);
  if (!setup) return fail("the workflow definitions have problems (listed above)");
  const auto topics = kafka::required_topics(names, config->kafka.layout, setup->dispatch_topics());

  // One io_context carries all of the engine's network I/O; its one thread is owned here.
  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);
  std::optional<EmbeddedKafka> embedded;
  std::string bootstrap = config->kafka.bootstrap;
  kafka::Properties kafka_props = config->kafka.properties;
  if (config->kafka.embedded()) {
    auto started = start_embedded_kafka(io, config->kafka.embedded_brokers, topics,
                                        config->kafka.embedded_listen);
    if (!started) return fail(started.error().message);
    embedded = std::move(*started);
    bootstrap = embedded->bootstrap();
    kafka_props["bootstrap.servers"] = embedded->broker->bootstrap();
  } else {
    kafka_props["bootstrap.servers"] = bootstrap;
    if (auto ensured = kafka::ensure_topics(kafka::producer_properties(kafka_props), topics);
        !ensured) {
      return fail(ensured.error().message);
    }
  }

  // Workflow versions that live cases use stay loadable even after their files changed.
  std::vector<std::pair<std::string, std::string>> stored;
  if (auto err = runtime::read_definitions(kafka_props, names.definitions(), stored)) {
    return fail("reading " + names.definitions() + ": " + err.describe());
  }
  if (!stored.empty()) {
    setup_opts.retained_workflows = stored;
    setup = load_setup(setup_opts);
    if (!setup) {
      return fail("the workflow files disagree with the versions live cases use (" +
                  names.definitions() + "); give a changed workflow a new version");
    }
  }
  {
    auto producer = kafka::Producer::create(kafka::producer_properties(kafka_props));
    if (!producer) return fail(producer.error().message);
    if (auto err = runtime::store_definitions(**producer, names.definitions(),
                                              setup->workflow_texts, stored)) {
      return fail("storing workflow definitions: " + err.describe());
    }
  }

  runtime::ProcessorOptions processing;
  processing.kafka = kafka_props;
  processing.topics = names;
  processing.group_id = config->processing.group_id;
  processing.instance_id = !options.instance.empty() ? options.instance
                           : !config->processing.instance_id.empty()
                               ? config->processing.instance_id
                               : host_name();
  processing.exactly_once = config->processing.exactly_once;
  processing.commit_interval_ms = config->processing.commit_interval_ms;
  processing.max_batch_records = static_cast<size_t>(config->processing.max_batch_records);
  processing.max_timer_batch = static_cast<size_t>(config->processing.max_timer_batch);

  runtime::RuntimeProbe probe;  // metrics arrive with the operations surface
  runtime::ProcessingLoop loop;
  Status processing_result = ok_status();
  std::thread processing_thread([&] {
    processing_result = loop.run([&]() -> Result<std::unique_ptr<runtime::StreamProcessor>> {
      return runtime::StreamProcessor::create(
          processing, [setup] { return setup->make_engine(); }, wall_clock, probe);
    });
    // Wake main's sigwait: the engine cannot go on without its processing thread.
    if (!processing_result) kill(getpid(), SIGTERM);
  });
  std::thread io_thread([&io] { io.run(); });

  std::cout << "caseflow " << CASEFLOW_VERSION << " running ("
            << (embedded ? "embedded Kafka-protocol broker" : "Kafka at " + bootstrap) << ")\n"
            << "  bootstrap: " << bootstrap << "\n"
            << "  instance:  " << processing.instance_id << " in group " << processing.group_id
            << ", " << (processing.exactly_once ? "exactly once" : "at least once") << "\n"
            << "  workflows: " << setup->catalog->current().size() << " ("
            << setup->catalog->all().size() << " versions)\n"
            << "  try:       kcat -b " << bootstrap << " -C -t " << names.stage("grid")
            << " -f '%k %s\\n'\n"
            << "  stop:      Ctrl-C" << std::endl;

  while (wait_for_signal(signals) == SIGHUP) {
  }
  std::cout << "caseflow: stopping (committing what is done)" << std::endl;
  loop.stop();
  processing_thread.join();

  if (embedded) embedded->relay.reset();
  work.reset();
  io.stop();
  io_thread.join();
  embedded.reset();
  if (!processing_result) return fail(processing_result.error().message);
  std::cout << "caseflow: stopped" << std::endl;
  return 0;
}

}  // namespace

void add_run_command(CLI::App& cli, CommandRunner& chosen) {
  auto options = std::make_shared<RunOptions>();
  auto* cmd = cli.add_subcommand("run", "Run the engine (by default on its embedded Kafka broker)");
  cmd->add_option("--config", options->config, "Engine config file")->capture_default_str();
  cmd->add_option("--instance", options->instance,
                  "This instance's stable id in the consumer group (default: "
                  "processing.instance_id, else the host name)");
  cmd->callback([&chosen, options] { chosen = [options] { return run(*options); }; });
}

}  // namespace caseflow::app
