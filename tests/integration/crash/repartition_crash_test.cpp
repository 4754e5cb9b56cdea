// The real binary, killed with SIGKILL while it moves records that a producer on librdkafka's
// default partitioner put on partitions not owning their case. The killed batch's copies stay on
// the embedded broker (it shows aborted records) and the restarted engine moves the same records
// again; each event still reaches its case's history once, and nothing goes to the DLQ.
#include <gtest/gtest.h>
#include <signal.h>

#include <map>
#include <set>
#include <utility>

#include "connectors/runtime/engine_setup.h"
#include "tests/integration/crash/process_fixture.h"

namespace caseflow::testing {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

constexpr int kCases = 1'000;
constexpr int kPartitions = 4;  // BrokerProcess's event_partitions

std::string case_id(int i) { return "case-" + std::to_string(i); }

TEST(RepartitionCrash, SigkillWhileMovingAppliesEachEventOnce) {
  BrokerProcess broker;
  const auto config = broker.engine_config(std::string(CASEFLOW_SOURCE_DIR) + "/workflows");
  auto engine = start_engine(config, "a");
  DefaultPartitionerProducer producer(broker.bootstrap());
  TopicWatcher watch(broker.bootstrap(), {"caseflow.updates", "caseflow.dlq"});

  // Reports, then signatures; the engine is killed once in each half, after it has begun on it.
  int kills = 0;
  std::string logs;  // every engine's output
  for (int step = 0; step < 2; ++step) {
    for (int i = 0; i < kCases; ++i) {
      producer.send(case_id(i),
                    step == 0
                        ? report_json(case_id(i), "parking.illegal", "G" + std::to_string(i % 40))
                        : event_json("caseflow.case.signed", case_id(i), case_id(i) + "-s"));
    }
    producer.flush();
    watch.drain();
    const size_t before = watch.on("caseflow.updates").size();
    for (auto deadline = SteadyClock::now() + 60s;
         watch.on("caseflow.updates").size() == before && SteadyClock::now() < deadline;) {
      watch.drain();
      engine->wait_exit(20ms);  // paces the loop; the engine is not expected to exit
    }
    engine->signal(SIGKILL);
    ASSERT_EQ(engine->wait_exit(10s), 128 + SIGKILL);
    engine->drain(1s);
    logs += engine->output();
    ++kills;
    engine = start_engine(config, "a");  // same instance: fences its own zombie
  }
  EXPECT_EQ(kills, 2);

  // Every case signed, as its updates say; then a clean stop.
  std::set<std::string> signed_cases;
  for (auto deadline = SteadyClock::now() + 180s;
       signed_cases.size() < size_t(kCases) && SteadyClock::now() < deadline;) {
    watch.drain();
    signed_cases.clear();
    for (const auto& r : watch.on("caseflow.updates")) {
      if (r.value.find("\"status\":\"signed\"") != std::string::npos) signed_cases.insert(r.key);
    }
    engine->wait_exit(20ms);
  }
  ASSERT_EQ(signed_cases.size(), size_t(kCases)) << engine->output();
  engine->signal(SIGTERM);
  ASSERT_EQ(engine->wait_exit(60s), 0) << engine->output();
  engine->drain(1s);
  logs += engine->output();
  EXPECT_NE(logs.find("caseflow: warning: runtime: events from source '/hotline/12345'"),
            std::string::npos)
      << logs;
  EXPECT_NE(logs.find("-X partitioner=murmur2_random"), std::string::npos)
      << "the engine says how to fix the producer";

  watch.drain();
  EXPECT_TRUE(watch.on("caseflow.dlq").empty())
      << watch.on("caseflow.dlq").front().headers["caseflow.dlq.reason"] << ": "
      << watch.on("caseflow.dlq").front().headers["caseflow.dlq.message"];

  // The committed state: each case on its owner, with one report and one signature.
  Diagnostics problems;
  runtime::EngineSetupOptions options;
  options.workflows = {std::string(CASEFLOW_SOURCE_DIR) + "/workflows"};
  options.calendars = {std::string(CASEFLOW_SOURCE_DIR) + "/config/calendars"};
  auto setup = runtime::load_engine_setup(options, problems);
  ASSERT_TRUE(setup.ok());
  const RestoredState state = restore_from_changelog(broker.bootstrap(), **setup, kPartitions);
  EXPECT_EQ(state.cases(), size_t(kCases)) << "a case is held by a partition not owning it";
  int wrong = 0;
  for (int i = 0; i < kCases; ++i) {
    auto view = state.engine_for(case_id(i), kPartitions)->view(case_id(i));
    std::map<std::string, int> what;
    if (view) {
      for (const auto& h : view->history) ++what[h.what];
    }
    if (!view || what["reported"] != 1 || what["signed"] != 1) {
      if (++wrong <= 5) {
        ADD_FAILURE() << case_id(i) << ": " << (view ? view->status : "missing") << ", reported "
                      << what["reported"] << " times, signed " << what["signed"] << " times";
      }
    }
  }
  EXPECT_EQ(wrong, 0) << "cases whose events were lost or applied twice";
}

}  // namespace
}  // namespace caseflow::testing
