// How long a partition takes to restore from its changelog: as compaction leaves it (the latest
// record of each live case) against the whole log (every state each case ever had and the
// tombstones of the cases that left), which is what the embedded broker holds since it never
// compacts. Figures only, never pass/fail.
//
//   restore_bench [--ever N] [--live N]       (default 200,000 cases ever, 20,000 live)
//
// The log is made by a real engine: each case is reported, signed, contacted and resolved, one
// changelog record per step; the cases that left were rated (closed) and then retired, a tombstone
// each. Checkpoints follow every step of every 100 cases, as commits do. Three restores are timed
// in memory (no Kafka): the compacted log, the whole log as the runtime replays it (latest
// committed record per case), and the whole log applied record by record (a restore per state, a
// forget per tombstone). Then the compacted log is put on the embedded broker and restored by the
// runtime's own restore_partition, and the broker's read rate gives what reading the whole log
// would add (the whole log does not fit: the embedded broker keeps 5 MiB a partition).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "bench/common/measure.h"
#include "bench/core/bench_world.h"
#include "connectors/kafka/embedded_broker.h"
#include "connectors/kafka/partition_reader.h"
#include "connectors/kafka/producer.h"
#include "connectors/runtime/changelog_format.h"
#include "connectors/runtime/changelog_replay.h"
#include "connectors/runtime/owned_partition.h"

