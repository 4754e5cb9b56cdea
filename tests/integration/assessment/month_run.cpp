// The month's story as events. Every case is told in its own lines below (what happens, when);
// the steps of all cases are then sorted by time and fed to one Engine, whose clock moves to each
// step and fires what fell due on the way (sign breaches, escalations, revisit clocks, plan dates).
#include "tests/integration/assessment/month_run.h"

#include <algorithm>

#include "engine/geo/city_directory.h"
#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::testing {
namespace {

using core::testing::at;
using core::testing::clock;
using core::testing::days;
using core::testing::hours;
using definition::ClockStart;
using definition::Level;
using events::CaseEvent;
using events::EventType;
using events::Satisfaction;
using events::Solved;

// Grid G1 lies in community C1 of street S1, grid G2 in community C2 of street S2. Units follow the
// unit directory's default patterns: "grid:G1", "community:C1", "street:S1".
constexpr std::string_view kBoundaries = R"({
  "type": "FeatureCollection",
  "features": [
    {"type": "Feature",
     "properties": {"grid_id": "G1", "community_id": "C1", "street_id": "S1", "district_id": "D1"},
     "geometry": {"type": "Polygon", "coordinates": [
       [[120.00, 30.00], [120.01, 30.00], [120.01, 30.01], [120.00, 30.01], [120.00, 30.00]]]}},
    {"type": "Feature",
     "properties": {"grid_id": "G2", "community_id": "C2", "street_id": "S2", "district_id": "D1"},
     "geometry": {"type": "Polygon", "coordinates": [
       [[120.01, 30.00], [120.02, 30.00], [120.02, 30.01], [120.01, 30.01], [120.01, 30.00]]]}}
  ]
})";
constexpr std::string_view kUnits = "departments:\n  - code: transport\n    name: Transport\n";

// A stage whose response is judged by a one-hour sign clock (no escalation: a late signing is
// late, nothing more) and whose resolve clock runs 20 days.
definition::StageDef stage(std::string name, Level level, bool resolve_escalates) {
  definition::StageDef s;
  s.name = std::move(name);
  s.level = level;
  s.topic = "caseflow.stage." + s.name;
  s.clocks.push_back(clock("sign", ClockStart::dispatch, hours(1), 0, false));
  s.clocks.push_back(clock("resolve", ClockStart::dispatch, days(20), 0, resolve_escalates));
  s.extensions.max_extension = days(2);
  return s;
}

definition::WorkflowPtr workflow(std::string name, std::string pattern, uint64_t hash,
                                 std::vector<definition::StageDef> stages) {
  auto wf = std::make_shared<definition::Workflow>();
  wf->name = std::move(name);
  wf->calendar = "test";
  wf->content_hash = hash;
  wf->match.categories.push_back({std::move(pattern), "", ""});
  wf->stages = std::move(stages);
  wf->revisit.within = days(2);
  wf->revisit.max_reopens = 1;  // a bad rating reopens once; the second one is final
  return wf;
}

// "grid.*": the grid, then the street office (a grid that leaves the case 20 days unresolved
// loses it to the street). "office.*": the street office first; the grid stage is there for the
// dispatcher to move a case down to.
std::vector<definition::WorkflowPtr> workflows() {
  return {workflow("month", "grid.*", 7001,
                   {stage("grid", Level::grid, true), stage("street", Level::street, false)}),
          workflow("office", "office.*", 7002,
                   {stage("street", Level::street, false), stage("grid", Level::grid, false)})};
}

Instant nov(int day, int hour = 9, int minute = 0) {
  char text[40];
  std::snprintf(text, sizeof text, "2026-11-%02dT%02d:%02d:00+08:00", day, hour, minute);
  return at(text);
}

struct Step {
  Instant when;
  size_t order;  // ties keep the order the story was told in
  CaseEvent event;
};

// The story of one case, told step by step.
class Story {
 public:
  Story(std::vector<Step>& steps, std::string id) : steps_(steps), id_(std::move(id)) {}

