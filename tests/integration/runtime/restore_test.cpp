// State survives the processor: restored from the changelog on assignment, the input resumes
// after the last checkpoint (not from the group's offsets, which the embedded broker does not keep
// for transactions), and clocks armed before the restart still fire.
#include <gtest/gtest.h>

#include "tests/integration/runtime/runtime_fixture.h"

namespace caseflow::testing {
namespace {

size_t cases_held(runtime::StreamProcessor& p) {
  size_t n = 0;
  for (int32_t partition : p.owned_partitions()) n += p.engine(partition)->case_count();
  return n;
}

const core::CaseState* find_case(runtime::StreamProcessor& p, const std::string& id) {
  const auto* engine = p.engine(p.partition_of(id));
  return engine ? engine->find(id) : nullptr;
}

class RuntimeRestore : public ::testing::TestWithParam<bool> {};

TEST_P(RuntimeRestore, CasesAndClocksSurviveARestart) {
  const bool crash = GetParam();
  RuntimeFixture f(std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/runtime/workflows");
  f.start_processor();
  for (int i = 0; i < 50; ++i) {
    const std::string id = "case-" + std::to_string(i);
    f.produce_event(id, report_json(id, "parking.illegal", i % 2 ? "G01" : "G03"));
  }
  f.produce_event("case-7",
                  event_json("caseflow.case.signed", "case-7", "s7", R"({"unit":"grid:G01"})"));
  ASSERT_TRUE(f.step_until([&] { return f.processor().inputs_applied() == 51; }));
  f.step_until([] { return false; }, 200);  // let the last transaction commit
  ASSERT_EQ(cases_held(f.processor()), 50u);

  if (crash) {
    f.crash_processor();
  } else {
    f.stop_processor();
  }
  f.start_processor("2");
  EXPECT_EQ(cases_held(f.processor()), 50u);
  EXPECT_EQ(f.probe.restored_cases, 50);  // the first start found an empty changelog
  const core::CaseState* signed_case = find_case(f.processor(), "case-7");
  ASSERT_NE(signed_case, nullptr);
  EXPECT_EQ(signed_case->status, core::Status::signed_for);

  // No input is applied twice: the restarted processor reads nothing old.
  EXPECT_EQ(f.processor().inputs_applied(), 0u);

  // The grid sign clocks armed before the restart fire after it: 49 breaches and escalations.
  TopicWatcher watch(f.bootstrap(), {"caseflow.stage.community"});
  f.now = f.now + Duration::seconds(61);
  EXPECT_TRUE(f.step_until([&] {
    watch.drain();
    return watch.on("caseflow.stage.community").size() == 49;
  })) << watch.on("caseflow.stage.community").size();
}

INSTANTIATE_TEST_SUITE_P(StopOrCrash, RuntimeRestore, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Crash" : "Stop"; });

}  // namespace
}  // namespace caseflow::testing
