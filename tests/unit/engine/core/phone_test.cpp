// The resident's sealed phone in the core (docs/security.md "The resident's phone"): kept opaque
// while the case is open, sent once to the archive on caseflow.updates and never to a unit's
// topic, erased on the engine's own clock when the revisit window ends, and every showing kept
// in the history with who saw it. All on an injected clock.
#include <boost/json.hpp>

#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::core::testing {
namespace {

namespace json = boost::json;
using events::EventType;

class Phone : public EachRouter {};
INSTANTIATE_TEST_SUITE_P(, Phone, each_router(), router_name);

constexpr std::string_view kSealed = "v1:c2VhbGVkIGJ5IHRoZSBydW50aW1l";

events::CaseEvent report_with_phone(std::string id) {
  auto e = report(std::move(id));
  e.reporter = "138****5678";
  e.sealed_phone = std::string(kSealed);
  return e;
}

json::object phone_data_of(const Record& r) { return json::parse(r.value).at("data").as_object(); }

std::string sealed_in(Harness& h, const std::string& id) {
  const CaseState* c = h.engine.find(id);
  return c && c->extras ? c->extras->sealed_phone : std::string();
}

bool history_has(const CaseView& v, std::string_view what) {
  for (const auto& entry : v.history)
    if (entry.what == what) return true;
  return false;
}

// Every record the step wrote, as text: the sealed bytes appear in none but the first update.
size_t records_carrying(const Effects& fx, std::string_view text) {
  size_t n = 0;
  for (const Record& r : fx.records)
    if (r.value.find(text) != std::string::npos) ++n;
  return n;
}

TEST_P(Phone, TheSealedPhoneGoesOnceToTheUpdatesTopicAndNeverToAUnit) {
  Harness h = harness();
  const Effects fx = h.send(report_with_phone("c1"));
  EXPECT_EQ(sealed_in(h, "c1"), kSealed);
  EXPECT_TRUE(h.view("c1").phone_held);
  EXPECT_EQ(h.view("c1").reporter, "138****5678");
  ASSERT_EQ(records_carrying(fx, kSealed), 1u);
  for (const Record& r : fx.records) {
    if (r.value.find(kSealed) == std::string::npos) continue;
    EXPECT_EQ(r.topic, "caseflow.updates");
    EXPECT_EQ(phone_data_of(r).at("sealed_phone").as_string(), kSealed);
  }
  // The changelog keeps it (opaque), so a restarted engine still holds it.
  ASSERT_FALSE(fx.changelog.empty());
  EXPECT_NE(fx.changelog.back().state.find(kSealed), std::string::npos);
  const Effects signed_fx = h.send(event(EventType::signed_for, "c1"));
  EXPECT_EQ(records_carrying(signed_fx, kSealed), 0u);
}

TEST_P(Phone, ItSurvivesARestoreFromTheChangelog) {
  Harness h = harness();
  h.send(report_with_phone("c1"));
  const std::string bytes = h.engine.serialize_case("c1");
  Harness restored = harness();
  ASSERT_TRUE(restored.engine.restore_case(bytes).ok());
  EXPECT_EQ(sealed_in(restored, "c1"), kSealed);
  EXPECT_EQ(restored.engine.serialize_case("c1"), bytes);
}

TEST_P(Phone, ARatingEndsTheRevisitWindowAndErasesIt) {
  Harness h = harness();
  h.send(report_with_phone("c1"));
  h.send(event(EventType::signed_for, "c1"));
  h.send(event(EventType::resolved, "c1"));
  // Resolved, waiting for the revisit: those who call the resident still need the number.
  EXPECT_EQ(sealed_in(h, "c1"), kSealed);
  h.now = h.now + Duration::hours(3);
  const Effects fx = h.send(rated("c1", events::Solved::solved, events::Satisfaction::satisfied));
  EXPECT_EQ(h.view("c1").status, "closed");
  EXPECT_EQ(sealed_in(h, "c1"), "");
  EXPECT_FALSE(h.view("c1").phone_held);
  EXPECT_TRUE(history_has(h.view("c1"), "phone_erased"));
  const auto closed = records_of(fx, OutType::closed);
  ASSERT_FALSE(closed.empty());
  EXPECT_EQ(closed[0]->topic, "caseflow.updates");
  EXPECT_TRUE(phone_data_of(*closed[0]).at("phone_erased").as_bool());
  EXPECT_EQ(h.engine.serialize_case("c1").find(kSealed), std::string::npos);
}

TEST_P(Phone, NoRatingWithinTheRevisitWindowErasesItWhenTheClockRunsOut) {
  Harness h = harness();
  h.send(report_with_phone("c1"));
  h.send(event(EventType::signed_for, "c1"));
  h.send(event(EventType::resolved, "c1"));
  const Instant resolved = h.now;
  // parking@1: revisit within 1 day, round the clock in the test calendar.
  h.advance_to(resolved + Duration::days(1) - Duration::millis(1));
  EXPECT_EQ(sealed_in(h, "c1"), kSealed) << "erased before the window ended";
  const Effects fx = h.advance(Duration::millis(1));
  EXPECT_EQ(h.view("c1").status, "closed");
  EXPECT_EQ(h.view("c1").outcome, "unrated");
  EXPECT_EQ(sealed_in(h, "c1"), "");
  const auto closed = records_of(fx, OutType::closed);
  ASSERT_FALSE(closed.empty());
  EXPECT_TRUE(phone_data_of(*closed[0]).at("phone_erased").as_bool());
}

TEST_P(Phone, AWithdrawnCaseForgetsItAtOnce) {
  Harness h = harness();
  h.send(report_with_phone("c1"));
  h.send(event(EventType::withdrawn, "c1"));
  EXPECT_EQ(h.view("c1").status, "withdrawn");
  EXPECT_EQ(sealed_in(h, "c1"), "");
}

TEST_P(Phone, AMergedCaseKeepsItUntilItLeavesMemory) {
  Harness h = harness();
  h.send(report("a"));
  h.send(report_with_phone("b"));
  auto merge = event(EventType::merged, "b");
  merge.event_id = "desk-merge";
  merge.merged_into = "a";
  h.settle(h.send(merge));
  ASSERT_EQ(h.view("b").status, "merged");
  // Its resident is still answered at the master's revisit.
  EXPECT_EQ(sealed_in(h, "b"), kSealed);
  const Effects fx = h.advance(Duration::days(3));
  ASSERT_EQ(h.engine.find("b"), nullptr);
  const auto archived = records_of(fx, OutType::archived);
  ASSERT_EQ(archived.size(), 1u);
  EXPECT_TRUE(phone_data_of(*archived[0]).at("phone_erased").as_bool());
  EXPECT_EQ(records_carrying(fx, kSealed), 0u);
}

TEST_P(Phone, EveryShowingIsInTheHistoryWithWhoSawIt) {
  Harness h = harness();
  h.send(report_with_phone("c1"));
  auto shown = event(EventType::phone_revealed, "c1");
  shown.principal = "unit:grid:G01";
  const Effects fx = h.send(shown);
  EXPECT_TRUE(fx.rejections.empty());
  const CaseView v = h.view("c1");
  ASSERT_FALSE(v.history.empty());
  EXPECT_EQ(v.history.back().what, "phone_revealed");
  EXPECT_EQ(v.history.back().by, "unit:grid:G01");
  EXPECT_EQ(v.history.back().unit, v.unit);
  EXPECT_EQ(records_carrying(fx, kSealed), 0u);
  // A showing recorded after the case ended still lands in its history.
  h.send(event(EventType::withdrawn, "c1"));
  EXPECT_TRUE(h.send(shown).rejections.empty());
  EXPECT_EQ(h.view("c1").history.back().what, "phone_revealed");
}

}  // namespace
}  // namespace caseflow::core::testing
