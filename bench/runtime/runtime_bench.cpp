// Figures for the Kafka runtime, through the embedded broker, on this machine. Prints figures;
// decides nothing (exit 0).
//   runtime_bench throughput [N]  engine events/s exactly once beside a raw consume→produce pipe
//                                 writing the same records, N events a run (default 50,000)
//   runtime_bench misplaced [N]   the same input from a producer on librdkafka's default
//                                 partitioner: events/s when most records are moved to their owner
//   runtime_bench latency [S]     report produced → dispatch visible to a read_committed
//                                 consumer, p50/p99, at 1,000 events/s for S seconds
//   runtime_bench restore [N]     cases/s rebuilt from the changelog on assignment
// How to read `throughput`: each run starts a fresh embedded broker (24 partitions on every topic,
// so its 5 MiB-per-partition retention never drops input or output mid-run), produces the same N
// lifecycle events, and times the engine from readiness until it has applied all N. The pipe then
// gets a broker of its own with the same input and writes, input by input, the very records the
// engine wrote (same count, bytes, keys, headers, topics and partitions) in transactions on the
// engine's rule (commit every 100 ms or 5,000 inputs, offsets sent with the transaction). Runs
// alternate engine, pipe, engine, ... for CASEFLOW_BENCH_SECONDS of measured time per side
// (default 5) and at least 5 times; figures are medians with min..max, and ratio = engine rate /
// pipe rate of the same run. CPU is the whole process's: the broker lives in it too.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "bench/common/measure.h"
#include "connectors/kafka/client_config.h"
#include "connectors/kafka/embedded_broker.h"
#include "connectors/kafka/group_consumer.h"
#include "connectors/kafka/murmur2.h"
#include "connectors/kafka/topics.h"
#include "connectors/runtime/engine_setup.h"
#include "connectors/runtime/processing_loop.h"
#include "tests/integration/runtime/runtime_fixture.h"

