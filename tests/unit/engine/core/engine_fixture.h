// Test helpers for the engine core: a fake place directory, hand-built workflows, event builders
// and a harness that drives an Engine on an injected clock, with the test double router or the
// one production uses.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "engine/core/catalog_router.h"
#include "engine/core/engine.h"
#include "engine/core/metric_names.h"
#include "engine/core/simple_router.h"
#include "engine/events/case_event_decoder.h"
#include "engine/time/business_calendar.h"
#include "engine/time/rfc3339.h"
#include "tests/unit/engine/core/test_city.h"

namespace caseflow::core::testing {

inline Instant at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

// Grids g1..g3 in community c1 (g3 in c2), all in street s1, district d1. Units are named after
// the level: "grid-g1", "comm-c1", "street-s1", "district-d1", departments "dept-<code>".
class FakeDirectory final : public geo::PlaceDirectory {
 public:
  FakeDirectory() {
    grids_["g1"] = {"g1", "c1", "s1", "d1"};
    grids_["g2"] = {"g2", "c1", "s1", "d1"};
    grids_["g3"] = {"g3", "c2", "s1", "d1"};
    grids_["lonely"] = {"lonely", "", "", ""};  // a grid whose community has no unit
  }
  std::optional<geo::Place> place_of_grid(std::string_view grid_id) const override {
    auto it = grids_.find(std::string(grid_id));
    if (it == grids_.end()) return std::nullopt;
    return it->second;
  }
  // Any point north of 39.9 lies in g2; others are outside every grid.
  std::optional<geo::Place> locate(double lat, double, geo::Datum) const override {
    if (lat > 39.9) return grids_.at("g2");
    return std::nullopt;
  }
  std::optional<std::string> unit_for(definition::Level level, const geo::Place& p) const override {
    const std::string* id = nullptr;
    std::string prefix;
    switch (level) {
      case definition::Level::grid:
        id = &p.grid_id, prefix = "grid-";
        break;
      case definition::Level::community:
        id = &p.community_id, prefix = "comm-";
        break;
      case definition::Level::street:
        id = &p.street_id, prefix = "street-";
        break;
      case definition::Level::district:
        id = &p.district_id, prefix = "district-";
        break;
      case definition::Level::department:
      case definition::Level::property:
        return std::nullopt;
    }
    if (id->empty()) return std::nullopt;
    return prefix + *id;
  }
  std::optional<std::string> department_unit(std::string_view code) const override {
    static const std::set<std::string, std::less<>> known = {"transport", "public_security",
                                                             "housing"};
    if (!known.count(code)) return std::nullopt;
    return "dept-" + std::string(code);
  }

