// `caseflow run`: the engine. Threads, all owned here: main's (signals), the I/O thread (Asio:
// HTTP, the demo), the processing thread (reaching Kafka, then the StreamProcessor and its
// engines), and, with the embedded broker, the broker's relay thread (EmbeddedKafka).
//
// Start-up order: a step may wait only on a service that is already served. The embedded broker
// and its relay come first and serve on threads of their own; then HTTP is bound and served (so
// /readyz can say why the engine is not ready yet); Kafka is reached on the processing thread,
// retried until it answers. Stop order is the reverse: clients close before the broker goes.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <future>
#include <iostream>
#include <sstream>
#include <thread>

#include "app/archive_service.h"
#include "app/assessment_settings.h"
#include "app/auth_setup.h"
#include "app/cluster_startup.h"
#include "app/commands.h"
#include "app/embedded_kafka.h"
#include "app/engine_config.h"
#include "app/kafka_client_properties.h"
#include "app/setup_options.h"
#include "app/signals.h"
#include "app/startup_errors.h"
#include "connectors/archive/archive_metrics.h"
#include "connectors/archive/archive_store.h"
#include "connectors/demo/demo_driver.h"
#include "connectors/http/api.h"
#include "connectors/http/case_read_router.h"
#include "connectors/http/event_sink.h"
#include "connectors/http/listener_policy.h"
#include "connectors/http/partition_owners.h"
#include "connectors/http/reload.h"
#include "connectors/http/server.h"
#include "connectors/http/workflow_watcher.h"
#include "connectors/kafka/topic_admin.h"
#include "connectors/log/log.h"
#include "connectors/metrics/metrics_registry.h"
#include "connectors/privacy/phone_vault.h"
#include "connectors/runtime/engine_setup.h"
#include "connectors/runtime/processing_loop.h"
#include "console/console_files.h"

