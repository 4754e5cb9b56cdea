// Test 1 of the runtime issue, as a department would see it: a parking report goes in through
// Kafka; the grid unit gets the dispatch on its topic; nobody signs; a warning, then the breach
// and the escalation follow, and the community gets the case on its topic.
#include <gtest/gtest.h>

#include "tests/integration/runtime/runtime_fixture.h"

namespace caseflow::testing {
namespace {

bool has_type(const Seen& s, const std::string& type) {
  return s.value.find("\"type\":\"" + type + "\"") != std::string::npos;
}
int count_type(const std::vector<Seen>& records, const std::string& type) {
  int n = 0;
  for (const auto& r : records) n += has_type(r, type) ? 1 : 0;
  return n;
}

TEST(RuntimeEscalation, IgnoredAtGridLevelWarnsBreachesAndReachesTheCommunity) {
  RuntimeFixture f(std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/runtime/workflows");
  f.start_processor();
  TopicWatcher watch(f.bootstrap(), {"caseflow.stage.grid", "caseflow.stage.community",
                                     "caseflow.alerts", "caseflow.updates", "caseflow.dlq"});

  f.produce_event("case-1", report_json("case-1", "parking.illegal", "G01"));
  ASSERT_TRUE(f.step_until([&] {
    watch.drain();
    return !watch.on("caseflow.stage.grid").empty();
  })) << "no dispatch on the grid topic; inputs "
      << f.processor().inputs_applied() << " seen " << watch.seen().size() << " commits "
      << f.probe.commits << " dlq " << f.probe.dead_letters.size()
      << " watcher: " << watch.last_error;
  const Seen dispatch = watch.on("caseflow.stage.grid").front();
  EXPECT_EQ(dispatch.key, "grid:G01");  // keyed by the unit, as units subscribe
  EXPECT_TRUE(has_type(dispatch, "caseflow.case.dispatched")) << dispatch.value;
  EXPECT_EQ(dispatch.value.find("13812345678"), std::string::npos) << "phone leaked";
  EXPECT_EQ(dispatch.headers.count("content-type"), 1u);

  // 29 s later: not yet half of the 60 s sign clock — nothing.
  f.now = f.now + Duration::seconds(29);
  f.step_until([] { return false; }, 300);
  watch.drain();
  EXPECT_EQ(count_type(watch.on("caseflow.alerts"), "caseflow.case.sla_warning"), 0);

  // 31 s: past the 50% mark — the warning.
  f.now = f.now + Duration::seconds(2);
  ASSERT_TRUE(f.step_until([&] {
    watch.drain();
    return count_type(watch.on("caseflow.alerts"), "caseflow.case.sla_warning") == 1;
  })) << "no warning";
  EXPECT_EQ(count_type(watch.on("caseflow.alerts"), "caseflow.case.sla_breached"), 0);

  // 60 s: the breach, the escalation, and the community's dispatch.
  f.now = f.now + Duration::seconds(29);
  ASSERT_TRUE(f.step_until([&] {
    watch.drain();
    return !watch.on("caseflow.stage.community").empty() &&
           count_type(watch.on("caseflow.alerts"), "caseflow.case.escalated") == 1;
  })) << "no escalation to the community";
  EXPECT_EQ(count_type(watch.on("caseflow.alerts"), "caseflow.case.sla_breached"), 1);
  EXPECT_EQ(watch.on("caseflow.stage.community").front().key, "community:C1");
  for (const auto& alert : watch.on("caseflow.alerts")) EXPECT_EQ(alert.key, "case-1");
  EXPECT_TRUE(watch.on("caseflow.dlq").empty());

  // Each output exactly once, and every id distinct.
  std::set<std::string> ids;
  for (const auto& s : watch.seen()) {
    const auto at = s.value.find("\"id\":\"");
    ASSERT_NE(at, std::string::npos);
    const std::string id = s.value.substr(at + 6, s.value.find('"', at + 6) - at - 6);
    EXPECT_TRUE(ids.insert(id).second) << "duplicate output id " << id;
  }
}

}  // namespace
}  // namespace caseflow::testing
