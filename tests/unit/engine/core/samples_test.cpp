// The sample workflows (workflows/*.yaml) and the real cn-mainland calendar, end to end through
// the core on an injected clock.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/core/catalog_router.h"
#include "engine/definition/workflow_loader.h"
#include "engine/time/calendar_loader.h"
#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::core::testing {
namespace {

using events::EventType;
namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const fs::path kRoot = CASEFLOW_SOURCE_DIR;

// Loads every sample workflow; `edit` may change a file's text before loading.
definition::CatalogPtr sample_catalog(
    const std::function<std::string(const std::string&, std::string)>& edit = nullptr) {
  std::vector<definition::WorkflowPtr> all;
  Diagnostics problems;
  definition::LoadContext context;
  for (const auto& entry : fs::directory_iterator(kRoot / "workflows")) {
    if (entry.path().extension() != ".yaml") continue;
    std::string text = read(entry.path());
    if (edit) text = edit(entry.path().filename().string(), text);
    auto wf = definition::load_workflow(entry.path().string(), text, context, problems);
    if (wf) all.push_back(wf);
  }
  for (const auto& p : problems) ADD_FAILURE() << p.to_string();
  auto catalog = definition::Catalog::build(all, problems);
  for (const auto& p : problems) ADD_FAILURE() << p.to_string();
  return catalog;
}

CalendarRegistryPtr sample_calendars() {
  auto registry = std::make_shared<MapCalendarRegistry>();
  for (const char* name : {"cn-mainland.yaml", "always.yaml"}) {
    Diagnostics problems;
    const fs::path file = kRoot / "config" / "calendars" / name;
    auto calendar = load_calendar(file.string(), read(file), problems);
    for (const auto& p : problems) ADD_FAILURE() << p.to_string();
    if (calendar) registry->add(calendar);
  }
  return registry;
}

struct SampleHarness {
  definition::CatalogPtr catalog;
  Engine engine;
  Instant now;
  explicit SampleHarness(definition::CatalogPtr c, Instant start)
      : catalog(c),
        engine(EngineOptions{}, std::make_shared<CatalogRouter>(c), sample_calendars(),
               std::make_shared<FakeDirectory>()),
        now(start) {}
  Effects send(const events::CaseEvent& e) {
    Effects fx = engine.apply(e, now);
    EXPECT_EQ(engine.check_invariants(), "");
    return fx;
  }
  Effects advance_to(Instant t) {
    now = t;
    Effects fx = engine.fire_due(now, 1'000'000);
    EXPECT_EQ(engine.check_invariants(), "");
    return fx;
  }
  CaseView view(const std::string& id) { return *engine.view(id); }
  const ClockView* clock(const std::string& id, const std::string& name) {
    static CaseView last;
    last = view(id);
    for (const auto& c : last.clocks)
      if (c.name == name) return &c;
    return nullptr;
  }
};

// Friday 2026-04-03 10:00 Beijing time: Qingming (Sat 4 – Mon 6 April) follows, so the next
// working day is Tuesday 7 April.
const Instant kFridayBeforeQingming = at("2026-04-03T10:00:00+08:00");

TEST(Samples, AllSampleWorkflowsLoadAndRoute) {
  auto catalog = sample_catalog();
  ASSERT_NE(catalog, nullptr);
  SampleHarness h(catalog, kFridayBeforeQingming);
  const std::map<std::string, std::string> expected = {
      {"parking.illegal", "parking@1"},        {"parking.shortage", "parking_shortage@1"},
      {"ev_charging.broken", "ev_charging@1"}, {"ev_charging.corridor", "ev_charging_corridor@1"},
      {"noise.neighbourhood", "noise@1"},      {"environment.litter", "environment@1"},
      {"potholes.deep", "general@1"}};
  int n = 0;
  for (const auto& [category, workflow] : expected) {
    const std::string id = "s" + std::to_string(n++);
    h.send(report(id, category, "g1"));
    EXPECT_EQ(h.view(id).workflow, workflow) << category;
    EXPECT_EQ(h.view(id).status, "dispatched") << category;
  }
}

TEST(Samples, AnIgnoredParkingComplaintIsSupervisedAtTheNextWorkingDayAfterTheHoliday) {
  SampleHarness h(sample_catalog(), kFridayBeforeQingming);
  h.send(report("p1", "parking.illegal", "g1"));
  const ClockView* sign = h.clock("p1", "sign");
  ASSERT_NE(sign, nullptr);
  EXPECT_EQ(sign->due, at("2026-04-07T10:00:00+08:00"));  // 1 workday, over weekend + Qingming
  Effects fx = h.advance_to(at("2026-04-07T09:59:59+08:00"));
  EXPECT_TRUE(records_of(fx, OutType::sla_breached).empty());
  EXPECT_EQ(records_of(fx, OutType::sla_warning).size(), 2u);  // alerts + the grid's topic
  fx = h.advance_to(at("2026-04-07T10:00:00+08:00"));
  EXPECT_EQ(records_of(fx, OutType::sla_breached).size(), 1u);
  EXPECT_NE(record_on(fx, OutType::supervised, "caseflow.alerts"), nullptr);
  EXPECT_EQ(h.view("p1").stage, "grid");  // the sample's sign clock supervises, resolve escalates
  // resolve: 7 calendar days, then escalation to the community
  fx = h.advance_to(at("2026-04-10T10:00:00+08:00") - Duration::seconds(1));
  EXPECT_EQ(h.view("p1").stage, "grid");
  fx = h.advance_to(at("2026-04-10T10:00:00+08:00"));
  const Record* d = record_on(fx, OutType::dispatched, "caseflow.stage.community");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->key, "comm-c1");
  EXPECT_NE(d->value.find("\"time\":\"2026-04-10T10:00:00+08:00\""), std::string::npos);
}