  Story& then(Instant when, EventType type, const std::function<void(CaseEvent&)>& fill = {}) {
    CaseEvent e = core::testing::event(type, id_);
    e.event_id = id_ + "-in-" + std::to_string(steps_.size());
    if (fill) fill(e);
    steps_.push_back({when, steps_.size(), std::move(e)});
    return *this;
  }
  Story& report(Instant when, const char* category, const char* grid) {
    CaseEvent e = core::testing::report(id_, category, grid);
    steps_.push_back({when, steps_.size(), std::move(e)});
    return *this;
  }
  // Reported two hours before `contact`; signed after 30 minutes (on time) or 90 (the sign clock
  // breached: late); the resident called at `contact` — the response fact's moment.
  Story& respond(Instant contact, bool on_time, const char* category = "grid.parking",
                 const char* grid = "G1") {
    report(contact - Duration::hours(2), category, grid);
    then(contact - Duration::minutes(on_time ? 90 : 30), EventType::signed_for);
    return then(contact, EventType::contacted);
  }
  // Resolved an hour before `when`, rated at `when`. A bad rating (not solved or unsatisfied)
  // first reopens the case: the same verdict given once before, the case signed and resolved
  // again, so the rating at `when` is the final one.
  Story& rated(Instant when, Solved solved, Satisfaction satisfaction) {
    if (solved == Solved::not_solved || satisfaction == Satisfaction::unsatisfied) {
      then(when - Duration::hours(5), EventType::resolved);
      rate(when - Duration::hours(4), solved, satisfaction);
      then(when - Duration::minutes(210), EventType::signed_for);  // 30 minutes after reopening
    }
    then(when - Duration::hours(1), EventType::resolved);
    return rate(when, solved, satisfaction);
  }
  Story& rate(Instant when, Solved solved, Satisfaction satisfaction) {
    return then(when, EventType::rated, [&](CaseEvent& e) {
      e.solved = solved;
      e.satisfaction = satisfaction;
    });
  }
  // Resolved two days before `when`; nobody rates it, the revisit clock closes it at `when`.
  Story& unrated(Instant when) { return then(when - Duration::days(2), EventType::resolved); }
  Story& exemption(Instant asked, std::optional<Instant> decided, bool granted,
                   const char* applicant) {
    then(asked, EventType::exemption_requested, [&](CaseEvent& e) {
      e.unit = applicant;
      e.reason = "the owner is abroad until spring";
    });
    if (!decided) return *this;
    return then(*decided, EventType::exemption_decided,
                [&](CaseEvent& e) { e.approved = granted; });
  }
  Story& returned(Instant when) {
    return then(when, EventType::returned, [](CaseEvent& e) { e.reason = "not ours"; });
  }
  Story& reviewed(Instant when, bool justified) {
    return then(when, EventType::return_reviewed, [&](CaseEvent& e) { e.justified = justified; });
  }
  // The dispatcher gives the case to `unit` at `stage`.
  Story& assigned(Instant when, const char* unit, const char* stage) {
    return then(when, EventType::assigned, [&](CaseEvent& e) {
      e.unit = unit;
      e.stage = stage;
    });
  }

 private:
  std::vector<Step>& steps_;
  std::string id_;
};

Solved constexpr solved = Solved::solved, partly = Solved::partly, not_solved = Solved::not_solved;
Satisfaction constexpr satisfied = Satisfaction::satisfied, basically = Satisfaction::basically,
                       unsatisfied = Satisfaction::unsatisfied, no_answer = Satisfaction::no_answer;

