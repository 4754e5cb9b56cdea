// `caseflow run`: the engine. Threads, all owned here: main's (signals), the I/O thread (Asio:
// the bootstrap relay, HTTP), and the processing thread (the StreamProcessor and its engines).
#include <unistd.h>
#include <CLI/CLI.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <future>
#include <iostream>
#include <optional>
#include <thread>

#include "app/commands.h"
#include "app/embedded_kafka.h"
#include "app/engine_config.h"
#include "app/signals.h"
#include "connectors/demo/demo_driver.h"
#include "connectors/http/api.h"
#include "connectors/http/event_sink.h"
#include "connectors/http/reload.h"
#include "connectors/http/server.h"
#include "connectors/http/workflow_watcher.h"
#include "connectors/kafka/producer.h"
#include "connectors/kafka/topic_admin.h"
#include "connectors/metrics/metrics_registry.h"
#include "connectors/runtime/definitions_topic.h"
#include "connectors/runtime/engine_setup.h"
#include "connectors/runtime/processing_loop.h"

namespace caseflow::app {
namespace {

struct RunOptions {
  std::string config = "config/caseflow.yaml";
  bool demo = false;     // --demo: demo/caseflow.yaml
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
  auto config = load_engine_config(options.demo ? "demo/caseflow.yaml" : options.config, problems);
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
  std::unique_ptr<EmbeddedKafka> embedded;  // (not std::optional: g++ 12 -O3 warns falsely)
  std::string bootstrap = config->kafka.bootstrap;
  kafka::Properties kafka_props = config->kafka.properties;
  if (config->kafka.embedded()) {
    auto started = start_embedded_kafka(io, config->kafka.embedded_brokers, topics,
                                        config->kafka.embedded_listen);
    if (!started) return fail(started.error().message);
    embedded = std::make_unique<EmbeddedKafka>(std::move(*started));
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

  metrics::MetricsRegistry probe;  // outlives the processing loop and the HTTP server
  runtime::ProcessingLoop loop;
  // Reloads (HTTP, SIGHUP, the folder watcher) keep every version in force loadable, store new
  // versions in the definitions topic before they are swapped in, and create new topics.
  http::Reloader reloader(setup_opts, setup, loop, [&](const runtime::EngineSetup& next) -> Status {
    if (embedded) {
      if (auto created = embedded->broker->create_topics(
              kafka::required_topics(names, config->kafka.layout, next.dispatch_topics()));
          !created) {
        return created;
      }
    } else if (auto ensured = kafka::ensure_topics(
                   kafka::producer_properties(kafka_props),
                   kafka::required_topics(names, config->kafka.layout, next.dispatch_topics()));
               !ensured) {
      return ensured;
    }
    auto producer = kafka::Producer::create(kafka::producer_properties(kafka_props));
    if (!producer) return producer.error();
    if (auto err =
            runtime::store_definitions(**producer, names.definitions(), next.workflow_texts, {})) {
      return Error{"definitions_topic", err.describe()};
    }
    return ok_status();
  });
  Status processing_result = ok_status();
  std::thread processing_thread([&] {
    processing_result = loop.run([&]() -> Result<std::unique_ptr<runtime::StreamProcessor>> {
      return runtime::StreamProcessor::create(
          processing, [&reloader] { return reloader.current()->make_engine(); }, wall_clock, probe);
    });
    // Wake main's sigwait: the engine cannot go on without its processing thread.
    if (!processing_result) kill(getpid(), SIGTERM);
  });
  // The open-cases gauge drifts when partitions move (restored or revoked cases are not
  // observations): recount it from the engines every 30 s, on the processing thread.
  boost::asio::steady_timer recount(io);
  std::function<void()> schedule_recount = [&] {
    recount.expires_after(std::chrono::seconds(30));
    recount.async_wait([&](boost::system::error_code ec) {
      if (ec) return;
      loop.submit(
          [&probe](const runtime::EngineReader& r) { probe.recount_open_cases(r.engines()); });
      schedule_recount();
    });
  };
  schedule_recount();

  std::unique_ptr<demo::DemoDriver> demo;
  if (config->demo.enabled) {
    demo::DemoOptions demo_options;
    demo_options.topic_prefix = config->kafka.topic_prefix;
    demo_options.http_base = "http://" + config->http.listen;
    demo_options.report_every = std::chrono::milliseconds(config->demo.report_every_ms);
    auto started = demo::DemoDriver::start(io, bootstrap, demo_options);
    if (!started) {
      loop.stop();
      processing_thread.join();
      return fail("demo: " + started.error().message);
    }
    demo = std::move(*started);
  }
  // HTTP: Open311, the admin API, health and metrics, on the I/O thread.
  http::KafkaSinkOptions sink_options;
  sink_options.kafka = kafka::producer_properties(kafka_props);
  sink_options.topic = names.events();
  sink_options.max_in_flight = static_cast<size_t>(config->http.max_in_flight);
  auto sink = http::KafkaEventSink::create(io, sink_options);
  if (!sink) {
    loop.stop();
    processing_thread.join();
    return fail("http intake: " + sink.error().message);
  }
  http::ApiSettings api_settings;
  api_settings.api_keys = config->http.api_keys;
  api_settings.admin_token = config->http.admin_token;
  api_settings.instance_id = processing.instance_id;
  http::ApiDependencies api_deps;
  api_deps.engines = &loop;
  api_deps.readiness = [&loop] { return loop.readiness(); };
  api_deps.metrics = probe.text_function();
  api_deps.reloader = &reloader;
  api_deps.events = sink->get();
  auto api = std::make_unique<http::Api>(io, api_settings, api_deps);
  http::ServerOptions server_options;
  server_options.listen = config->http.listen;
  server_options.max_body_bytes = static_cast<size_t>(config->http.max_body_bytes);
  server_options.read_timeout = std::chrono::milliseconds(config->http.read_timeout_ms);
  server_options.max_connections = static_cast<size_t>(config->http.max_connections);
  auto server = http::HttpServer::create(io, server_options, api->handler());
  if (!server) {
    loop.stop();
    processing_thread.join();
    return fail("http: " + server.error().message);
  }
  (*server)->start();
  std::unique_ptr<http::WorkflowWatcher> watcher;
  if (config->watch_workflows) {
    auto watching = http::WorkflowWatcher::create(io, config->workflows, [&reloader] {
      reloader.reload_async([](http::ReloadOutcome o) {
        std::cerr << "caseflow: workflows changed on disk: " << o.message << "\n";
        for (const auto& p : o.problems) std::cerr << p.to_string() << "\n";
      });
    });
    if (watching) watcher = std::move(*watching);
  }

  std::thread io_thread([&io] { io.run(); });

  std::cout << "caseflow " << CASEFLOW_VERSION << " running ("
            << (embedded ? "embedded Kafka-protocol broker" : "Kafka at " + bootstrap) << ")\n"
            << "  bootstrap: " << bootstrap << "\n"
            << "  instance:  " << processing.instance_id << " in group " << processing.group_id
            << ", " << (processing.exactly_once ? "exactly once" : "at least once") << "\n"
            << "  workflows: " << setup->catalog->current().size() << " ("
            << setup->catalog->all().size() << " versions)\n"
            << "  http:      http://" << (*server)->endpoint() << "/readyz  /metrics  "
            << "/open311/v2/services.json  /api/v1/cases\n"
            << "  try:       kcat -b " << bootstrap << " -C -t " << names.stage("grid")
            << " -f '%k %s\\n'\n"
            << "  stop:      Ctrl-C" << std::endl;

  while (wait_for_signal(signals) == SIGHUP) {
    const auto outcome = reloader.reload();
    std::cerr << "caseflow: SIGHUP: " << outcome.message << "\n";
    for (const auto& p : outcome.problems) std::cerr << p.to_string() << "\n";
  }
  std::cout << "caseflow: stopping (committing what is done)" << std::endl;
  loop.stop();
  processing_thread.join();

  // The HTTP side stops on its own thread: no new requests, pending sends flushed.
  std::promise<void> http_stopped;
  boost::asio::post(io, [&] {
    watcher.reset();
    (*server)->stop();
    (*sink)->close(5'000);
    http_stopped.set_value();
  });
  http_stopped.get_future().wait();

  recount.cancel();
  if (embedded) embedded->relay.reset();
  work.reset();
  io.stop();
  io_thread.join();
  if (demo) demo->stop();
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
  cmd->add_flag("--demo", options->demo,
                "Show caseflow at work: demo/caseflow.yaml, with simulated complaints and units "
                "(docs/demo.md)");
  cmd->add_option("--instance", options->instance,
                  "This instance's stable id in the consumer group (default: "
                  "processing.instance_id, else the host name)");
  cmd->callback([&chosen, options] { chosen = [options] { return run(*options); }; });
}

}  // namespace caseflow::app