TEST(Samples, AParkingComplaintIgnoredAtGridLevelEscalatesAtTheWorkingTimeInstant) {
  // The same sample with the grid's sign clock set to escalate: escalation happens on Tuesday
  // 7 April 10:00, not on the weekend, not on the Qingming Monday.
  auto catalog = sample_catalog([](const std::string& file, std::string text) {
    if (file != "parking.yaml") return text;
    const auto pos = text.find("on_breach: [supervise]");
    return text.replace(pos, std::string("on_breach: [supervise]").size(), "on_breach: [escalate]");
  });
  SampleHarness h(catalog, kFridayBeforeQingming);
  h.send(report("p1", "parking.illegal", "g1"));
  for (const char* t : {"2026-04-04T10:00:00+08:00", "2026-04-05T10:00:00+08:00",
                        "2026-04-06T10:00:00+08:00", "2026-04-07T09:59:59.999+08:00"}) {
    h.advance_to(at(t));
    EXPECT_EQ(h.view("p1").stage, "grid") << t;
  }
  Effects fx = h.advance_to(at("2026-04-07T10:00:00+08:00"));
  EXPECT_EQ(h.view("p1").stage, "community");
  EXPECT_EQ(h.view("p1").unit, "comm-c1");
  EXPECT_NE(record_on(fx, OutType::escalated, "caseflow.stage.grid"), nullptr);
  // The community's sign clock: 1 workday from Tuesday 10:00.
  EXPECT_EQ(h.clock("p1", "sign")->due, at("2026-04-08T10:00:00+08:00"));
}

TEST(Samples, AParkingReturnLoopEndsAtTheFallbackOwner) {
  SampleHarness h(sample_catalog(), kFridayBeforeQingming);
  h.send(report("p1", "parking.illegal", "g1"));
  auto ret = event(EventType::returned, "p1");
  ret.grid_id = "g2";
  h.send(ret);
  EXPECT_EQ(h.view("p1").unit, "grid-g2");
  ret.grid_id = "g3";
  h.send(ret);  // second return: the sample's fallback owner is the street
  EXPECT_EQ(h.view("p1").stage, "street");
  EXPECT_EQ(h.view("p1").unit, "street-s1");
  Effects fx = h.send(ret);
  ASSERT_EQ(fx.rejections.size(), 1u);
  EXPECT_EQ(fx.rejections[0].reason, "first_receiver");
}

