// Test 2 of the runtime issue: the real binary is killed with SIGKILL several times in the middle
// of a 10,000-event stream. After the last restart every case holds exactly the transitions its
// input implies — none lost, none applied twice — and every output record that was written twice
// is the same record with the same id (so consumers drop the copy by id).
#include <gtest/gtest.h>
#include <signal.h>

#include <map>
#include <utility>

#include "connectors/runtime/engine_setup.h"
#include "tests/integration/crash/process_fixture.h"

namespace caseflow::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kCases = 2'500;  // 4 events each: reported, signed, progress, resolved
constexpr int kChunk = 500;    // events produced between two looks at the engine

std::string event_for(int i, int step) {
  const std::string id = "case-" + std::to_string(i);
  switch (step) {
    case 0:
      return report_json(id, "parking.illegal", "G" + std::to_string(i % 40));
    case 1:
      return event_json("caseflow.case.signed", id, id + "-s");
    case 2:
      return event_json("caseflow.case.progress", id, id + "-p", R"({"note":"on my way"})");
    default:
      return event_json("caseflow.case.resolved", id, id + "-d", R"({"note":"car moved"})");
  }
}

std::string id_of(const std::string& json) {
  const auto at = json.find("\"id\":\"");
  return at == std::string::npos ? "" : json.substr(at + 6, json.find('"', at + 6) - at - 6);
}

TEST(CrashRecovery, SigkillMidStreamLosesNothingAndAppliesNothingTwice) {
  BrokerProcess broker;
  const auto config = broker.engine_config(std::string(CASEFLOW_SOURCE_DIR) + "/workflows");
  auto engine = start_engine(config, "a");
  EventProducer producer(broker.bootstrap());
  TopicWatcher updates(broker.bootstrap(), {"caseflow.updates"});

  // The events of a case in order, cases interleaved: step s of case i is event number
  // s * kCases + i, so every chunk holds reports and later steps of earlier cases.
  int produced = 0, kills = 0;
  for (int step = 0; step < 4; ++step) {
    for (int i = 0; i < kCases; ++i) {
      producer.send("case-" + std::to_string(i), event_for(i, step));
      if (++produced % kChunk != 0) continue;
      producer.flush();
      // Every 2,000 events: wait until the engine has started on this chunk, then kill it.
      if (produced % 2'000 == 0 && produced < 10'000) {
        const size_t before = updates.seen().size();
        for (auto deadline = std::chrono::steady_clock::now() + 60s;
             updates.seen().size() == before && std::chrono::steady_clock::now() < deadline;) {
          updates.drain();
          engine->wait_exit(20ms);  // paces the loop; the engine is not expected to exit
        }
        engine->signal(SIGKILL);
        ASSERT_EQ(engine->wait_exit(10s), 128 + SIGKILL);
        ++kills;
        engine = start_engine(config, "a");  // same instance: fences its own zombie
      }
    }
  }
  producer.flush();
  EXPECT_EQ(kills, 4);

  // Wait until every case's last transition (resolved) has been published, then stop cleanly.
  std::map<std::string, int> resolved;
  size_t counted = 0;  // updates.seen() before this index are counted
  for (auto deadline = std::chrono::steady_clock::now() + 180s;
       resolved.size() < size_t(kCases) && std::chrono::steady_clock::now() < deadline;) {
    updates.drain();
    for (size_t k = std::exchange(counted, updates.seen().size()); k < counted; ++k) {
      const auto& r = updates.seen()[k];
      if (r.value.find("\"status\":\"resolved\"") != std::string::npos) ++resolved[r.key];
    }
    engine->wait_exit(20ms);
  }
  ASSERT_EQ(resolved.size(), size_t(kCases)) << engine->output();
  engine->signal(SIGTERM);
  ASSERT_EQ(engine->wait_exit(60s), 0) << engine->output();

  // The state: exactly the transitions each case's input implies.
  Diagnostics problems;
  runtime::EngineSetupOptions options;
  options.workflows = {std::string(CASEFLOW_SOURCE_DIR) + "/workflows"};
  options.calendars = {std::string(CASEFLOW_SOURCE_DIR) + "/config/calendars"};
  auto setup = runtime::load_engine_setup(options, problems);
  ASSERT_TRUE(setup.ok());
  const RestoredState state = restore_from_changelog(broker.bootstrap(), **setup, 4);
  EXPECT_EQ(state.cases(), size_t(kCases));
  int wrong = 0;
  for (int i = 0; i < kCases; ++i) {
    const std::string id = "case-" + std::to_string(i);
    auto view = state.engine_for(id, 4)->view(id);
    // Five transitions, and the parking workflow's property stage passed over (a report by grid
    // id lies in no residential compound).
    if (!view || view->status != "resolved" || view->history.size() != 6) {
      if (++wrong <= 5) {
        ADD_FAILURE() << id << ": " << (view ? view->status : "missing") << ", "
                      << (view ? view->history.size() : 0) << " history entries";
      }
    }
  }
  EXPECT_EQ(wrong, 0) << "cases whose transitions were lost or doubled";

  // Outputs: a record written twice (a batch replayed after a kill) is byte-identical, id included.
  updates.drain();
  std::map<std::string, std::string> first_copy;
  int duplicates = 0, different = 0;
  for (const auto& r : updates.seen()) {
    auto [it, fresh] = first_copy.emplace(id_of(r.value), r.value);
    if (!fresh) {
      ++duplicates;
      if (it->second != r.value) ++different;
    }
  }
  EXPECT_EQ(different, 0);
  RecordProperty("duplicate_update_records", duplicates);
}

}  // namespace
}  // namespace caseflow::testing
