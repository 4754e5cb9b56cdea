// Possible duplicates (疑似重复, docs/engine.md "Possible duplicates"): the work order of a located
// report names the open cases of its category reported near it in place and time, nearest first,
// whichever partition's engine holds them; nothing is merged.
#include <boost/json.hpp>

#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::core::testing {
namespace {

namespace json = boost::json;
using events::EventType;

class PossibleDuplicates : public EachRouter {
 protected:
  std::vector<definition::WorkflowPtr> workflows(bool with_policy = true) const {
    auto wf = std::const_pointer_cast<definition::Workflow>(parking_workflow());
    if (with_policy) wf->duplicates = definition::DuplicatePolicy{200, hours(72)};
    return {wf};
  }
  std::unique_ptr<Harness> partition() const {
    return std::make_unique<Harness>(EngineOptions{}, workflows(),
                                     std::make_shared<MapCalendarRegistry>(), GetParam());
  }
};
INSTANTIATE_TEST_SUITE_P(, PossibleDuplicates, each_router(), router_name);

// About 1.1 m per 0.00001 degree of latitude.
constexpr double kLat = 30.25, kLon = 120.15, kMetre = 1.0 / 111'195.0;

events::CaseEvent report_near(std::string id, double metres_north,
                              std::string category = "parking.illegal") {
  auto e = report(std::move(id), std::move(category));
  e.location = events::Location{kLat + metres_north * kMetre, kLon, 0};
  return e;
}

// The possible_duplicate_of of the dispatched work order in `fx`; "absent" without one.
std::string named(const Effects& fx) {
  const std::vector<const Record*> dispatched = records_of(fx, OutType::dispatched);
  EXPECT_EQ(dispatched.size(), 1u);
  if (dispatched.empty()) return "no work order";
  const json::object data = json::parse(dispatched[0]->value).at("data").as_object();
  const json::value* ids = data.if_contains("possible_duplicate_of");
  return ids ? json::serialize(*ids) : "absent";
}

TEST_P(PossibleDuplicates, NamesTheNearOpenCasesOfItsCategoryNearestFirst) {
  Harness h = harness({}, workflows());
  EXPECT_EQ(named(h.send(report_near("far", 300))), "absent");
  EXPECT_EQ(named(h.send(report_near("a", 150))), R"(["far"])");
  EXPECT_EQ(named(h.send(report_near("b", 50))), R"(["a"])");
  EXPECT_EQ(named(h.send(report_near("shortage", 10, "parking.shortage"))), "absent");
  EXPECT_EQ(named(h.send(report_near("new", 0))), R"(["b","a"])");
  // Nothing is merged: every case stays open in its own right.
  for (const char* id : {"far", "a", "b", "new"}) EXPECT_EQ(h.view(id).status, "dispatched");
}

TEST_P(PossibleDuplicates, OnlyOpenCasesReportedWithinTheWindow) {
  Harness h = harness({}, workflows());
  h.send(report_near("old", 0));
  h.advance(Duration::hours(71));
  EXPECT_EQ(named(h.send(report_near("within", 5))), R"(["old"])");
  h.advance(Duration::hours(2));  // old was reported 73 h ago, within 2 h ago
  EXPECT_EQ(named(h.send(report_near("later", 5))), R"(["within"])");

  ASSERT_TRUE(h.send(event(EventType::withdrawn, "within")).rejections.empty());
  ASSERT_TRUE(h.send(event(EventType::withdrawn, "later")).rejections.empty());
  EXPECT_EQ(named(h.send(report_near("after", 5))), "absent");
}

TEST_P(PossibleDuplicates, AReportWithoutAPlaceOrAPolicyNamesNone) {
  Harness h = harness({}, workflows());
  h.send(report_near("a", 0));
  EXPECT_EQ(named(h.send(report("no-location"))), "absent");

  Harness without = harness({}, workflows(false));
  without.send(report_near("a", 0));
  EXPECT_EQ(named(without.send(report_near("b", 0))), "absent");
}

// The runtime gives the engines of all its partitions one index: a case is found whichever
// engine holds it, and leaves the index with its engine (a revoked partition).
TEST_P(PossibleDuplicates, EnginesSharingAnIndexFindEachOthersCases) {
  auto shared = std::make_shared<DuplicateIndex>();
  std::unique_ptr<Harness> first = partition(), second = partition();
  first->engine.share_duplicate_index(shared);
  second->engine.share_duplicate_index(shared);
  first->send(report_near("on-first", 0));
  EXPECT_EQ(named(second->send(report_near("on-second", 20))), R"(["on-first"])");
  EXPECT_EQ(shared->size(), 2u);
  first.reset();
  EXPECT_EQ(shared->size(), 1u);
  EXPECT_EQ(named(second->send(report_near("again", 20))), R"(["on-second"])");
}

// The index is not part of a case's state: a restored case (a restart, a rebalance) is put back.
TEST_P(PossibleDuplicates, ARestoredCaseIsFoundAgain) {
  std::unique_ptr<Harness> before = partition();
  before->send(report_near("a", 0));
  const std::string bytes = before->engine.serialize_case("a");
  before.reset();

  std::unique_ptr<Harness> after = partition();
  ASSERT_TRUE(after->engine.restore_case(bytes).ok());
  EXPECT_EQ(named(after->send(report_near("b", 30))), R"(["a"])");
}

}  // namespace
}  // namespace caseflow::core::testing
