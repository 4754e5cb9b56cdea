// Engine::replace_definitions: a hot reload as the engine sees it. New cases take the new
// version; running cases keep the version (and rules) they started with.
#include <gtest/gtest.h>

#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::core::testing {
namespace {

// parking@2: the grid sign clock is 2 hours instead of 1.
definition::WorkflowPtr parking_v2() {
  auto wf = std::make_shared<definition::Workflow>(*parking_workflow(1));
  wf->version = 2;
  wf->content_hash = 2002;
  wf->stages[0].clocks[0].limit = hours(2);
  return wf;
}

const ClockView* find_clock(const CaseView& v, const std::string& name) {
  for (const auto& c : v.clocks)
    if (c.name == name) return &c;
  return nullptr;
}

TEST(Reload, NewCasesTakeTheNewVersionRunningCasesKeepTheirs) {
  Harness h;
  h.send(report("old"));
  ASSERT_EQ(h.view("old").workflow, "parking@1");

  // The reloaded files: parking@1 unchanged (a fresh object with the same content) and @2.
  h.engine.replace_definitions(std::make_shared<SimpleRouter>(std::vector<definition::WorkflowPtr>{
                                   parking_workflow(1), parking_v2()}),
                               std::make_shared<MapCalendarRegistry>(), h.directory);
  h.send(report("new"));

  EXPECT_EQ(h.view("old").workflow, "parking@1");
  EXPECT_EQ(h.view("new").workflow, "parking@2");
  const CaseView old_view = h.view("old"), new_view = h.view("new");
  const ClockView* old_sign = find_clock(old_view, "sign");
  const ClockView* new_sign = find_clock(new_view, "sign");
  ASSERT_NE(old_sign, nullptr);
  ASSERT_NE(new_sign, nullptr);
  EXPECT_EQ(old_sign->due - old_sign->started_at, Duration::hours(1));
  EXPECT_EQ(new_sign->due - new_sign->started_at, Duration::hours(2));

  // The old case still runs on its rules: its 1 h sign clock breaches and escalates it.
  h.advance(Duration::minutes(61));
  EXPECT_EQ(h.view("old").stage, "community");
  EXPECT_EQ(h.view("new").stage, "grid");
}

TEST(Reload, ARunningVersionTheNewFilesDropStaysPinned) {
  Harness h;
  h.send(report("old"));
  // Only @2 in the new definitions: the running case keeps @1 all the same.
  h.engine.replace_definitions(
      std::make_shared<SimpleRouter>(std::vector<definition::WorkflowPtr>{parking_v2()}),
      std::make_shared<MapCalendarRegistry>(), h.directory);
  h.send(event(events::EventType::signed_for, "old", "grid-g1"));
  EXPECT_EQ(h.view("old").workflow, "parking@1");
  EXPECT_EQ(h.view("old").status, "signed");
  EXPECT_EQ(h.engine.check_invariants(), "");
}

TEST(Reload, RestoredCasesFindTheirVersionInTheNewDefinitions) {
  Harness h;
  h.send(report("old"));
  const std::string bytes = h.engine.serialize_case("old");
  h.engine.replace_definitions(std::make_shared<SimpleRouter>(std::vector<definition::WorkflowPtr>{
                                   parking_workflow(1), parking_v2()}),
                               std::make_shared<MapCalendarRegistry>(), h.directory);
  auto restored = h.engine.restore_case(bytes);
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(h.view("old").workflow, "parking@1");
  EXPECT_EQ(h.engine.serialize_case("old"), bytes);
}

// A directory where grid g1's unit has another name.
class RenamedDirectory final : public geo::PlaceDirectory {
 public:
  std::optional<geo::Place> place_of_grid(std::string_view g) const override {
    return base_.place_of_grid(g);
  }
  std::optional<geo::Place> locate(double lat, double lon, geo::Datum d) const override {
    return base_.locate(lat, lon, d);
  }
  std::optional<std::string> unit_for(definition::Level level, const geo::Place& p) const override {
    auto unit = base_.unit_for(level, p);
    return unit ? std::optional<std::string>("new-" + *unit) : std::nullopt;
  }
  std::optional<std::string> department_unit(std::string_view code) const override {
    return base_.department_unit(code);
  }

 private:
  FakeDirectory base_;
};

TEST(Reload, ANewDirectoryIsAskedAgainNotTheCache) {
  Harness h;
  h.send(report("before"));
  EXPECT_EQ(h.view("before").unit, "grid-g1");
  h.engine.replace_definitions(std::make_shared<SimpleRouter>(h.workflows),
                               std::make_shared<MapCalendarRegistry>(),
                               std::make_shared<RenamedDirectory>());
  h.send(report("after"));
  EXPECT_EQ(h.view("after").unit, "new-grid-g1");
  EXPECT_EQ(h.view("before").unit, "grid-g1");
}

}  // namespace
}  // namespace caseflow::core::testing