 private:
  std::map<std::string, geo::Place> grids_;
};

inline definition::ClockDef clock(std::string name, definition::ClockStart start, Span limit,
                                  int warn, bool escalate, bool supervise = false) {
  definition::ClockDef c;
  c.name = std::move(name);
  c.starts_at = start;
  c.limit = limit;
  c.warn_at_percent = warn;
  c.on_breach.escalate = escalate;
  c.on_breach.supervise = supervise;
  return c;
}

inline Span hours(int64_t n) { return Span{Span::Unit::hours, n}; }
inline Span days(int64_t n) { return Span{Span::Unit::days, n}; }

// parking@1: grid -> community -> street -> department transport. Every stage: sign 1h (warn
// 80%, escalate), resolve 3d (warn 50%, supervise + escalate), emergency resolve 2h.
// Grid returns: max 2, fallback unit "street-fallback". Street: extensions up to 2d, assists
// transport/housing. Revisit within 1d, max 2 reopens.
inline definition::WorkflowPtr parking_workflow(int version = 1) {
  auto wf = std::make_shared<definition::Workflow>();
  wf->name = "parking";
  wf->version = version;
  wf->calendar = "test";
  wf->content_hash = 1000 + static_cast<uint64_t>(version);
  wf->match.categories.push_back({"parking.*", "", ""});
  auto stage = [](std::string name, definition::Level level) {
    definition::StageDef s;
    s.name = std::move(name);
    s.level = level;
    s.topic = "caseflow.stage." + s.name;
    s.clocks.push_back(clock("sign", definition::ClockStart::dispatch, hours(1), 80, true));
    auto resolve = clock("resolve", definition::ClockStart::dispatch, days(3), 50, true, true);
    resolve.emergency_limit = hours(2);
    s.clocks.push_back(resolve);
    s.extensions.max_extension = days(2);
    s.extensions.max_requests = 1;
    return s;
  };
  auto grid = stage("grid", definition::Level::grid);
  grid.returns.max_returns = 2;
  grid.returns.fallback_owner = "street-fallback";
  grid.returns.fallback_kind = definition::OwnerKind::unit;
  wf->stages.push_back(grid);
  wf->stages.push_back(stage("community", definition::Level::community));
  auto street = stage("street", definition::Level::street);
  street.assists.departments = {"transport", "housing"};
  street.assists.report_within = hours(2);
  street.assists.resolve_within = days(1);
  wf->stages.push_back(street);
  auto dept = stage("transport", definition::Level::department);
  dept.department = "transport";
  dept.topic = "caseflow.dept.transport";
  wf->stages.push_back(dept);
  wf->revisit.within = days(1);
  wf->revisit.max_reopens = 2;
  return wf;
}

inline events::CaseEvent report(std::string id, std::string category = "parking.illegal",
                                std::string grid = "g1") {
  events::CaseEvent e;
  e.type = events::EventType::reported;
  e.case_id = std::move(id);
  e.event_id = "in-" + e.case_id;
  e.source = "/test";
  e.category = std::move(category);
  e.grid_id = std::move(grid);
  e.description = std::string(200, 'd');
  e.reporter = "138****5678";
  e.channel = "hotline";
  return e;
}

inline events::CaseEvent event(events::EventType type, std::string id, std::string unit = "") {
  events::CaseEvent e;
  e.type = type;
  e.case_id = std::move(id);
  e.event_id = "in";
  e.source = "/test";
  e.unit = std::move(unit);
  return e;
}

// The resident's rating of case `id`.
inline events::CaseEvent rated(std::string id, events::Solved solved, events::Satisfaction sat) {
  auto e = event(events::EventType::rated, std::move(id));
  e.solved = solved;
  e.satisfaction = sat;
  return e;
}

// A working calendar "test": 09:00-12:00 and 13:00-17:00, Monday to Friday, Asia/Shanghai.
inline CalendarPtr office_calendar() {
  CalendarRules rules;
  rules.name = "test";
  rules.time_zone = "Asia/Shanghai";
  rules.periods = {WorkingPeriod{9 * 60, 12 * 60}, WorkingPeriod{13 * 60, 17 * 60}};
  auto made = make_business_calendar(rules);
  EXPECT_TRUE(made.ok());
  return made.ok() ? *made : nullptr;
}

inline std::vector<const Record*> records_of(const Effects& fx, OutType type) {
  std::vector<const Record*> out;
  for (const Record& r : fx.records)
    if (r.type == type) out.push_back(&r);
  return out;
}

inline const Record* record_on(const Effects& fx, OutType type, std::string_view topic) {
  for (const Record& r : fx.records)
    if (r.type == type && r.topic == topic) return &r;
  return nullptr;
}

inline double metric_sum(const Effects& fx, std::string_view name) {
  double sum = 0;
  for (const auto& m : fx.metrics)
    if (m.name == name) sum += m.value;
  return sum;
}

// Which router and place directory a Harness gives its Engine. `simple`: SimpleRouter over the
// workflows and FakeDirectory. `catalog`: what connectors/runtime/engine_setup.cpp builds — a
// CatalogRouter over a definition::Catalog of the same workflows, and a CityDirectory loaded from
// boundaries and a unit directory (test_city.h) — so a router or directory bug cannot hide behind
// the test doubles.
enum class RouterKind { simple, catalog };

// The unit ids of the test city under each RouterKind. Tests take unit ids from here, so an
// expectation states what the directory in use says, not one directory's naming.
struct UnitNames {
  std::string grid_prefix, community_prefix, street_prefix, department_prefix;
  std::string grid(std::string_view id) const { return grid_prefix + std::string(id); }
  std::string community(std::string_view id) const { return community_prefix + std::string(id); }
  std::string street(std::string_view id) const { return street_prefix + std::string(id); }
  std::string department(std::string_view code) const {
    return department_prefix + std::string(code);
  }
  static UnitNames of(RouterKind kind) {
    if (kind == RouterKind::simple) return {"grid-", "comm-", "street-", "dept-"};
    return {"grid:", "community:", "street:", "department:"};
  }
};

inline geo::PlaceDirectoryPtr make_directory(RouterKind kind) {
  if (kind == RouterKind::catalog) {
    if (auto city = test_city()) return city;  // else the failure is reported; carry on
  }
  return std::make_shared<FakeDirectory>();
}

inline WorkflowRouterPtr make_router(RouterKind kind,
                                     const std::vector<definition::WorkflowPtr>& workflows) {
  if (kind == RouterKind::simple) return std::make_shared<SimpleRouter>(workflows);
  Diagnostics problems;
  auto catalog = definition::Catalog::build(workflows, problems);
  for (const auto& p : problems) ADD_FAILURE() << p.to_string();
  if (!catalog) catalog = definition::Catalog::build({}, problems);  // routes nothing
  return std::make_shared<CatalogRouter>(catalog);
}

// An Engine on an injected clock that starts on Monday 2026-03-02 09:00 +08:00.
struct Harness {
  RouterKind router;
  UnitNames units;
  geo::PlaceDirectoryPtr directory;
  std::vector<definition::WorkflowPtr> workflows;
  Engine engine;
  Instant now = at("2026-03-02T09:00:00+08:00");