namespace caseflow::app {
namespace {

using namespace std::chrono_literals;

constexpr auto kRetryEvery = 5s;  // between attempts to reach a Kafka cluster that is silent

struct RunOptions {
  std::string config;    // "" = config/caseflow.yaml, or demo/caseflow.yaml with --demo
  bool demo = false;     // --demo: the demo driver on (and demo/caseflow.yaml by default)
  std::string instance;  // overrides processing.instance_id
};

int fail(const std::string& message) {
  logging::error("", message);
  return 1;
}

void print_problems(const Diagnostics& problems) {
  for (const auto& p : problems) std::cerr << p.to_string() << "\n";
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

// host:port the other instances reach this one's HTTP at: http.advertise, else the address bound
// (the host name for a wildcard one).
std::string advertise_address(const std::string& configured,
                              const boost::asio::ip::tcp::endpoint& bound) {
  if (!configured.empty()) return configured;
  const std::string port = std::to_string(bound.port());
  if (bound.address().is_unspecified()) return host_name() + ":" + port;
  if (bound.address().is_v6()) return "[" + bound.address().to_string() + "]:" + port;
  return bound.address().to_string() + ":" + port;
}

// Loads the definitions; on problems prints every one (FILE:LINE:COL) and returns null.
std::shared_ptr<const runtime::EngineSetup> load_setup(const runtime::EngineSetupOptions& options) {
  Diagnostics problems;
  auto setup = runtime::load_engine_setup(options, problems);
  print_problems(problems);
  return setup ? *setup : nullptr;
}

runtime::ProcessorOptions processor_options(const EngineConfig& config, const RunOptions& options,
                                            const kafka::Properties& kafka_props) {
  runtime::ProcessorOptions processing;
  processing.kafka = kafka_props;
  processing.topics = kafka::TopicNames(config.kafka.topic_prefix);
  processing.group_id = config.processing.group_id;
  processing.instance_id = !options.instance.empty()                ? options.instance
                           : !config.processing.instance_id.empty() ? config.processing.instance_id
                                                                    : host_name();
  processing.exactly_once = config.processing.exactly_once;
  processing.commit_interval_ms = config.processing.commit_interval_ms;
  processing.max_batch_records = static_cast<size_t>(config.processing.max_batch_records);
  processing.max_timer_batch = static_cast<size_t>(config.processing.max_timer_batch);
  return processing;
}

// Everything the engine runs, once the broker (embedded or not) is there. Returns the exit code;
// every Kafka client it made is closed when it returns.
int serve(const RunOptions& options, const EngineConfig& config, const sigset_t& signals,
          runtime::EngineSetupOptions setup_opts, std::shared_ptr<const runtime::EngineSetup> setup,
          EmbeddedKafka* embedded) {
  const kafka::TopicNames names(config.kafka.topic_prefix);
  const std::string bootstrap = embedded ? embedded->bootstrap() : config.kafka.bootstrap;
  const kafka::Properties kafka_props =
      kafka_client_properties(config, embedded ? embedded->brokers() : config.kafka.bootstrap);
  if (const std::string line = kafka_properties_log_line(config); !line.empty()) {
    logging::info("kafka", line);
  }
  const auto topics_for = [&](const runtime::EngineSetup& s) {
    return kafka::required_topics(names, config.kafka.layout, s.workflow_topics());
  };

  ClusterPlan plan;
  plan.kafka = kafka_props;
  plan.shown_bootstrap = bootstrap;
  plan.create_topics = embedded == nullptr;
  plan.topics = topics_for(*setup);
  plan.definitions_topic = names.definitions();

  // The key that seals residents' phones: the engine seals them before it keeps them, the HTTP
  // intake before they go to Kafka, and only the reveal path opens them (docs/security.md).
  std::optional<privacy::PhoneVault> phone_vault;
  if (!config.privacy.phone_key_file.empty()) {
    auto vault = privacy::PhoneVault::from_key_file(config.privacy.phone_key_file.string(),
                                                    config.privacy.create_key_file);
    if (!vault) return fail("privacy.phone_key_file: " + vault.error().message);
    phone_vault = std::move(*vault);
    logging::info("privacy", "residents' phones are sealed with the key in " +
                                 config.privacy.phone_key_file.string());
  }
  runtime::ProcessorOptions processing = processor_options(config, options, kafka_props);
  processing.phone_vault = phone_vault ? &*phone_vault : nullptr;
  metrics::MetricsRegistry probe;  // outlives the processing loop and the HTTP server
  // The assessment's weights and every unit's counters at 0 before the first case (a series born
  // at 1 would hide its first case from increase()).
  probe.set_assessment_weights(config.assessment);
  probe.declare_assessment_series(metrics::assessment_label_pairs(setup->directory.get()));
  archive::MetricsArchiveProbe archive_probe(probe);
  // The archive writer (archive.enabled): started before the I/O thread, stopped after the
  // processing thread, released after the I/O thread (readiness asks it for its health).
  std::unique_ptr<ArchiveService> archive;
  runtime::ProcessingLoop loop;
  // Reloads (HTTP, SIGHUP, the folder watcher) keep every version in force loadable, store new
  // versions in the definitions topic before they are swapped in, and create new topics.
  http::Reloader reloader(setup_opts, setup, loop, [&](const runtime::EngineSetup& next) -> Status {
    probe.declare_assessment_series(metrics::assessment_label_pairs(next.directory.get()));
    Status created =
        embedded ? embedded->broker().create_topics(topics_for(next))
                 : kafka::ensure_topics(kafka::producer_properties(kafka_props), topics_for(next));
    if (!created) return created;
    return store_workflow_versions(plan, next.workflow_texts, {});
  });

  // One io_context carries the engine's HTTP and the demo; its one thread is owned here.
  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);
  // Reads of cases the engines do not hold go to the archive on the reader's own thread and
  // connection; made after the io_context (its last answers are posted there) and before the API.
  std::unique_ptr<http::ArchiveReader> archive_reader;
  if (config.archive.enabled) {
    const archive::ArchiveLocation where{config.archive.path.lexically_normal().string(),
                                         config.archive.url};
    archive_reader =
        std::make_unique<http::ArchiveReader>([where] { return archive::open_archive(where); });
  }

  http::KafkaSinkOptions sink_options;
  sink_options.kafka = kafka::producer_properties(kafka_props);
  sink_options.topic = names.events();
  sink_options.max_in_flight = static_cast<size_t>(config.http.max_in_flight);
  auto sink = http::KafkaEventSink::create(io, sink_options);
  if (!sink) return fail("http intake: " + sink.error().message);
  http::ApiSettings api_settings;
  api_settings.api_keys = config.http.api_keys;
  auto authenticator = make_authenticator(config);
  if (!authenticator) return fail("http.auth: " + authenticator.error().message);
  api_settings.authenticator = *authenticator;
  api_settings.throttle = throttle_options(config.http.auth);
  api_settings.instance_id = processing.instance_id;
  // GET /api/v1/assessment assesses with what `caseflow report assessment` reads from this config.
  if (auto zone = city_time_zone(config)) {
    api_settings.assessment.time_zone = *zone;
  } else {
    api_settings.assessment.unavailable = zone.error().message;
    if (config.archive.enabled) {
      logging::warning("http", "GET /api/v1/assessment will answer 503: " + zone.error().message);
    }
  }
  api_settings.assessment.weights = config.assessment;
  api_settings.assessment.stars = config.stars.rules;
  api_settings.assessment.survey_dir = config.stars.survey_dir;
  // A read of a case another instance holds is forwarded to it (docs/http.md, "Several
  // instances"); who owns which partition is recorded in the archive by PartitionOwners, made
  // once the HTTP address is known and stopped after the I/O thread.
  std::unique_ptr<http::PartitionOwners> owners;
  http::CaseReadRouter read_router(io,
                                   [&owners](std::string id, http::CaseReadRouter::Found found) {
                                     if (!owners) return found(std::nullopt);
                                     owners->find_owner(std::move(id), std::move(found));
                                   });
  http::ApiDependencies api_deps;
  api_deps.engines = &loop;
  api_deps.readiness = [&loop, &archive] {
    runtime::Readiness r = loop.readiness();
    if (archive) archive->describe(r);
    return r;
  };
  api_deps.metrics = probe.text_function();
  for (const auto reason : http::auth::all_denials()) {
    probe.declare_http_denied(http::auth::denied_reason(reason));
  }
  api_deps.denied = [&probe](std::string_view reason) { probe.record_http_denied(reason); };
  api_deps.reloader = &reloader;
  api_deps.events = sink->get();
  api_deps.archive = archive_reader.get();
  api_deps.router = &read_router;
  api_deps.console = console::files();
  api_deps.phone_vault = processing.phone_vault;
  http::Api api(io, api_settings, api_deps);
  http::ServerOptions server_options;
  server_options.listen = config.http.listen;
  server_options.max_body_bytes = static_cast<size_t>(config.http.max_body_bytes);
  server_options.read_timeout = std::chrono::milliseconds(config.http.read_timeout_ms);
  server_options.max_connections = static_cast<size_t>(config.http.max_connections);
  server_options.on_refused_connection = [&probe] {
    probe.record_http_denied(http::auth::denied_reason(http::auth::Denied::overloaded));
  };
  auto server = http::HttpServer::create(io, server_options, api.handler());
  if (!server) return fail(listen_failure(server.error(), "http.listen", config.file));
  (*server)->start();
  std::ostringstream http_base;
  http_base << "http://" << (*server)->endpoint();
  runtime::ProcessorOptions processing_run = processing;
  if (config.archive.enabled) {
    auto store = archive::open_archive({config.archive.path.string(), config.archive.url});
    if (!store) {
      logging::warning("http", "reads of cases other instances hold will not be forwarded: " +
                                   store.error().message);
    } else {
      owners = std::make_unique<http::PartitionOwners>(
          std::move(*store),
          http::OwnerIdentity{processing.group_id, processing.instance_id,
                              advertise_address(config.http.advertise, (*server)->endpoint())},
          wall_clock);
      processing_run.partition_listener = owners.get();
    }
  }

  std::unique_ptr<http::WorkflowWatcher> watcher;
  if (config.watch_workflows) {
    auto watching = http::WorkflowWatcher::create(io, config.workflows, [&reloader] {
      // The reloader logs the outcome itself.
      reloader.reload_async([](const http::ReloadOutcome&) {});
    });
    if (!watching) return fail("watching the workflow folders: " + watching.error().message);
    watcher = std::move(*watching);
  }
  // The open-cases gauge drifts when partitions move (restored or revoked cases are not
  // observations): recount it from the engines every 30 s, on the processing thread.
  boost::asio::steady_timer recount(io);
  std::function<void()> schedule_recount = [&] {
    recount.expires_after(30s);
    recount.async_wait([&](boost::system::error_code ec) {
      if (ec) return;
      loop.submit(
          [&probe](const runtime::EngineReader& r) { probe.recount_open_cases(r.engines()); });
      schedule_recount();
    });
  };
  schedule_recount();

  std::cout << "caseflow " << CASEFLOW_VERSION << " running ("
            << (embedded ? "embedded Kafka-protocol broker" : "Kafka at " + bootstrap) << ")\n"
            << "  bootstrap: " << bootstrap << "\n"
            << "  instance:  " << processing.instance_id << " in group " << processing.group_id
            << ", " << (processing.exactly_once ? "exactly once" : "at least once") << "\n"
            << "  workflows: " << setup->catalog->current().size() << " ("
            << setup->catalog->all().size() << " versions)\n"
            << "  http:      " << http_base.str() << "/readyz  /metrics  "
            << "/open311/v2/services.json  /api/v1/cases\n"
            << "  console:   " << http_base.str() << "/console/\n"
            << "  read:      curl -H 'Authorization: Bearer "
            << (config.demo.viewer_token.empty() ? std::string("$TOKEN") : config.demo.viewer_token)
            << "' " << http_base.str() << "/api/v1/cases"
            << (config.demo.viewer_token.empty() ? "   (a token of http.auth: docs/security.md)"
                                                 : "")
            << "\n"
            << "  try:       kcat -b " << bootstrap << " -C -t " << names.stage("grid")
            << " -f '%k %s\\n'\n";
  if (config.archive.enabled) {
    std::cout << "  archive:   "
              << (config.archive.url.empty() ? config.archive.path.lexically_normal().string()
                                             : std::string("PostgreSQL (archive.url)"))
              << "\n";
  }
  if (embedded) {
    std::cout << "  note:      the embedded broker keeps nothing across a restart; to run on "
                 "Apache Kafka, see docs/kafka.md\n";
  }
  std::cout << "  stop:      Ctrl-C" << std::endl;

  // The demo's clients reach the broker through the fixed address, served by its own thread.
  std::unique_ptr<demo::DemoDriver> demo;
  if (config.demo.enabled) {
    demo::DemoOptions demo_options;
    demo_options.kafka = config.kafka.properties;
    demo_options.topic_prefix = config.kafka.topic_prefix;
    demo_options.http_base = http_base.str();
    demo_options.report_every = std::chrono::milliseconds(config.demo.report_every_ms);
    demo_options.phone_vault = processing.phone_vault;
    auto started = demo::DemoDriver::start(io, bootstrap, demo_options);
    if (!started) return fail("demo: " + started.error().message);
    demo = std::move(*started);
  }

  if (config.archive.enabled) {
    auto started = ArchiveService::start(
        archive_writer_options(config, kafka_props), archive_probe, [](const Status& result) {
          // The engine goes on without its archive; /readyz says the archive is degraded.
          logging::error("archive", "the archive writer stopped" +
                                        (result ? std::string() : ": " + result.error().message));
        });
    if (!started) return fail("archive: " + started.error().message);
    archive = std::move(*started);
  }

  std::thread io_thread([&io] { io.run(); });

  // The processing thread: reach Kafka (retrying while it is silent), then process until stop().
  Status processing_result = ok_status();
  std::thread processing_thread([&] {
    processing_result = [&]() -> Status {
      StoredDefinitions stored;
      for (int attempt = 0;; ++attempt) {
        const auto reached = reach_cluster(plan, stored);
        if (reached) {
          if (attempt > 0) logging::info("kafka", plan.shown_bootstrap + " answers now");
          break;
        }
        const std::string reason = reached.error().message;
        loop.report_starting(reason);
        // Said at once, then once a minute: the cause is the same until it changes.
        if (attempt % 12 == 0) {
          logging::warning("kafka", reason + "; retrying every 5 s, /readyz answers 503 meanwhile");
        }
        if (loop.wait_for_stop(kRetryEvery)) return ok_status();
      }
      // Workflow versions that live cases use stay loadable even after their files changed.
      if (!stored.empty()) {
        setup_opts.retained_workflows = stored;
        auto with_stored = load_setup(setup_opts);
        if (!with_stored) {
          return Error{"definitions",
                       "the workflow files disagree with the versions live cases "
                       "use (" +
                           names.definitions() + "); give a changed workflow a new version"};
        }
        reloader.install(with_stored);
      }
      if (auto stored_now =
              store_workflow_versions(plan, reloader.current()->workflow_texts, stored);
          !stored_now) {
        return stored_now;
      }
      return loop.run([&]() -> Result<std::unique_ptr<runtime::StreamProcessor>> {
        return runtime::StreamProcessor::create(
            processing_run, [&reloader] { return reloader.current()->make_engine(); }, wall_clock,
            probe);
      });
    }();
    // Wake main's sigwait: the engine cannot go on without its processing thread.
    if (!processing_result) kill(getpid(), SIGTERM);
  });

  while (wait_for_signal(signals) == SIGHUP) {
    reloader.reload();  // logs its outcome
  }
  std::cout << "caseflow: stopping (committing what is done)" << std::endl;
  loop.stop();
  processing_thread.join();
  if (archive) {
    // Writes and commits what it has read; a writer that failed said so when it did.
    if (Status stopped = archive->stop(); !stopped)
      logging::error("archive", stopped.error().message);
  }

  // The I/O side stops on its own thread: no new requests, pending sends flushed, demo stopped.
  std::promise<void> io_stopped;
  boost::asio::post(io, [&] {
    watcher.reset();
    recount.cancel();
    (*server)->stop();
    (*sink)->close(5'000);
    if (demo) demo->stop();
    io_stopped.set_value();
  });
  io_stopped.get_future().wait();
  work.reset();
  io.stop();
  io_thread.join();
  if (owners) owners->stop();  // after the last lookup (I/O) and assignment (processing)
  archive.reset();
  if (!processing_result) return fail(processing_result.error().message);
  return 0;
}

int run(const RunOptions& options) {
  const sigset_t signals = block_process_signals();

  const std::string config_file = !options.config.empty() ? options.config
                                  : options.demo          ? "demo/caseflow.yaml"
                                                          : "config/caseflow.yaml";
  Diagnostics problems;
  auto config = load_engine_config(config_file, problems);
  if (!config) {
    print_problems(problems);
    return 1;
  }
  logging::set_threshold(config->log.level);
  if (options.demo) config->demo.enabled = true;
  if (auto secure = http::check_listener_security(config->http.listen, config->http.api_keys);
      !secure) {
    return fail(secure.error().message + " (" + config_file + ")");
  }
  if (!config->boundaries.empty() && !std::filesystem::exists(config->boundaries)) {
    return fail(missing_boundaries(config->boundaries, config->file));
  }
  if (!config->compounds.empty() && !std::filesystem::exists(config->compounds)) {
    return fail(missing_compounds(config->compounds, config->file));
  }
  auto setup_opts = setup_options(*config);
  auto setup = load_setup(setup_opts);
  if (!setup) return fail("the workflow definitions have problems (listed above)");

  // The embedded broker first: from here on it serves on threads of its own.
  std::unique_ptr<EmbeddedKafka> embedded;
  if (config->kafka.embedded()) {
    const kafka::TopicNames names(config->kafka.topic_prefix);
    auto started = EmbeddedKafka::start(
        config->kafka.embedded_brokers,
        kafka::required_topics(names, config->kafka.layout, setup->workflow_topics()),
        config->kafka.embedded_listen);
    if (!started) {
      return fail(listen_failure(started.error(), "kafka.embedded_listen", config->file));
    }
    embedded = std::move(*started);
  }
  const int code = serve(options, *config, signals, setup_opts, setup, embedded.get());
  embedded.reset();
  if (code == 0) std::cout << "caseflow: stopped" << std::endl;
  return code;
}

}  // namespace

void add_run_command(CLI::App& cli, CommandRunner& chosen) {
  auto options = std::make_shared<RunOptions>();
  auto* cmd = cli.add_subcommand("run", "Run the engine (by default on its embedded Kafka broker)");
  cmd->add_option("--config", options->config,
                  "Engine config file (default: config/caseflow.yaml; with --demo, "
                  "demo/caseflow.yaml)");
  cmd->add_flag("--demo", options->demo,
                "Show caseflow at work: simulated complaints and units on the demo city and its "
                "short-clock workflows (demo/caseflow.yaml unless --config says otherwise; "
                "docs/demo.md)");
  cmd->add_option("--instance", options->instance,
                  "This instance's stable id in the consumer group (default: "
                  "processing.instance_id, else the host name)");
  cmd->callback([&chosen, options] { chosen = [options] { return run(*options); }; });
}

}  // namespace caseflow::app