TEST(Samples, AnUnsatisfiedRatingReopensAParkingCase) {
  SampleHarness h(sample_catalog(), kFridayBeforeQingming);
  h.send(report("p1", "parking.illegal", "g1"));
  h.send(event(EventType::signed_for, "p1"));
  h.send(event(EventType::resolved, "p1"));
  EXPECT_NE(h.clock("p1", "revisit"), nullptr);
  auto rating = event(EventType::rated, "p1");
  rating.solved = events::Solved::solved;
  rating.satisfaction = events::Satisfaction::unsatisfied;
  h.send(rating);
  EXPECT_EQ(h.view("p1").status, "reopened");
  EXPECT_EQ(h.view("p1").reopens, 1);
  EXPECT_EQ(h.view("p1").stage, "grid");
}

TEST(Samples, AnEmergencyEvChargingCaseGetsItsTwoHourClock) {
  SampleHarness h(sample_catalog(), kFridayBeforeQingming);
  auto e = report("e1", "ev_charging.broken", "g1");
  e.urgency = definition::Urgency::emergency;
  h.send(e);
  EXPECT_EQ(h.view("e1").workflow, "ev_charging@1");
  EXPECT_EQ(h.clock("e1", "resolve")->due, kFridayBeforeQingming + Duration::hours(2));
  EXPECT_EQ(h.clock("e1", "sign")->due, kFridayBeforeQingming + Duration::minutes(30));
}

// Every sample workflow through its main paths: the happy path, and a case nobody touches.
TEST(Samples, EveryWorkflowRunsTheHappyPathAndTheIgnoredPath) {
  auto catalog = sample_catalog();
  for (const auto& wf : catalog->current()) {
    SampleHarness h(catalog, kFridayBeforeQingming);
    std::string category;
    for (const auto& c : wf->match.categories)
      if (c.code.find('*') == std::string::npos) category = c.code;
    if (category.empty()) category = "unlisted.thing";
    h.send(report("happy", category, "g1"));
    ASSERT_EQ(h.view("happy").workflow, wf->id()) << category;
    for (EventType t :
         {EventType::signed_for, EventType::contacted, EventType::progress, EventType::resolved}) {
      Effects fx = h.send(event(t, "happy"));
      EXPECT_TRUE(fx.rejections.empty()) << wf->id() << " " << events::short_name(t) << " "
                                         << (fx.rejections.empty() ? "" : fx.rejections[0].message);
    }
    auto rating = event(EventType::rated, "happy");
    h.send(rating);
    EXPECT_EQ(h.view("happy").status, "closed") << wf->id();

    h.send(report("ignored", category, "g1"));
    h.advance_to(h.now + Duration::days(60));
    const CaseView v = h.view("ignored");
    EXPECT_EQ(v.stage, wf->stages.back().name) << wf->id() << " should end at its last stage";
    // Nobody acted, so every stage's breach escalated it to the next one: it entered each stage
    // in order (dispatched to the first, escalated into each later one), or passed it over with
    // a history entry saying why (a property stage or a compound-only stage: a report by grid id
    // lies in no compound). Department stages may wait in the dispatcher queue: the fake
    // directory has no department units.
    std::vector<std::string> entered, expected_stages;
    std::string story;  // for failure messages
    bool dispatched = false;
    for (const auto& e : v.history) {
      story += " " + e.what + "@" + e.stage + "(" + e.unit + ")";
      const bool first_dispatch = e.what == "dispatched" && !dispatched;
      if (e.what == "dispatched") dispatched = true;
      if (first_dispatch || e.what == "escalated" || e.what == "skipped_outside_compound") {
        entered.push_back(e.stage);
      }
    }
    for (const auto& s : wf->stages) expected_stages.push_back(s.name);
    EXPECT_EQ(entered, expected_stages) << wf->id() << ":" << story;
  }
}

}  // namespace
}  // namespace caseflow::core::testing