  explicit Harness(EngineOptions options = {},
                   std::vector<definition::WorkflowPtr> wfs = {parking_workflow()},
                   CalendarRegistryPtr calendars = std::make_shared<MapCalendarRegistry>(),
                   RouterKind kind = RouterKind::simple)
      : router(kind),
        units(UnitNames::of(kind)),
        directory(make_directory(kind)),
        workflows(wfs),
        engine(std::move(options), make_router(kind, wfs), std::move(calendars), directory) {}

  Effects send(const events::CaseEvent& e) {
    Effects fx = engine.apply(e, now);
    const std::string broken = engine.check_invariants();
    EXPECT_EQ(broken, "");
    return fx;
  }
  // Moves the clock forward and fires everything due.
  Effects advance(Duration d) {
    now = now + d;
    Effects fx = engine.fire_due(now, 1'000'000);
    EXPECT_EQ(engine.check_invariants(), "");
    return fx;
  }
  Effects advance_to(Instant t) { return advance(t - now); }
  // Delivers the events the engine wrote to its own input topic (merged duplicates) back to it,
  // decoded as the runtime's consumer would, until none is left. Returns `fx` with the effects
  // of every delivery appended.
  Effects settle(Effects fx) {
    for (size_t i = 0; i < fx.records.size(); ++i) {
      if (fx.records[i].topic != "caseflow.events") continue;
      const std::string value = fx.records[i].value;
      Result<events::CaseEvent> e = events::decode_case_event(value);
      EXPECT_TRUE(e.ok()) << value;
      if (!e.ok()) continue;
      Effects more = send(*e);
      for (Record& r : more.records) fx.records.push_back(std::move(r));
      for (ChangelogEntry& c : more.changelog) fx.changelog.push_back(std::move(c));
      for (MetricObservation& m : more.metrics) fx.metrics.push_back(m);
      for (Rejection& r : more.rejections) fx.rejections.push_back(std::move(r));
    }
    return fx;
  }
  CaseView view(const std::string& id) { return *engine.view(id); }
  const ClockView* clock_of(const std::string& id, const std::string& name) {
    static CaseView last;
    last = view(id);
    for (const auto& c : last.clocks)
      if (c.name == name) return &c;
    return nullptr;
  }
};

// Expects `e` to be refused with `reason`, nothing written, and the case exactly as before.
inline void expect_refused(Harness& h, const events::CaseEvent& e, const std::string& reason) {
  const std::string before = h.engine.serialize_case(e.case_id);
  Effects fx = h.send(e);
  ASSERT_EQ(fx.rejections.size(), 1u) << reason;
  EXPECT_EQ(fx.rejections[0].reason, reason) << fx.rejections[0].message;
  EXPECT_TRUE(fx.records.empty());
  EXPECT_TRUE(fx.changelog.empty());
  EXPECT_EQ(h.engine.serialize_case(e.case_id), before);
}

// A suite whose tests run under each RouterKind:
//   class Lifecycle : public EachRouter {};
//   INSTANTIATE_TEST_SUITE_P(, Lifecycle, each_router(), router_name);
//   TEST_P(Lifecycle, X) { Harness h = harness(); ... }
class EachRouter : public ::testing::TestWithParam<RouterKind> {
 protected:
  Harness harness(EngineOptions options = {},
                  std::vector<definition::WorkflowPtr> wfs = {parking_workflow()},
                  CalendarRegistryPtr calendars = std::make_shared<MapCalendarRegistry>()) const {
    return Harness(std::move(options), std::move(wfs), std::move(calendars), GetParam());
  }
  UnitNames units() const { return UnitNames::of(GetParam()); }
};

inline auto each_router() { return ::testing::Values(RouterKind::simple, RouterKind::catalog); }

inline std::string router_name(const ::testing::TestParamInfo<RouterKind>& info) {
  return info.param == RouterKind::simple ? "simple" : "catalog";
}

// Failure messages name the router ("GetParam() = catalog"), not its bytes.
inline void PrintTo(RouterKind kind, std::ostream* os) {
  *os << (kind == RouterKind::simple ? "simple" : "catalog");
}

}  // namespace caseflow::core::testing
