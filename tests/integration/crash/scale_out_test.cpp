// Test 3 of the runtime issue: two engine processes share the input partitions; one is killed;
// the other takes its partitions, restores their cases from the changelog and fires their clocks
// on time.
#include <gtest/gtest.h>
#include <signal.h>

#include <map>

#include "engine/time/rfc3339.h"
#include "tests/integration/crash/process_fixture.h"

namespace caseflow::testing {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

constexpr int kCases = 40;

Instant wall_now() {
  return Instant::from_unix_millis(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count());
}

std::string field(const std::string& json, const std::string& name) {
  const auto at = json.find("\"" + name + "\":\"");
  if (at == std::string::npos) return "";
  const auto from = at + name.size() + 4;
  return json.substr(from, json.find('"', from) - from);
}

TEST(ScaleOut, TheSurvivorRestoresTheDeadInstancesCasesAndFiresTheirClocksOnTime) {
  BrokerProcess broker;
  const auto config =
      broker.engine_config(std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/runtime/scale");
  auto a = start_engine(config, "a");
  auto b = start_engine(config, "b");
  // Both are in the group: each says which partitions it got.
  ASSERT_TRUE(a->wait_for_line("assigned input partitions", 60s)) << a->output();
  ASSERT_TRUE(b->wait_for_line("assigned input partitions", 60s)) << b->output();

  EventProducer producer(broker.bootstrap());
  TopicWatcher watch(broker.bootstrap(), {"caseflow.stage.grid", "caseflow.alerts"});
  for (int i = 0; i < kCases; ++i) {
    const std::string id = "case-" + std::to_string(i);
    producer.send(id, report_json(id, "parking.illegal", "G" + std::to_string(i % 7)));
  }
  producer.flush();
  for (auto deadline = SteadyClock::now() + 60s;
       watch.on("caseflow.stage.grid").size() < size_t(kCases) && SteadyClock::now() < deadline;) {
    watch.drain();
    a->wait_exit(20ms);
  }
  ASSERT_EQ(watch.on("caseflow.stage.grid").size(), size_t(kCases));

  // Instance a dies without a goodbye; b must notice (session timeout) and take over.
  a->signal(SIGKILL);
  ASSERT_EQ(a->wait_exit(10s), 128 + SIGKILL);

  // Every case's sign clock breaches (20 s after dispatch) — those of a's partitions too, fired
  // by b — each within a few seconds of its deadline.
  std::map<std::string, Duration> lateness;
  for (auto deadline = SteadyClock::now() + 90s;
       lateness.size() < size_t(kCases) && SteadyClock::now() < deadline;) {
    const size_t from = watch.seen().size();
    watch.drain();
    const Instant seen_at = wall_now();
    for (size_t k = from; k < watch.seen().size(); ++k) {
      const auto& r = watch.seen()[k];
      if (r.topic != "caseflow.alerts" ||
          r.value.find("\"type\":\"caseflow.case.sla_breached\"") == std::string::npos) {
        continue;
      }
      auto due = parse_rfc3339(field(r.value, "due"));
      ASSERT_TRUE(due.ok()) << r.value;
      lateness.emplace(r.key, seen_at - *due);
    }
    b->wait_exit(50ms);
  }
  EXPECT_EQ(lateness.size(), size_t(kCases)) << b->output();
  for (const auto& [id, late] : lateness) {
    EXPECT_LT(late.millis(), 8'000) << id << " breached " << late.millis() << " ms late";
  }
  EXPECT_NE(b->output().find("assigned input partitions [0,1,2,3]"), std::string::npos)
      << b->output();

  b->signal(SIGTERM);
  EXPECT_EQ(b->wait_exit(60s), 0) << b->output();
}

}  // namespace
}  // namespace caseflow::testing
