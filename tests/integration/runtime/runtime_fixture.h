// An engine runtime in the test's own thread against an embedded broker, on a virtual clock the
// test moves. Every wait steps the processor until a condition holds, with a deadline.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "connectors/kafka/embedded_broker.h"
#include "connectors/kafka/producer.h"
#include "connectors/runtime/engine_setup.h"
#include "connectors/runtime/stream_processor.h"

namespace caseflow::testing {

// A record as a consumer sees it.
struct Seen {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  int64_t timestamp = -1;  // milliseconds since the epoch; -1 if the record has none
  std::string key;
  std::string value;
  std::map<std::string, std::string> headers;
};

// Reads every partition of some topics from the beginning, outside any group (read_committed).
class TopicWatcher {
 public:
  TopicWatcher(const std::string& bootstrap, const std::vector<std::string>& topics);
  ~TopicWatcher();
  // Reads what has arrived, without waiting.
  void drain();
  const std::vector<Seen>& seen() const { return seen_; }
  std::vector<Seen> on(const std::string& topic) const;
  std::string last_error;

 private:
  rd_kafka_t* rk_ = nullptr;
  std::vector<Seen> seen_;
};

// Counts what the runtime reports.
struct CountingProbe : runtime::RuntimeProbe {
  std::map<std::string, int> dead_letters;
  int commits = 0, aborts = 0, offset_resets = 0, restored_cases = 0;
  uint64_t repartitioned = 0;
  std::map<int32_t, int64_t> lag;  // the last lag reported per input partition
  std::vector<std::pair<int32_t, int64_t>> lag_reports;  // every report, in order
  void record_dead_lettered(std::string_view reason) override {
    ++dead_letters[std::string(reason)];
  }
  void transaction_committed(uint64_t, uint64_t) override { ++commits; }
  void transaction_aborted(std::string_view) override { ++aborts; }
  void offset_reset(int32_t) override { ++offset_resets; }
  void events_repartitioned(uint64_t count) override { repartitioned += count; }
  void partition_restored(int32_t, uint64_t cases, double) override {
    restored_cases += static_cast<int>(cases);
  }
  void consumer_lag(int32_t partition, int64_t value) override {
    lag[partition] = value;
    lag_reports.emplace_back(partition, value);
  }
};

class RuntimeFixture {
 public:
  // Starts a broker with caseflow's topics and the dispatch topics of the workflows in
  // `workflow_dir`, with `partitions` input partitions. Does not start a processor.
  // The place directory is the fixture city of tests/data/geo unless `units` / `boundaries` say
  // otherwise ("" boundaries: reports are placed by grid_id alone).
  explicit RuntimeFixture(const std::string& workflow_dir, int partitions = 3,
                          const std::string& units = kFixtureUnits,
                          const std::string& boundaries = kFixtureBoundaries);
  static inline const std::string kFixtureUnits =
      std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/geo/fixture_units.yaml";
  static inline const std::string kFixtureBoundaries =
      std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/geo/fixture_city.geojson";
  ~RuntimeFixture();

  // Starts (or restarts) the processor; waits until it owns every input partition.
  void start_processor(const std::string& instance = "1");
  // Applied to the processor's options by start_processor(), after the fixture's own.
  std::function<void(runtime::ProcessorOptions&)> adjust_options;
  // Stops it the graceful way (commit, leave the group).
  void stop_processor();
  // Forgets it without committing anything: as if the process died.
  void crash_processor();

  // Produces a CloudEvents record keyed by `key` to caseflow.events and waits for its ack.
  void produce_event(const std::string& key, const std::string& json);

  // Steps the processor until `done()` holds; false at the (real-time) deadline.
  bool step_until(const std::function<bool()>& done, int timeout_ms = 30'000);

  Instant now;  // the processor's clock
  kafka::EmbeddedBroker& broker() { return *broker_; }
  runtime::StreamProcessor& processor() { return *processor_; }
  CountingProbe probe;
  // When set, start_processor() reports to it instead of `probe`; it must outlive the processor.
  runtime::RuntimeProbe* report_to = nullptr;
  std::string bootstrap() const { return broker_->bootstrap(); }
  std::shared_ptr<const runtime::EngineSetup> setup;

 private:
  std::unique_ptr<kafka::EmbeddedBroker> broker_;
  std::unique_ptr<kafka::Producer> producer_;
  std::unique_ptr<runtime::StreamProcessor> processor_;
};

// A plain librdkafka producer with librdkafka's defaults — no partitioner set, so keys go where
// consistent_random (CRC32) puts them, as with kcat or the Python and Go confluent clients.
class DefaultPartitionerProducer {
 public:
  explicit DefaultPartitionerProducer(const std::string& bootstrap);
  // To caseflow.events, with a `traceparent` header (the key's text) that a moved copy must keep.
  void send(const std::string& key, const std::string& json);
  void flush();

 private:
  kafka::ClientHandle client_;
};

// A caseflow.case.reported event as JSON.
std::string report_json(const std::string& case_id, const std::string& category,
                        const std::string& grid_id, const std::string& event_id = "");
// Any other inbound event as JSON; `data` is the JSON object text of its data.
std::string event_json(const std::string& type, const std::string& case_id,
                       const std::string& event_id, const std::string& data = "{}");

}  // namespace caseflow::testing
