#include "tests/integration/crash/process_fixture.h"
#include "tests/integration/support/http_client.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "connectors/kafka/murmur2.h"
#include "connectors/kafka/partition_reader.h"
#include "connectors/runtime/changelog_format.h"
#include "connectors/runtime/changelog_replay.h"
#include "connectors/runtime/record_view.h"

namespace caseflow::testing {

using namespace std::chrono_literals;

BrokerProcess::BrokerProcess() {
  static int counter = 0;
  dir_ = std::filesystem::temp_directory_path() /
         ("caseflow-proc-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(dir_);
  const auto config = dir_ / "broker.yaml";
  std::ofstream(config) << "kafka:\n  event_partitions: 4\n  output_partitions: 2\n"
                        << "workflows: " << CASEFLOW_SOURCE_DIR << "/workflows\n"
                        << "calendars: " << CASEFLOW_SOURCE_DIR << "/config/calendars\n";
  process_ = std::make_unique<ChildProcess>(std::vector<std::string>{
      CASEFLOW_BINARY, "broker", "--listen", "", "--config", config.string()});
  auto line = process_->wait_for_line("brokers: ", 30s);
  if (!line) throw std::runtime_error("caseflow broker did not start: " + process_->output());
  bootstrap_ = line->substr(line->find_first_not_of(' '));
}

std::filesystem::path BrokerProcess::engine_config(const std::string& workflows_dir) const {
  const auto file = dir_ / "engine.yaml";
  std::ofstream(file) << "kafka:\n"
                      << "  bootstrap: \"" << bootstrap_ << "\"\n"
                      << "  event_partitions: 4\n  output_partitions: 2\n"
                      << "  properties: {session.timeout.ms: \"6000\"}\n"
                      << "processing:\n  commit_interval_ms: 50\n"
                      << "http:\n  listen: \"127.0.0.1:0\"\n"
                      << "  auth: " << kTestViewerConfig << "\n"
                      << "archive:\n  enabled: false\n"  // these tests are about the engine
                      << "workflows: " << workflows_dir << "\n"
                      << "calendars: " << CASEFLOW_SOURCE_DIR << "/config/calendars\n";
  return file;
}

std::unique_ptr<ChildProcess> start_engine(const std::filesystem::path& config,
                                           const std::string& instance) {
  auto engine = std::make_unique<ChildProcess>(std::vector<std::string>{
      CASEFLOW_BINARY, "run", "--config", config.string(), "--instance", instance});
  if (!engine->wait_for_line("bootstrap: ", 60s)) {
    throw std::runtime_error("caseflow run did not start: " + engine->output());
  }
  return engine;
}

EventProducer::EventProducer(const std::string& bootstrap) {
  auto p = kafka::Producer::create({{"bootstrap.servers", bootstrap}, {"linger.ms", "5"}});
  if (!p) throw std::runtime_error(p.error().message);
  producer_ = std::move(*p);
}

void EventProducer::send(const std::string& key, const std::string& json) {
  if (auto err = producer_->produce("caseflow.events", key, json)) {
    throw std::runtime_error(err.describe());
  }
  producer_->poll();
}

void EventProducer::flush() {
  if (auto err = producer_->flush(30'000)) throw std::runtime_error(err.describe());
}

const core::Engine* RestoredState::engine_for(const std::string& case_id, int partitions) const {
  return engines[static_cast<size_t>(kafka::java_partition(case_id, partitions))].get();
}

size_t RestoredState::cases() const {
  size_t n = 0;
  for (const auto& e : engines) n += e->case_count();
  return n;
}

RestoredState restore_from_changelog(const std::string& bootstrap,
                                     const runtime::EngineSetup& setup, int partitions) {
  RestoredState state;
  for (int p = 0; p < partitions; ++p) {
    auto engine = setup.make_engine();
    runtime::ChangelogReplay replay;  // claims, checkpoints and writers as changelog_format.h says
    kafka::ReadStats stats;
    auto err = kafka::read_partition(
        {{"bootstrap.servers", bootstrap}}, "caseflow.changelog", p, 0,
        [&](const rd_kafka_message_t& m) {
          const std::string_view key = runtime::key_of(m);
          const std::string_view writer = runtime::header_of(m, runtime::kWriterHeader);
          if (runtime::is_checkpoint_key(key)) {
            replay.commit(writer);
          } else if (runtime::is_claim_key(key)) {
            replay.claim(writer);
          } else if (m.payload == nullptr) {
            replay.add(key, std::nullopt, writer);
          } else {
            replay.add(key, runtime::value_of(m), writer);
          }
        },
        stats);
    if (err) throw std::runtime_error(err.describe());
    replay.restore_into(*engine, [](const Error& e) { ADD_FAILURE() << e.message; });
    state.engines.push_back(std::move(engine));
  }
  return state;
}

}  // namespace caseflow::testing
