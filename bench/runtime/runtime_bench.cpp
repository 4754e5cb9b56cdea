// Figures for the Kafka runtime (issue 5), through the embedded broker, on this machine:
//   runtime_bench throughput [N]  engine events/s exactly once, beside a raw consume→produce pipe
//                                 that writes per input the same number and sizes of records
//   runtime_bench misplaced [N]   the same input from a producer on librdkafka's default
//                                 partitioner: events/s when most records are moved to their owner
//   runtime_bench latency [S]     report produced → dispatch visible to a read_committed
//                                 consumer, p50/p99, at 1,000 events/s for S seconds
//   runtime_bench restore [N]     cases/s rebuilt from the changelog on assignment
// Benchmarks report; they never pass or fail.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "connectors/kafka/client_config.h"
#include "connectors/kafka/group_consumer.h"
#include "connectors/kafka/murmur2.h"
#include "connectors/runtime/processing_loop.h"
#include "tests/integration/runtime/runtime_fixture.h"

using namespace caseflow;
using namespace caseflow::testing;
using SteadyClock = std::chrono::steady_clock;

namespace {

const std::string kWorkflows = std::string(CASEFLOW_SOURCE_DIR) + "/workflows";
const std::string kUnits = std::string(CASEFLOW_SOURCE_DIR) + "/config/units.yaml";
constexpr int kPartitions = 3;

double seconds_since(SteadyClock::time_point t) {
  return std::chrono::duration<double>(SteadyClock::now() - t).count();
}

// A lifecycle mix: per case reported, signed, progress, resolved, rated (5 events), produced in
// well-filled batches as real producers send them (single-record batches would measure the
// embedded broker's per-batch cost instead of ours).
void produce_lifecycle(RuntimeFixture& f, int events, bool java_partitioner = true) {
  kafka::Properties props = {
      {"bootstrap.servers", f.bootstrap()}, {"linger.ms", "20"}, {"batch.num.messages", "5000"}};
  if (!java_partitioner) props.emplace("partitioner", "consistent_random");  // librdkafka's default
  auto producer = kafka::Producer::create(props);
  const int cases = events / 5;
  for (int step = 0; step < 5; ++step) {
    for (int i = 0; i < cases; ++i) {
      const std::string id = "case-" + std::to_string(i);
      std::string json;
      switch (step) {
        case 0:
          json = report_json(id, "parking.illegal", "G01");
          break;
        case 1:
          json = event_json("caseflow.case.signed", id, id + "-s");
          break;
        case 2:
          json = event_json("caseflow.case.progress", id, id + "-p", R"({"note":"on my way"})");
          break;
        case 3:
          json = event_json("caseflow.case.resolved", id, id + "-d", R"({"note":"moved"})");
          break;
        default:
          json = event_json("caseflow.case.rated", id, id + "-r",
                            R"({"solved":"solved","satisfaction":"satisfied"})");
      }
      (void)(*producer)->produce("caseflow.events", id, json);
      (*producer)->poll();
    }
  }
  (void)(*producer)->flush(60'000);
}

struct OutputShape {
  uint64_t records = 0;
  uint64_t bytes = 0;
};

struct ShapeProbe : CountingProbe {
  OutputShape* shape;
  explicit ShapeProbe(OutputShape* s) : shape(s) {}
  void transaction_committed(uint64_t, uint64_t outputs) override { shape->records += outputs; }
};

// How many records of caseflow.events are on a partition that does not own their key.
int count_misplaced(const std::string& bootstrap, int events) {
  TopicWatcher in(bootstrap, {"caseflow.events"});
  for (auto t = SteadyClock::now(); in.seen().size() < size_t(events) && seconds_since(t) < 30;) {
    in.drain();
  }
  int misplaced = 0;
  for (const auto& s : in.seen()) {
    if (s.partition != kafka::java_partition(s.key, kPartitions)) ++misplaced;
  }
  return misplaced;
}

// Engine events/s when a producer on librdkafka's default partitioner wrote the input: every
// misplaced record is read, moved, and read and applied again on its owner.
void misplaced(int events) {
  CountingProbe probe;
  RuntimeFixture f(kWorkflows, kPartitions, kUnits, "");
  std::printf("producing %d lifecycle events with the consistent_random partitioner...\n", events);
  produce_lifecycle(f, events, false);
  const int moved = count_misplaced(f.bootstrap(), events);
  runtime::ProcessorOptions options;
  options.input_time_from_log = false;  // inputs at the virtual clock
  options.kafka = {{"bootstrap.servers", f.bootstrap()}};
  options.commit_interval_ms = 100;
  auto p = runtime::StreamProcessor::create(
      options, [&] { return f.setup->make_engine(); }, [&] { return f.now; }, probe);
  if (!p) {
    std::printf("error: %s\n", p.error().message.c_str());
    return;
  }
  auto& processor = **p;
  while (!processor.readiness().ready) (void)processor.step();
  const auto start = SteadyClock::now();
  // Each misplaced record is handled twice: moved where it landed, applied on its owner.
  while (processor.inputs_applied() < uint64_t(events + moved)) (void)processor.step();
  const double engine_s = seconds_since(start);
  processor.stop();
  std::printf(
      "engine (exactly once, %d partitions), %d of %d events misplaced: %.0f events/s "
      "(%.2f s); moved %llu; dead letters: %zu kinds\n",
      kPartitions, moved, events, events / engine_s, engine_s,
      static_cast<unsigned long long>(probe.repartitioned), probe.dead_letters.size());
}

// The ceiling: consume the same input, produce `per_input` records of `size` bytes per input record
// (spread over the same topics' partitions), commit every 100 ms in a transaction.
double raw_pipe(const std::string& bootstrap, int inputs, double per_input, size_t size) {
  struct NoRebalance : kafka::RebalanceListener {
    void on_assigned(std::vector<kafka::TopicPartition>& ps) override {
      for (auto& tp : ps) tp.offset = RD_KAFKA_OFFSET_BEGINNING;
    }
    void on_revoked(const std::vector<kafka::TopicPartition>&) override {}
  } listener;
  auto consumer = kafka::GroupConsumer::create(
      {{"bootstrap.servers", bootstrap}, {"group.id", "raw-pipe"}}, listener);
  auto producer =
      kafka::Producer::create({{"bootstrap.servers", bootstrap}, {"linger.ms", "5"}}, "raw-pipe-1");
  (*producer)->init_transactions(30'000);
  (void)(*consumer)->subscribe({"caseflow.events"});
  const std::string payload(size, 'x');
  int seen = 0;
  double owed = 0;
  SteadyClock::time_point start{};
  bool in_txn = false;
  auto txn_start = SteadyClock::now();
  std::vector<kafka::TopicPartition> positions;
  while (seen < inputs) {
    kafka::MessageHandle m = (*consumer)->poll(50);
    if (m && !m->err) {
      if (seen == 0) start = SteadyClock::now();
      if (!in_txn) {
        (*producer)->begin_transaction();
        in_txn = true;
        txn_start = SteadyClock::now();
      }
      ++seen;
      owed += per_input;
      for (; owed >= 1; owed -= 1) {
        (*producer)->produce("caseflow.updates",
                             std::string(static_cast<char*>(m->key), m->key_len), payload);
      }
      positions.push_back({"caseflow.events", m->partition, m->offset + 1});
    }
    if (in_txn && (seconds_since(txn_start) > 0.1 || seen == inputs)) {
      auto list = kafka::to_list(positions);
      (*producer)->send_offsets_to_transaction((*consumer)->handle(), list.get(), 30'000);
      (*producer)->commit_transaction(30'000);
      positions.clear();
      in_txn = false;
    }
  }
  const double rate = inputs / seconds_since(start);
  (*consumer)->close();
  return rate;
}

void throughput(int events) {
  OutputShape shape;
  ShapeProbe probe(&shape);
  RuntimeFixture f(kWorkflows, kPartitions, kUnits, "");
  std::printf("producing %d lifecycle events...\n", events);
  produce_lifecycle(f, events);
  runtime::ProcessorOptions options;
  options.input_time_from_log = false;  // inputs at the virtual clock
  options.kafka = {{"bootstrap.servers", f.bootstrap()}};
  options.commit_interval_ms = 100;
  auto p = runtime::StreamProcessor::create(
      options, [&] { return f.setup->make_engine(); }, [&] { return f.now; }, probe);
  if (!p) {
    std::printf("error: %s\n", p.error().message.c_str());
    return;
  }
  auto& processor = **p;
  while (!processor.readiness().ready) (void)processor.step();
  const auto start = SteadyClock::now();
  while (processor.inputs_applied() < uint64_t(events)) (void)processor.step();
  const double engine_s = seconds_since(start);
  processor.stop();
  const double engine_rate = events / engine_s;
  const double per_input = double(shape.records) / events;

  // The sizes of what the engine wrote, read back from the output topics.
  TopicWatcher out(f.bootstrap(), {"caseflow.updates", "caseflow.stage.grid", "caseflow.alerts",
                                   "caseflow.changelog", "caseflow.dlq"});
  for (auto t = SteadyClock::now(); seconds_since(t) < 3;) out.drain();
  for (const auto& s : out.seen()) shape.bytes += s.value.size() + s.key.size();
  const size_t avg = out.seen().empty() ? 300 : shape.bytes / out.seen().size();

  const double pipe_rate = raw_pipe(f.bootstrap(), events, per_input, avg);
  std::printf("engine (exactly once, %d partitions): %.0f events/s  (%d events in %.2f s)\n",
              kPartitions, engine_rate, events, engine_s);
  std::printf("  outputs per input: %.2f records, %zu bytes average; dead letters: %zu kinds\n",
              per_input, avg, probe.dead_letters.size());
  std::printf("raw consume->produce pipe, same shape: %.0f events/s\n", pipe_rate);
  std::printf("engine / pipe = %.2f (target >= 0.70)\n", engine_rate / pipe_rate);
}

void latency(int seconds) {
  RuntimeFixture f(kWorkflows, kPartitions, kUnits, "");
  runtime::ProcessingLoop loop;
  CountingProbe probe;
  runtime::ProcessorOptions options;
  options.input_time_from_log = false;  // inputs at the virtual clock
  options.kafka = {{"bootstrap.servers", f.bootstrap()}};
  options.commit_interval_ms = 100;
  std::thread processing([&] {
    (void)loop.run([&]() {
      return runtime::StreamProcessor::create(
          options, [&] { return f.setup->make_engine(); },
          [] {
            return Instant::from_unix_millis(
                std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count());
          },
          probe);
    });
  });
  while (!loop.readiness().ready) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  TopicWatcher watch(f.bootstrap(), {"caseflow.stage.grid"});
  std::map<std::string, SteadyClock::time_point> sent;
  std::vector<double> ms;
  const int total = seconds * 1000;
  const auto start = SteadyClock::now();
  auto producer =
      kafka::Producer::create({{"bootstrap.servers", f.bootstrap()}, {"linger.ms", "0"}});
  int i = 0;
  while (int(ms.size()) < total && seconds_since(start) < seconds + 30) {
    // Paced at 1,000 events/s.
    while (i < total && seconds_since(start) * 1000 >= i) {
      const std::string id = "lat-" + std::to_string(i++);
      sent[id] = SteadyClock::now();
      (void)(*producer)->produce("caseflow.events", id, report_json(id, "parking.illegal", "G01"));
      (*producer)->poll();
    }
    const size_t before = watch.seen().size();
    watch.drain();
    const auto now = SteadyClock::now();
    for (size_t k = before; k < watch.seen().size(); ++k) {
      const auto& v = watch.seen()[k].value;
      const auto at = v.find("\"subject\":\"");
      const std::string id = v.substr(at + 11, v.find('"', at + 11) - at - 11);
      if (auto it = sent.find(id); it != sent.end()) {
        ms.push_back(std::chrono::duration<double, std::milli>(now - it->second).count());
      }
    }
  }
  loop.stop();
  processing.join();
  std::sort(ms.begin(), ms.end());
  if (ms.empty()) return;
  std::printf(
      "report -> dispatch visible (read_committed), %zu events at 1000/s, commit "
      "interval 100 ms: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
      ms.size(), ms[ms.size() / 2], ms[ms.size() * 99 / 100], ms.back());
}

void restore(int cases) {
  RuntimeFixture f(kWorkflows, kPartitions, kUnits, "");
  f.start_processor("1");
  for (int i = 0; i < cases; ++i) {
    const std::string id = "case-" + std::to_string(i);
    f.produce_event(id, report_json(id, "parking.illegal", "G01"));
  }
  f.step_until([&] { return f.processor().inputs_applied() == uint64_t(cases); }, 600'000);
  f.stop_processor();
  struct TimingProbe : CountingProbe {
    double seconds = 0;
    uint64_t restored = 0;
    void partition_restored(int32_t, uint64_t n, double s) override {
      restored += n;
      seconds += s;
    }
  } probe;
  runtime::ProcessorOptions options;
  options.input_time_from_log = false;  // inputs at the virtual clock
  options.kafka = {{"bootstrap.servers", f.bootstrap()}};
  options.group_id = "caseflow-test";
  auto p = runtime::StreamProcessor::create(
      options, [&] { return f.setup->make_engine(); }, [&] { return f.now; }, probe);
  while (!(*p)->readiness().ready) (void)(*p)->step();
  std::printf("restore: %llu cases in %.2f s = %.0f cases/s (target >= 200,000)\n",
              (unsigned long long)probe.restored, probe.seconds, probe.restored / probe.seconds);
  (*p)->stop();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string what = argc > 1 ? argv[1] : "throughput";
  const int n = argc > 2 ? std::atoi(argv[2]) : 0;
  if (what == "throughput")
    throughput(n > 0 ? n : 100'000);
  else if (what == "misplaced")
    misplaced(n > 0 ? n : 30'000);
  else if (what == "latency")
    latency(n > 0 ? n : 10);
  else if (what == "restore")
    restore(n > 0 ? n : 100'000);
  else
    std::printf("usage: runtime_bench throughput|misplaced|latency|restore [N]\n");
  return 0;
}