// The cases, as the table in assessment_month_test.cpp lists them. Times are +08:00.
std::vector<Step> the_story() {
  std::vector<Step> steps;
  auto story = [&](const char* id) { return Story(steps, id); };
  const char* G1 = "grid:G1";

  story("a01").respond(nov(2, 11), true).rated(nov(6), solved, satisfied);
  // a02 asks for two more days to resolve (延期), granted: nothing in the figures changes.
  story("a02")
      .respond(nov(3, 11), true)
      .then(nov(4), EventType::extension_requested, [](CaseEvent& e) { e.extend_by = "2d"; })
      .then(nov(4, 10), EventType::extension_decided, [](CaseEvent& e) { e.approved = true; })
      .rated(nov(10), solved, satisfied);
  story("a03").respond(nov(4, 11), false).rated(nov(12), partly, basically);
  // a04: rated unsatisfied on the 16th, reopened (重办); the final rating counts.
  story("a04")
      .respond(nov(9, 11), true)
      .then(nov(16, 8), EventType::resolved)
      .rate(nov(16, 9), solved, unsatisfied)
      .then(nov(16, 9, 30), EventType::signed_for)
      .rated(nov(25), solved, basically);
  story("a05").respond(nov(10, 11), true).rated(nov(14), solved, no_answer);
  story("a06").respond(nov(11, 11), false).unrated(nov(28));
  // a07 / a08: returned before signing (退单) to the dispatcher, who reviews the return and gives
  // the case to the street office.
  story("a07")
      .report(nov(12), "grid.parking", "G1")
      .returned(nov(12, 9, 20))
      .reviewed(nov(13), true)
      .assigned(nov(14), "street:S1", "street")
      .then(nov(14, 9, 30), EventType::signed_for)
      .then(nov(14, 10), EventType::contacted)
      .rated(nov(19), solved, satisfied);
  story("a08")
      .report(nov(13), "grid.parking", "G1")
      .returned(nov(13, 9, 20))
      .reviewed(nov(14), false)
      .assigned(nov(15), "street:S1", "street")
      .then(nov(15, 9, 30), EventType::signed_for)
      .then(nov(15, 10), EventType::contacted)
      .rated(nov(22), partly, satisfied);
  story("a09")
      .respond(nov(16, 11), true)
      .exemption(nov(17), nov(18), true, G1)
      .rated(nov(24), not_solved, unsatisfied);
  story("a10")
      .respond(nov(17, 11), false)
      .exemption(nov(18), nov(19), false, G1)
      .rated(nov(26), not_solved, unsatisfied);
  // a11: a duplicate report (不属实/无效), confirmed by the dispatcher: closed `invalid`.
  story("a11")
      .respond(nov(18, 11), true)
      .then(nov(19), EventType::invalid_proposed, [](CaseEvent& e) { e.reason = "duplicate"; })
      .then(nov(21), EventType::invalid_decided, [](CaseEvent& e) { e.approved = true; });
  story("a12").respond(at("2026-10-31T23:30:00+08:00"), true).rated(nov(3), solved, satisfied);
  story("a13").respond(nov(27, 11), true).rated(at("2026-12-01T00:30:00+08:00"), solved, satisfied);
  story("a14").respond(at("2026-11-30T23:59:59+08:00"), false);
  // a15: the late decision. Its exemption is granted on 3 December, after the month's live
  // counters were taken.
  story("a15")
      .respond(nov(20, 11), false)
      .rated(nov(27), not_solved, unsatisfied)
      .exemption(nov(28), at("2026-12-03T10:00:00+08:00"), true, G1);

  auto b = [&](const char* id, Instant contact, bool on_time) {
    return story(id).respond(contact, on_time, "grid.parking", "G2");
  };
  b("b01", nov(2, 11), true).rated(nov(5), solved, satisfied);
  b("b02", nov(2, 12), true).rated(nov(6), solved, satisfied);
  b("b03", nov(5, 11), true).rated(nov(9), partly, basically);
  b("b04", nov(6, 11), false).rated(nov(12), not_solved, unsatisfied);
  b("b05", nov(8, 11), true).rated(nov(12), solved, no_answer);
  b("b06", nov(9, 11), true).rated(nov(15), partly, no_answer);
  b("b07", nov(10, 11), true).unrated(nov(25));
  b("b08", nov(15, 11), true).unrated(nov(29));
  b("b09", nov(16, 11), false).rated(nov(20), solved, basically);
  b("b10", nov(18, 11), true)
      .then(nov(22, 8), EventType::resolved)
      .rate(nov(22, 9), not_solved, unsatisfied)
      .then(nov(22, 9, 30), EventType::signed_for)
      .rated(nov(29), solved, satisfied);
  b("b11", nov(22, 11), true).rated(nov(28), not_solved, unsatisfied);
  // b12: returned, the return justified, then found to be the same matter as b15: merged into it.
  story("b12")
      .report(nov(23), "grid.parking", "G2")
      .returned(nov(23, 9, 20))
      .reviewed(nov(24), true)
      .then(nov(25), EventType::merged, [](CaseEvent& e) { e.merged_into = "b15"; });
  // b13: proposed invalid before anyone called (no response fact for that), refused; then signed
  // late and called.
  story("b13")
      .report(nov(25), "grid.parking", "G2")
      .then(nov(25, 9, 10), EventType::invalid_proposed,
            [](CaseEvent& e) { e.reason = "unreachable"; })
      .then(nov(26), EventType::invalid_decided, [](CaseEvent& e) { e.approved = false; })
      .then(nov(26, 14), EventType::signed_for)
      .then(nov(26, 15), EventType::contacted)
      .rated(nov(30), partly, basically);
  // b14: answered during the call (直办).
  story("b14").then(nov(7), EventType::reported, [](CaseEvent& e) {
    e = core::testing::report("b14", "grid.parking", "G2");
    e.request_type = definition::RequestType::consultation;
    e.answered_at_intake = true;
    e.note = "the car park opens at 7";
  });
  // b15 / b16: staged completion (阶段性办结); b15's plan runs into January, b16's comes due.
  auto plan = [](Instant until) {
    return [until](CaseEvent& e) {
      e.until = until;
      e.note = "the road must be rebuilt";
    };
  };
  auto approve = [](CaseEvent& e) { e.approved = true; };
  b("b15", nov(3, 11), true)
      .then(nov(10), EventType::plan_filed, plan(at("2027-01-15T00:00:00+08:00")))
      .then(nov(11), EventType::plan_decided, approve);
  b("b16", nov(4, 11), true)
      .then(nov(5), EventType::plan_filed, plan(nov(20, 10)))
      .then(nov(6), EventType::plan_decided, approve)
      .rated(nov(27), solved, satisfied);

  auto c = [&](const char* id, Instant contact, bool on_time) {
    return story(id).respond(contact, on_time, "office.noise", "G1");
  };
  // c01: the grid leaves it 20 days unresolved and unsigned: escalated to the street office on
  // 3 November, which calls within the hour.
  story("c01")
      .report(nov(3) - Duration::days(20), "grid.parking", "G1")
      .then(nov(3, 9, 30), EventType::signed_for)
      .then(nov(3, 10), EventType::contacted)
      .rated(nov(12), solved, satisfied);
  c("c02", nov(6, 11), true).rated(nov(14), partly, basically);
  c("c03", nov(7, 11), false).rated(nov(17), not_solved, no_answer);
  c("c04", nov(20, 11), true).unrated(nov(30, 10));
  c("c05", nov(21, 11), true)
      .exemption(nov(24), nov(25), true, "street:S1")
      .rated(nov(28), not_solved, unsatisfied);
  // c06: the dispatcher moves it from the street office, unsigned, to the grid.
  story("c06")
      .report(nov(22), "office.noise", "G1")
      .assigned(nov(22, 9, 20), G1, "grid")
      .then(nov(22, 9, 40), EventType::signed_for)
      .then(nov(23), EventType::contacted)
      .rated(nov(29), solved, satisfied);
  c("c07", nov(24, 11), true).rated(at("2026-12-02T10:00:00+08:00"), solved, satisfied);
  c("c08", at("2026-10-30T10:00:00+08:00"), true)
      .rated(at("2026-10-31T23:59:59.999+08:00"), solved, basically);
  c("c09", at("2026-12-01T00:00:00+08:00"), true);
  return steps;
}

}  // namespace