namespace caseflow::bench {
namespace {

struct Rec {
  std::string key;                   // empty: a checkpoint
  std::optional<std::string> value;  // nullopt: a tombstone
};

struct Log {
  std::vector<Rec> records;
  size_t bytes = 0, states = 0, tombstones = 0, checkpoints = 0;
  void add(std::string key, std::optional<std::string> value) {
    bytes += key.size() + (value ? value->size() : 0);
    (key.empty() ? checkpoints : value ? states : tombstones) += 1;
    records.push_back({std::move(key), std::move(value)});
  }
};

// The whole changelog of `ever` cases of which the last `live` are still open.
Log whole_log(size_t ever, size_t live) {
  auto engine = make_engine(false);
  Log log;
  Instant now = Instant::from_unix_seconds(1'767'196'800);
  constexpr size_t kGroup = 100;
  for (size_t first = 0; first < ever; first += kGroup) {
    const size_t end = std::min(ever, first + kGroup);
    auto step = [&](auto&& apply_to) {
      for (size_t n = first; n < end; ++n) apply_to(n, "r" + std::to_string(n));
      log.add("", std::nullopt);
      now = now + Duration::minutes(5);
    };
    auto state_after = [&](events::EventType type) {
      return [&, type](size_t, const std::string& id) {
        engine->apply(simple_event(type, id), now);
        log.add(id, engine->serialize_case(id));
      };
    };
    step([&](size_t n, const std::string& id) {
      engine->apply(report_event(id, int(n % 16'000)), now);
      log.add(id, engine->serialize_case(id));
    });
    step(state_after(events::EventType::signed_for));
    step(state_after(events::EventType::contacted));
    if (first + kGroup > ever - live) continue;  // these stay open
    step(state_after(events::EventType::resolved));
    step([&](size_t, const std::string& id) {
      events::CaseEvent rated = simple_event(events::EventType::rated, id);
      engine->apply(rated, now);
      log.add(id, engine->serialize_case(id));
    });
    step([&](size_t, const std::string& id) {
      engine->forget_case(id);
      log.add(id, std::nullopt);
    });
  }
  return log;
}

// What compaction leaves: the latest record of each key that is not a tombstone, in log order,
// and a checkpoint at the end.
Log compacted(const Log& whole) {
  std::unordered_map<std::string, size_t> latest;
  for (size_t i = 0; i < whole.records.size(); ++i) {
    if (!whole.records[i].key.empty()) latest[whole.records[i].key] = i;
  }
  Log log;
  for (size_t i = 0; i < whole.records.size(); ++i) {
    const Rec& r = whole.records[i];
    if (!r.key.empty() && r.value && latest[r.key] == i) log.add(r.key, r.value);
  }
  log.add("", std::nullopt);
  return log;
}

Run replayed(const Log& log) {
  Stopwatch watch;
  auto engine = make_engine(false);
  watch.start();
  runtime::ChangelogReplay replay;
  for (const Rec& r : log.records) {
    if (r.key.empty()) {
      replay.commit();
    } else {
      replay.add(r.key, r.value ? std::optional<std::string_view>(*r.value) : std::nullopt);
    }
  }
  const uint64_t restored = replay.restore_into(*engine, [](const Error&) {});
  watch.stop();
  if (restored != engine->case_count())
    std::printf("  (restored %llu)\n", (unsigned long long)restored);
  return {double(log.records.size()), watch.wall_seconds(), watch.cpu_seconds()};
}

Run record_by_record(const Log& log) {
  Stopwatch watch;
  auto engine = make_engine(false);
  watch.start();
  for (const Rec& r : log.records) {
    if (r.key.empty()) continue;
    if (r.value) {
      (void)engine->restore_case(*r.value);
    } else {
      engine->forget_case(r.key);
    }
  }
  watch.stop();
  return {double(log.records.size()), watch.wall_seconds(), watch.cpu_seconds()};
}

double median_seconds(const std::vector<Run>& runs) {
  std::vector<double> s;
  for (const auto& r : runs) s.push_back(r.wall_seconds);
  return spread_of(s).median;
}

void print_seconds(const std::string& label, const std::vector<Run>& runs) {
  std::vector<double> s;
  for (const auto& r : runs) s.push_back(r.wall_seconds);
  print_spread(label, s, "s");
}

// The compacted log on the embedded broker, restored partition by partition by the runtime.
void on_the_broker(const Log& compact, const Log& whole) {
  auto broker = kafka::EmbeddedBroker::start(1);
  if (!broker) {
    std::printf("embedded broker: %s\n", broker.error().message.c_str());
    return;
  }
  // Under the embedded broker's 5 MiB a partition, with room for the record overhead.
  const int partitions = int(compact.bytes / (3 << 20)) + 1;
  const std::string topic = "bench.changelog";
  if (auto s = (*broker)->create_topics({{topic, partitions, true}}); !s.ok()) {
    std::printf("create topic: %s\n", s.error().message.c_str());
    return;
  }
  const kafka::Properties props{{"bootstrap.servers", (*broker)->bootstrap()}};
  auto producer = kafka::Producer::create(props);
  if (!producer) return;
  size_t i = 0;
  for (const Rec& r : compact.records) {
    if (r.key.empty()) continue;
    (void)(*producer)->produce(topic, r.key, *r.value, {}, int32_t(i++ % partitions));
  }
  for (int p = 0; p < partitions; ++p) {
    (void)(*producer)->produce(topic, runtime::kCheckpointKey, runtime::encode_checkpoint({0, {}}),
                               {}, p);
  }
  if (auto err = (*producer)->flush(60'000)) {
    std::printf("produce: %s\n", err.describe().c_str());
    return;
  }

  runtime::RuntimeProbe probe;
  const auto restore_all = [&] {
    Stopwatch watch(CpuScope::process);
    watch.start();
    size_t cases = 0;
    for (int p = 0; p < partitions; ++p) {
      auto owned = runtime::restore_partition(
          props, topic, p, [] { return make_engine(false); }, probe);
      if (owned) cases += owned->engine->case_count();
    }
    watch.stop();
    return Run{double(cases), watch.wall_seconds(), watch.cpu_seconds()};
  };
  const auto read_all = [&] {
    Stopwatch watch(CpuScope::process);
    watch.start();
    size_t records = 0;
    for (int p = 0; p < partitions; ++p) {
      kafka::ReadStats stats;
      (void)kafka::read_partition(
          props, topic, p, 0, [&](const rd_kafka_message_t&) { ++records; }, stats);
    }
    watch.stop();
    return Run{double(records), watch.wall_seconds(), watch.cpu_seconds()};
  };
  const auto restores = repeat(restore_all);
  const auto reads = repeat(read_all);
  std::printf("embedded broker, %d partitions of the compacted log:\n", partitions);
  print_seconds("  restore_partition, every partition (read + replay + restore)", restores);
  print_seconds("  reading alone", reads);
  const double read_s = median_seconds(reads);
  const double bytes_per_s = double(compact.bytes) / read_s;
  const double records_per_s = double(compact.records.size()) / read_s;
  std::printf("  read rate: %.1f MiB/s, %.0f records/s (median)\n", bytes_per_s / (1 << 20),
              records_per_s);
  std::printf(
      "  reading the whole log at that rate would add %.1f s (by records) to %.1f s (by bytes); "
      "it would need %zu partitions of 5 MiB, and beyond that the embedded broker drops the "
      "oldest records, live cases' included\n",
      double(whole.records.size()) / records_per_s - read_s,
      double(whole.bytes) / bytes_per_s - read_s,
      size_t(std::ceil(double(whole.bytes) / double(5 << 20))));
}

int main_(int argc, char** argv) {
  size_t ever = 200'000, live = 20'000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--ever")
      ever = std::strtoull(argv[i + 1], nullptr, 10);
    else if (flag == "--live")
      live = std::strtoull(argv[i + 1], nullptr, 10);
    else {
      std::fprintf(stderr, "usage: restore_bench [--ever N] [--live N]\n");
      return 2;
    }
  }
  if (live == 0 || live > ever) {
    std::fprintf(stderr, "restore_bench: need 0 < --live <= --ever\n");
    return 2;
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const Log whole = whole_log(ever, live);
  const Log compact = compacted(whole);
  std::printf("restore_bench: %zu cases ever, %zu live (one partition)\n", ever, live);
  std::printf(
      "  whole log:     %zu records (%zu states, %zu tombstones, %zu checkpoints), %.1f MiB\n",
      whole.records.size(), whole.states, whole.tombstones, whole.checkpoints,
      double(whole.bytes) / (1 << 20));
  std::printf("  compacted log: %zu records, %.1f MiB\n", compact.records.size(),
              double(compact.bytes) / (1 << 20));

  const auto c = repeat([&] { return replayed(compact); });
  const auto w = repeat([&] { return replayed(whole); });
  const auto each = repeat([&] { return record_by_record(whole); });
  std::printf("in memory (no Kafka), wall seconds per restore:\n");
  print_seconds("  compacted log, replayed", c);
  print_seconds("  whole log, replayed (latest committed record per case)", w);
  print_seconds("  whole log, record by record (a restore per state, a forget per tombstone)",
                each);
  std::printf("  whole / compacted: %.1fx replayed, %.1fx record by record\n",
              median_seconds(w) / median_seconds(c), median_seconds(each) / median_seconds(c));
  on_the_broker(compact, whole);
  return 0;
}

}  // namespace
}  // namespace caseflow::bench

int main(int argc, char** argv) { return caseflow::bench::main_(argc, argv); }