using namespace caseflow;
using namespace caseflow::testing;
using namespace caseflow::bench;
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
void produce_lifecycle(const std::string& bootstrap, int events, bool java_partitioner = true) {
  kafka::Properties props = {
      {"bootstrap.servers", bootstrap}, {"linger.ms", "20"}, {"batch.num.messages", "5000"}};
  if (!java_partitioner) props.emplace("partitioner", "consistent_random");  // librdkafka's default
  auto producer = kafka::Producer::create(props);
  const int cases = events / 5;
  for (int step = 0; step < 5; ++step) {
    for (int i = 0; i < cases; ++i) {
      const std::string id = "case-" + std::to_string(i);
      std::string json;
      switch (step) {
        case 0:
          // Spread over 480 grids: stage topics are keyed by unit, so one grid put every dispatch
          // on one partition, past the embedded broker's 5 MiB retention, which silently dropped
          // about half of them before they were read back for the pipe.
          json = report_json(id, "parking.illegal", "G" + std::to_string(100 + i % 480));
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
  produce_lifecycle(f.bootstrap(), events, false);
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

// Enough partitions on every topic that the embedded broker's retention (5 MiB a partition)
// keeps a whole run: input, effects and changelog.
constexpr int kThroughputPartitions = 24;

// A fresh embedded broker with caseflow's topics, for one side of one run.
struct Stage {
  std::shared_ptr<const runtime::EngineSetup> setup;
  std::unique_ptr<kafka::EmbeddedBroker> broker;
  std::vector<std::string> output_topics;
  std::string bootstrap() const { return broker->bootstrap(); }
};

std::shared_ptr<const runtime::EngineSetup> load_setup() {
  runtime::EngineSetupOptions options;
  options.workflows = {kWorkflows};
  options.calendars = {std::string(CASEFLOW_SOURCE_DIR) + "/config/calendars"};
  options.units = kUnits;
  Diagnostics problems;
  auto loaded = runtime::load_engine_setup(options, problems);
  for (const auto& p : problems) std::printf("setup: %s\n", p.to_string().c_str());
  if (!loaded) throw std::runtime_error("engine setup failed");
  return *loaded;
}

Stage make_stage(const std::shared_ptr<const runtime::EngineSetup>& setup) {
  Stage s;
  s.setup = setup;
  auto broker = kafka::EmbeddedBroker::start(1);
  if (!broker) throw std::runtime_error(broker.error().message);
  s.broker = std::move(*broker);
  kafka::TopicLayout layout;
  layout.event_partitions = kThroughputPartitions;
  layout.output_partitions = kThroughputPartitions;
  const auto topics = kafka::required_topics(kafka::TopicNames(), layout, setup->workflow_topics());
  if (auto created = s.broker->create_topics(topics); !created)
    throw std::runtime_error(created.error().message);
  for (const auto& t : topics)
    if (t.name != kafka::TopicNames().events()) s.output_topics.push_back(t.name);
  return s;
}

// What the engine wrote in one run, in the order a read_committed reader sees it.
struct Written {
  std::vector<Seen> records;
  size_t bytes = 0;
};

Written read_back(const Stage& stage, uint64_t expected) {
  Written w;
  TopicWatcher out(stage.bootstrap(), stage.output_topics);
  size_t last = 0;
  auto quiet_since = SteadyClock::now();
  while (out.seen().size() < expected && seconds_since(quiet_since) < 5) {
    out.drain();
    if (out.seen().size() != last) {
      last = out.seen().size();
      quiet_since = SteadyClock::now();
    }
  }
  w.records = out.seen();
  for (const auto& r : w.records) w.bytes += r.key.size() + r.value.size();
  return w;
}

struct EngineShape {
  uint64_t outputs = 0, commits = 0;
  size_t dead_letter_kinds = 0;
};

struct ShapeProbe : CountingProbe {
  EngineShape* shape;
  explicit ShapeProbe(EngineShape* s) : shape(s) {}
  void transaction_committed(uint64_t, uint64_t outputs) override {
    shape->outputs += outputs;
    ++shape->commits;
  }
};

// One engine run: the runtime from readiness to `events` applied. Fills `written` untimed.
Run engine_run(const std::shared_ptr<const runtime::EngineSetup>& setup, int events,
               Written& written, EngineShape& shape) {
  Stage stage = make_stage(setup);
  produce_lifecycle(stage.bootstrap(), events);
  shape = {};
  ShapeProbe probe(&shape);
  runtime::ProcessorOptions options;
  options.input_time_from_log = false;  // inputs at the virtual clock
  options.kafka = {{"bootstrap.servers", stage.bootstrap()}};
  options.commit_interval_ms = 100;
  const Instant now = Instant::from_unix_seconds(1'795'654'800);
  auto p = runtime::StreamProcessor::create(
      options, [&] { return setup->make_engine(); }, [&] { return now; }, probe);
  if (!p) throw std::runtime_error(p.error().message);
  auto& processor = **p;
  while (!processor.readiness().ready) (void)processor.step();
  Stopwatch watch(CpuScope::process);
  watch.start();
  while (processor.inputs_applied() < uint64_t(events)) (void)processor.step();
  watch.stop();
  processor.stop();
  shape.dead_letter_kinds = probe.dead_letters.size();
  written = read_back(stage, shape.outputs);
  return Run{static_cast<double>(events), watch.wall_seconds(), watch.cpu_seconds()};
}

// One pipe run: consume the same input and write `written`, spread over the inputs as the engine
// did on average, to the same topic partitions; transactions on the engine's rule.
Run pipe_run(const std::shared_ptr<const runtime::EngineSetup>& setup, int events,
             const Written& written, uint64_t& commits) {
  Stage stage = make_stage(setup);
  produce_lifecycle(stage.bootstrap(), events);
  struct FromStart : kafka::RebalanceListener {
    void on_assigned(std::vector<kafka::TopicPartition>& ps) override {
      for (auto& tp : ps) tp.offset = RD_KAFKA_OFFSET_BEGINNING;
    }
    void on_revoked(const std::vector<kafka::TopicPartition>&) override {}
  } listener;
  auto consumer = kafka::GroupConsumer::create(
      {{"bootstrap.servers", stage.bootstrap()}, {"group.id", "raw-pipe"}}, listener);
  auto producer = kafka::Producer::create({{"bootstrap.servers", stage.bootstrap()}}, "raw-pipe-1");
  if (!consumer || !producer) throw std::runtime_error("pipe clients");
  (void)(*producer)->init_transactions(30'000);
  (void)(*consumer)->subscribe({"caseflow.events"});
  const double per_input = static_cast<double>(written.records.size()) / events;
  std::vector<kafka::Header> headers;
  Stopwatch watch(CpuScope::process);
  commits = 0;
  int seen = 0;
  size_t next = 0, txn_inputs = 0;
  double owed = 0;
  bool in_txn = false;
  auto txn_start = SteadyClock::now();
  std::vector<kafka::TopicPartition> positions;
  while (seen < events) {
    kafka::MessageHandle m = (*consumer)->poll(50);
    if (m && !m->err) {
      if (seen == 0) watch.start();  // from the first record, as the engine from readiness
      if (!in_txn) {
        (*producer)->begin_transaction();
        in_txn = true;
        txn_start = SteadyClock::now();
      }
      ++seen;
      ++txn_inputs;
      owed += per_input;
      for (; (owed >= 1 || seen == events) && next < written.records.size(); owed -= 1) {
        const Seen& r = written.records[next++];
        headers.clear();
        for (const auto& [k, v] : r.headers) headers.emplace_back(k, v);
        (*producer)->produce(r.topic, r.key, r.value, headers, r.partition);
      }
      positions.push_back({"caseflow.events", m->partition, m->offset + 1});
    }
    if (in_txn && (seconds_since(txn_start) > 0.1 || txn_inputs >= 5'000 || seen == events)) {
      auto list = kafka::to_list(positions);
      (*producer)->send_offsets_to_transaction((*consumer)->handle(), list.get(), 30'000);
      (*producer)->commit_transaction(30'000);
      ++commits;
      positions.clear();
      txn_inputs = 0;
      in_txn = false;
    }
  }
  watch.stop();
  (*consumer)->close();
  return Run{static_cast<double>(events), watch.wall_seconds(), watch.cpu_seconds()};
}

void throughput(int events) {
  const auto setup = load_setup();
  Written written;
  EngineShape shape;
  uint64_t pipe_commits = 0;
  std::vector<double> engine_commits, pipe_commit_counts;
  const Paired runs = repeat_paired(
      [&] {
        const Run r = engine_run(setup, events, written, shape);
        engine_commits.push_back(static_cast<double>(shape.commits));
        return r;
      },
      [&] {
        const Run r = pipe_run(setup, events, written, pipe_commits);
        pipe_commit_counts.push_back(static_cast<double>(pipe_commits));
        return r;
      });
  std::printf(
      "throughput: %d lifecycle events a run, %d partitions on every topic\n"
      "  engine output a run: %zu records (%.2f per input), %.1f MB, %llu counted by the runtime; "
      "dead letters: %zu kinds\n",
      events, kThroughputPartitions, written.records.size(),
      static_cast<double>(written.records.size()) / events,
      static_cast<double>(written.bytes) / 1e6, static_cast<unsigned long long>(shape.outputs),
      shape.dead_letter_kinds);
  print_spread("  engine transactions a run", engine_commits, "");
  print_spread("  pipe transactions a run  ", pipe_commit_counts, "");
  print_rates("  engine (exactly once)", runs.subject, "events");
  print_rates("  raw consume->produce pipe, same records", runs.floor, "events");
  print_ratio("  engine / pipe", runs);
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
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // figures appear as they come, also in a pipe
  const std::string what = argc > 1 ? argv[1] : "throughput";
  const int n = argc > 2 ? std::atoi(argv[2]) : 0;
  if (what == "throughput")
    throughput(n > 0 ? n : 50'000);
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