MonthRun run_the_month() {
  MonthRun run;
  Diagnostics problems;
  run.directory =
      geo::load_city_directory("month.geojson", kBoundaries, "month_units.yaml", kUnits, problems);
  for (const auto& p : problems) run.rejections.push_back("city: " + p.to_string());
  if (!run.directory) return run;

  core::EngineOptions options;
  options.retain_closed_for = days(30);  // a15 is still held when its exemption is decided
  core::Engine engine(options,
                      core::testing::make_router(core::testing::RouterKind::catalog, workflows()),
                      std::make_shared<core::MapCalendarRegistry>(), run.directory);

  auto keep = [&](const core::Effects& fx, Instant now, const std::string& case_id) {
    for (const core::Record& r : fx.records) {
      if (r.topic == "caseflow.updates" || r.topic == "caseflow.alerts")
        run.records.push_back({std::string(r.topic), r.key, r.value});
    }
    for (const core::MetricObservation& m : fx.metrics) {
      TimedObservation o{now, case_id, std::string(m.name), m.kind, {}, m.value};
      for (uint8_t i = 0; i < m.label_count; ++i)
        o.labels.emplace_back(std::string(m.labels[i].name), std::string(m.labels[i].value));
      run.observations.push_back(std::move(o));
    }
    for (const core::Rejection& r : fx.rejections)
      run.rejections.push_back(case_id + ": " + r.reason + ": " + r.message);
  };

  std::vector<Step> steps = the_story();
  std::sort(steps.begin(), steps.end(), [](const Step& x, const Step& y) {
    return x.when < y.when || (x.when == y.when && x.order < y.order);
  });
  // The clock also stops at the last millisecond of October and of November, so what a timer
  // counted is attributed to the month it fell due in.
  std::vector<Instant> ticks = {at("2026-10-31T23:59:59.999+08:00"),
                                at("2026-11-30T23:59:59.999+08:00")};
  for (const Step& step : steps) {
    while (!ticks.empty() && ticks.front() < step.when) {
      keep(engine.fire_due(ticks.front(), 1'000'000), ticks.front(), "");
      ticks.erase(ticks.begin());
    }
    keep(engine.fire_due(step.when, 1'000'000), step.when, "");
    keep(engine.apply(step.event, step.when), step.when, step.event.case_id);
  }
  // The last timers: c04's revisit clock is long past; nothing else is due before January.
  const Instant end = at("2026-12-03T12:00:00+08:00");
  keep(engine.fire_due(end, 1'000'000), end, "");
  if (const std::string broken = engine.check_invariants(); !broken.empty())
    run.rejections.push_back("invariants: " + broken);
  return run;
}

}  // namespace caseflow::testing
