// SLA clocks: warnings, breaches, escalation and supervision, each exactly once; the timer index;
// bounded batches; lateness; urgency limits. Tests that drive an Engine run under the test double
// router and under the router production uses (engine_fixture.h).
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <tuple>

#include "engine/core/interner.h"
#include "engine/core/timer_index.h"
#include "engine/time/business_calendar.h"
#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::core::testing {
namespace {

using events::EventType;

class Clocks : public EachRouter {};
INSTANTIATE_TEST_SUITE_P(, Clocks, each_router(), router_name);
class PausedClocks : public EachRouter {};
INSTANTIATE_TEST_SUITE_P(, PausedClocks, each_router(), router_name);
class DispatcherQueueClock : public EachRouter {};
INSTANTIATE_TEST_SUITE_P(, DispatcherQueueClock, each_router(), router_name);

TEST_P(Clocks, AnIgnoredCaseWarnsThenBreachesAndEscalatesOnce) {
  Harness h = harness();
  h.send(report("c1"));
  const Instant start = h.now;
  Effects fx = h.advance(Duration::minutes(47));
  EXPECT_TRUE(fx.records.empty());
  fx = h.advance(Duration::minutes(1));  // 80% of 1h = 48 min
  const Record* warn = record_on(fx, OutType::sla_warning, "caseflow.alerts");
  ASSERT_NE(warn, nullptr);
  EXPECT_EQ(warn->key, "c1");
  EXPECT_NE(warn->value.find("\"name\":\"sign\""), std::string::npos);
  // 催办: the grid unit is reminded on its own topic
  ASSERT_NE(record_on(fx, OutType::sla_warning, "caseflow.stage.grid"), nullptr);
  EXPECT_EQ(record_on(fx, OutType::sla_warning, "caseflow.stage.grid")->key, h.units.grid("g1"));
  EXPECT_TRUE(h.clock_of("c1", "sign")->warned);
  EXPECT_TRUE(h.advance(Duration::minutes(1)).records.empty());  // warns once

  fx = h.advance_to(start + Duration::hours(1));
  ASSERT_EQ(records_of(fx, OutType::sla_breached).size(), 1u);
  const Record* notice = record_on(fx, OutType::escalated, "caseflow.stage.grid");
  ASSERT_NE(notice, nullptr);  // the unit that lost the case is told
  EXPECT_EQ(notice->key, h.units.grid("g1"));
  ASSERT_NE(record_on(fx, OutType::escalated, "caseflow.alerts"), nullptr);
  const Record* d = record_on(fx, OutType::dispatched, "caseflow.stage.community");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->key, h.units.community("c1"));
  EXPECT_NE(d->value.find("\"reason\":\"escalated\""), std::string::npos);
  // The work order names who had the case before; the history itself stays on the updates feed.
  EXPECT_NE(
      d->value.find("\"previous\":{\"stage\":\"grid\",\"unit\":\"" + h.units.grid("g1") + "\"}"),
      std::string::npos);
  EXPECT_EQ(d->value.find("\"history\""), std::string::npos);
  EXPECT_EQ(metric_sum(fx, metric::kEscalations), 1);
  EXPECT_EQ(metric_sum(fx, metric::kSlaBreaches), 1);

  const CaseView v = h.view("c1");
  EXPECT_EQ(v.stage, "community");
  EXPECT_EQ(v.unit, h.units.community("c1"));
  EXPECT_EQ(v.status, "dispatched");
  EXPECT_EQ(v.clocks.size(), 2u);  // the community's own fresh clocks
  EXPECT_EQ(v.clocks[0].due, h.now + Duration::hours(1));
  // Stale grid deadlines (resolve) never fire.
  fx = h.advance(Duration::minutes(30));
  EXPECT_TRUE(records_of(fx, OutType::sla_breached).empty());
}

TEST_P(Clocks, EscalationWalksEveryStageAndStopsAtTheLast) {
  Harness h = harness();
  h.send(report("c1"));
  for (const char* stage : {"community", "street", "transport"}) {
    h.advance(Duration::hours(1));
    EXPECT_EQ(h.view("c1").stage, stage);
  }
  // The last stage cannot escalate: its breach is supervised instead.
  Effects fx = h.advance(Duration::hours(1));
  EXPECT_EQ(h.view("c1").stage, "transport");
  const Record* sup = record_on(fx, OutType::supervised, "caseflow.alerts");
  ASSERT_NE(sup, nullptr);
  EXPECT_NE(sup->value.find("no_stage_to_escalate_to"), std::string::npos);
}

TEST_P(Clocks, ASupervisedBreachWarnsTheUnitAndTheAlertsTopic) {
  Harness h = harness();
  h.send(report("c1"));
  h.send(event(EventType::signed_for, "c1"));
  // resolve: 3 days, warn at 50%, supervise + escalate
  Effects fx = h.advance(Duration::hours(36));
  EXPECT_EQ(records_of(fx, OutType::sla_warning).size(), 2u);
  fx = h.advance(Duration::hours(36));
  ASSERT_NE(record_on(fx, OutType::supervised, "caseflow.alerts"), nullptr);
  ASSERT_NE(record_on(fx, OutType::supervised, "caseflow.stage.grid"), nullptr);
  EXPECT_EQ(h.view("c1").stage, "community");
}

TEST_P(Clocks, EmergencyCasesGetTheirShortLimit) {
  Harness h = harness();
  auto e = report("c1");
  e.urgency = definition::Urgency::emergency;
  h.send(e);
  EXPECT_EQ(h.clock_of("c1", "resolve")->due, h.now + Duration::hours(2));
  EXPECT_EQ(h.view("c1").urgency, "emergency");
}

TEST_P(Clocks, NotifyTopicsGetTheBreachToo) {
  auto wf = std::make_shared<definition::Workflow>(*parking_workflow());
  wf->stages[0].clocks[0].on_breach.notify_topics = {"caseflow.supervision.city"};
  Harness h = harness({}, {wf});
  h.send(report("c1"));
  Effects fx = h.advance(Duration::hours(1));
  const Record* n = record_on(fx, OutType::sla_breached, "caseflow.supervision.city");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->key, "c1");
}

TEST_P(Clocks, ClocksStartingAtSigningStartAtSigning) {
  auto wf = std::make_shared<definition::Workflow>(*parking_workflow());
  wf->stages[0].clocks.push_back(
      clock("contact", definition::ClockStart::sign, hours(4), 0, false, true));
  Harness h = harness({}, {wf});
  h.send(report("c1"));
  EXPECT_EQ(h.clock_of("c1", "contact"), nullptr);
  h.now = h.now + Duration::minutes(30);
  h.send(event(EventType::signed_for, "c1"));
  ASSERT_NE(h.clock_of("c1", "contact"), nullptr);
  EXPECT_EQ(h.clock_of("c1", "contact")->due, h.now + Duration::hours(4));
  h.send(event(EventType::contacted, "c1"));
  EXPECT_EQ(h.clock_of("c1", "contact"), nullptr);
}

TEST_P(Clocks, FireDueRunsInBoundedBatchesEachDeadlineOnceWithLateness) {
  EngineOptions options;
  options.encode = false;
  Harness h = harness(options);
  for (int i = 0; i < 1000; ++i) h.send(report("c" + std::to_string(i)));
  h.now = h.now + Duration::minutes(50);  // every sign clock is 2 minutes past its warning
  size_t total = 0;
  int rounds = 0;
  std::set<std::string> warned;  // cases warned on caseflow.alerts so far
  for (; rounds < 20; ++rounds) {
    Effects fx;
    const size_t fired = h.engine.fire_due(h.now, 100, fx);
    EXPECT_LE(fired, 100u);
    size_t lateness_obs = 0;
    for (const auto& m : fx.metrics) {
      if (m.name != metric::kTimerLateness) continue;
      ++lateness_obs;
      EXPECT_EQ(m.kind, MetricKind::histogram);
      EXPECT_DOUBLE_EQ(m.value, 120.0);
    }
    EXPECT_EQ(lateness_obs, fired) << "one lateness observation per fired deadline";
    size_t warnings = 0;
    for (const Record* r : records_of(fx, OutType::sla_warning)) {
      if (r->topic != "caseflow.alerts") continue;
      ++warnings;
      EXPECT_TRUE(warned.insert(r->key).second) << r->key << " warned twice";
    }
    EXPECT_EQ(warnings, fired) << "each fired deadline is one case's warning";
    total += fired;
    if (fired < 100) break;  // a short batch: nothing more is due
  }
  EXPECT_EQ(rounds, 10) << "1000 deadlines in batches of 100, then a short (empty) one";
  EXPECT_EQ(total, 1000u);
  EXPECT_EQ(warned.size(), 1000u);
  EXPECT_EQ(h.engine.fire_due(h.now, 100).records.size(), 0u);
  EXPECT_EQ(h.engine.check_invariants(), "");
}

TEST(TimerIndex, GivesEntriesInDeadlineOrder) {
  TimerIndex index;
  const Instant t0 = Instant::from_unix_seconds(1000);
  index.add(t0 + Duration::seconds(5), CaseSlot{1}, ClockSerial{1}, TimerKind::due);
  index.add(t0 + Duration::seconds(1), CaseSlot{2}, ClockSerial{7}, TimerKind::warn);
  index.add(t0 + Duration::seconds(1), CaseSlot{1}, ClockSerial{3}, TimerKind::due);
  EXPECT_EQ(index.next(), t0 + Duration::seconds(1));
  EXPECT_FALSE(index.pop_due(t0));
  auto a = index.pop_due(t0 + Duration::seconds(2));
  auto b = index.pop_due(t0 + Duration::seconds(2));
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->case_slot().index, 1u);  // same instant: lower slot first
  EXPECT_EQ(a->serial().value, 3u);
  EXPECT_EQ(a->kind(), TimerKind::due);
  EXPECT_EQ(b->case_slot().index, 2u);
  EXPECT_EQ(b->kind(), TimerKind::warn);
  EXPECT_FALSE(index.pop_due(t0 + Duration::seconds(2)));
  EXPECT_EQ(index.size(), 1u);
}

TEST(TimerIndex, KeepsTheTotalOrderAcrossChunksAndInterleaving) {
  // More entries than one 64 Ki chunk, many at the same instant, adds between pops: every pop
  // must give the smallest (at, slot, serial, kind) left, as a sorted reference says.
  std::mt19937_64 rng(11);
  TimerIndex index;
  std::multiset<std::tuple<int64_t, uint32_t, uint32_t>> reference;
  auto add = [&] {
    const int64_t at = 1'000'000 + static_cast<int64_t>(rng() % 5000) * 1000;
    const uint32_t slot = static_cast<uint32_t>(rng() % 100'000);
    const uint32_t serial = static_cast<uint32_t>(rng() % 1000);
    const auto kind = static_cast<TimerKind>(rng() % 3);  // warn, due, retire
    index.add(Instant::from_unix_millis(at), CaseSlot{slot}, ClockSerial{serial}, kind);
    reference.insert({at, slot, serial << 2 | static_cast<uint32_t>(kind)});
  };
  for (int i = 0; i < 150'000; ++i) add();
  const Instant end = Instant::from_unix_millis(1'000'000'000);
  for (int round = 0; round < 300'000 && !reference.empty(); ++round) {
    if (rng() % 3 == 0) add();
    const auto e = index.pop_due(end);
    ASSERT_TRUE(e);
    const auto expected = *reference.begin();
    reference.erase(reference.begin());
    ASSERT_EQ(std::make_tuple(e->at_ms, e->slot, e->serial_and_kind), expected) << round;
  }
  EXPECT_EQ(index.size(), reference.size());
}

TEST(Interner, GivesOneSymbolPerTextAndKnowsWhatNeedsEscaping) {
  Interner strings;
  std::vector<Symbol> symbols;
  for (int i = 0; i < 5000; ++i) symbols.push_back(strings.intern("unit-" + std::to_string(i)));
  for (int i = 0; i < 5000; ++i) {
    EXPECT_EQ(strings.intern("unit-" + std::to_string(i)), symbols[static_cast<size_t>(i)]);
    EXPECT_EQ(strings.find("unit-" + std::to_string(i)), symbols[static_cast<size_t>(i)]);
    EXPECT_EQ(strings.text(symbols[static_cast<size_t>(i)]), "unit-" + std::to_string(i));
  }
  EXPECT_TRUE(strings.find("unit-5000").empty());
  EXPECT_TRUE(strings.intern("").empty());
  EXPECT_TRUE(strings.json_plain(symbols[0]));
  EXPECT_FALSE(strings.json_plain(strings.intern("say \"hi\"")));
  EXPECT_EQ(strings.size(), 5002u);  // "" and the quoted one
}

TEST_P(Clocks, NextDueTellsTheRuntimeWhenToWakeUp) {
  Harness h = harness();
  EXPECT_FALSE(h.engine.next_due());
  h.send(report("c1"));
  EXPECT_EQ(h.engine.next_due(), h.now + Duration::minutes(48));
}

// --- Pauses on a working-day calendar (a return to the dispatcher pauses the lead's clocks; the
// dispatcher giving the case back to the unit that returned it resumes them) ---

// parking@1 on the "test" calendar whose grid stage has an elapsed clock `answer` (`answer`
// long, warn 50%) and a working-time clock `resolve` (5 workdays, warn 80%, supervise +
// escalate), both from dispatch.
struct OfficeHarness : Harness {
  CalendarPtr cal;
  OfficeHarness(RouterKind kind, CalendarPtr c, Span answer = days(6), EngineOptions options = {})
      : Harness(std::move(options), {office_workflow(answer)}, registry(c), kind),
        cal(std::move(c)) {}
  static definition::WorkflowPtr office_workflow(Span answer) {
    auto wf = std::make_shared<definition::Workflow>(*parking_workflow());
    wf->stages[0].clocks = {clock("answer", definition::ClockStart::dispatch, answer, 50, false),
                            clock("resolve", definition::ClockStart::dispatch,
                                  Span{Span::Unit::workdays, 5}, 80, true, true)};
    return wf;
  }
  static CalendarRegistryPtr registry(const CalendarPtr& c) {
    auto r = std::make_shared<MapCalendarRegistry>();
    r->add(c);
    return r;
  }
  void return_to_dispatcher(const std::string& id) {
    send(event(EventType::returned, id));
    ASSERT_TRUE(clock_of(id, "resolve")->paused);
  }
  void give_back(const std::string& id) {
    send(event(EventType::assigned, id, units.grid("g1")));
    ASSERT_EQ(view(id).status, "dispatched");
    ASSERT_FALSE(clock_of(id, "resolve")->paused);
  }
};

// The records of `type` about clock `name` (alerts carry the clock).
size_t about(const Effects& fx, OutType type, std::string_view name) {
  const std::string needle = "\"clock\":{\"name\":\"" + std::string(name) + "\"";
  size_t n = 0;
  for (const Record* r : records_of(fx, type)) n += r->value.find(needle) != std::string::npos;
  return n;
}

TEST_P(PausedClocks, AWorkdayClockPausedFromFridayEveningToMondayMorningKeepsItsDeadline) {
  OfficeHarness h(GetParam(), office_calendar());
  h.now = at("2026-03-06T10:00:00+08:00");  // Friday
  h.send(report("c1"));
  const ClockView before = *h.clock_of("c1", "resolve");
  EXPECT_EQ(before.due, at("2026-03-13T10:00:00+08:00"));
  EXPECT_EQ(before.warn_at, at("2026-03-12T10:00:00+08:00"));  // 28 of its 35 working hours
  const Instant answer_due = h.clock_of("c1", "answer")->due;

  h.now = at("2026-03-06T17:00:00+08:00");  // closing time
  h.return_to_dispatcher("c1");
  EXPECT_TRUE(h.advance_to(at("2026-03-09T09:00:00+08:00")).records.empty());
  h.give_back("c1");

  // No working time passed: the same deadlines (the bug moved them by the 64 hours of the pause).
  const ClockView after = *h.clock_of("c1", "resolve");
  EXPECT_EQ(after.due, before.due);
  EXPECT_EQ(after.original_due, before.original_due);
  EXPECT_EQ(after.warn_at, before.warn_at);
  // The elapsed-time clock does not count the 64 hours either.
  EXPECT_EQ(h.clock_of("c1", "answer")->due, answer_due + Duration::hours(64));

  // And the timers fire at those deadlines.
  const Duration second = Duration::seconds(1);
  EXPECT_EQ(about(h.advance_to(*before.warn_at - second), OutType::sla_warning, "resolve"), 0u);
  EXPECT_EQ(about(h.advance_to(*before.warn_at), OutType::sla_warning, "resolve"), 2u);  // 催办
  EXPECT_EQ(about(h.advance_to(before.due - second), OutType::sla_breached, "resolve"), 0u);
  EXPECT_EQ(about(h.advance_to(before.due), OutType::sla_breached, "resolve"), 1u);
}

TEST_P(PausedClocks, APauseOverWorkingHoursMovesAWorkdayDeadlineByTheWorkingTimePaused) {
  const CalendarPtr cal = office_calendar();
  OfficeHarness h(GetParam(), cal);  // Monday 2026-03-02 09:00
  h.send(report("c1"));
  const ClockView before = *h.clock_of("c1", "resolve");
  EXPECT_EQ(before.due, at("2026-03-09T09:00:00+08:00"));
  EXPECT_EQ(before.warn_at, at("2026-03-05T17:00:00+08:00"));

  const Instant paused_at = at("2026-03-02T10:00:00+08:00") + Duration::millis(7);
  h.now = paused_at;
  h.return_to_dispatcher("c1");
  // The pause survives the changelog: another engine restores it and resumes the same way.
  const std::string bytes = h.engine.serialize_case("c1");
  EXPECT_TRUE(h.advance_to(at("2026-03-03T11:30:00+08:00")).records.empty());
  h.give_back("c1");

  // Paused: Monday 10:00:00.007-12:00 and 13:00-17:00, Tuesday 09:00-11:30 = 8.5 h - 7 ms.
  const Duration worked = Duration::hours(8) + Duration::minutes(30) - Duration::millis(7);
  ASSERT_EQ(cal->working_time_between(paused_at, h.now), worked);
  const ClockView after = *h.clock_of("c1", "resolve");
  // Monday 03-09 09:00 + 8.5 h - 7 ms of working time: 09:00-12:00, 13:00-17:00, Tuesday 09:00-.
  EXPECT_EQ(after.due, at("2026-03-10T10:30:00+08:00") - Duration::millis(7));
  EXPECT_EQ(after.original_due, after.due);
  // Thursday 17:00 + the same: Friday's 7 hours, then Monday 09:00-10:30.
  EXPECT_EQ(after.warn_at, at("2026-03-09T10:30:00+08:00") - Duration::millis(7));
  // What was left when it paused is what is left now.
  EXPECT_EQ(cal->working_time_between(h.now, after.due),
            cal->working_time_between(paused_at, before.due));
  EXPECT_EQ(cal->working_time_between(h.now, *after.warn_at),
            cal->working_time_between(paused_at, *before.warn_at));

  OfficeHarness other(GetParam(), cal);
  other.now = paused_at;
  ASSERT_TRUE(other.engine.restore_case(bytes).ok());
  other.now = h.now;
  other.give_back("c1");
  EXPECT_EQ(other.engine.serialize_case("c1"), h.engine.serialize_case("c1"));

  EXPECT_EQ(about(h.advance_to(after.due - Duration::millis(1)), OutType::sla_breached, "resolve"),
            0u);
  EXPECT_EQ(about(h.advance_to(after.due), OutType::sla_breached, "resolve"), 1u);
}

TEST_P(PausedClocks, AnElapsedTimeClockMovesByTheCalendarTimePaused) {
  const CalendarPtr cal = office_calendar();
  OfficeHarness h(GetParam(), cal, hours(24));  // Monday 2026-03-02 09:00
  h.send(report("c1"));
  const ClockView before = *h.clock_of("c1", "answer");
  EXPECT_EQ(before.due, at("2026-03-03T09:00:00+08:00"));
  EXPECT_EQ(before.warn_at, at("2026-03-02T21:00:00+08:00"));

  // Paused from Monday 10:00 to Tuesday 11:30: 25.5 hours, of which 8.5 working hours.
  h.now = at("2026-03-02T10:00:00+08:00");
  h.return_to_dispatcher("c1");
  EXPECT_TRUE(h.advance_to(at("2026-03-03T11:30:00+08:00")).records.empty());
  h.give_back("c1");

  const Duration pause = Duration::hours(25) + Duration::minutes(30);
  const ClockView after = *h.clock_of("c1", "answer");
  EXPECT_EQ(after.due, before.due + pause);
  EXPECT_EQ(after.original_due, before.original_due + pause);
  EXPECT_EQ(after.warn_at, *before.warn_at + pause);
  EXPECT_EQ(
      about(h.advance_to(*after.warn_at - Duration::millis(1)), OutType::sla_warning, "answer"),
      0u);
  EXPECT_EQ(about(h.advance_to(*after.warn_at), OutType::sla_warning, "answer"), 2u);
  EXPECT_EQ(about(h.advance_to(after.due - Duration::millis(1)), OutType::sla_breached, "answer"),
            0u);
  EXPECT_EQ(about(h.advance_to(after.due), OutType::sla_breached, "answer"), 1u);
}

// --- The dispatcher queue's clock: 2h, warning at 75% ---

EngineOptions with_queue_clock() {
  EngineOptions options;
  options.dispatcher_queue = QueueClockPolicy{hours(2), 75};
  return options;
}

// The observations of `metric` whose `stage` label is `stage`.
double counted(const Effects& fx, std::string_view metric, std::string_view stage) {
  double sum = 0;
  for (const MetricObservation& m : fx.metrics) {
    if (m.name != metric) continue;
    for (size_t i = 0; i < m.label_count; ++i)
      if (m.labels[i].name == "stage" && m.labels[i].value == stage) sum += m.value;
  }
  return sum;
}

TEST_P(DispatcherQueueClock, AReportNoWorkflowTakesWarnsAndBreachesTheDispatcherOnce) {
  Harness h = harness(with_queue_clock());
  const Instant reported = h.now;
  h.send(report("q1", "noise.night"));
  ASSERT_EQ(h.view("q1").status, "received");
  ASSERT_NE(h.clock_of("q1", "dispatcher_queue"), nullptr);
  const ClockView k = *h.clock_of("q1", "dispatcher_queue");
  EXPECT_EQ(k.due, reported + Duration::hours(2));
  EXPECT_EQ(k.warn_at, reported + Duration::minutes(90));
  EXPECT_EQ(k.owner, "");
  // Not the resident's expected time: that is about the request, not the queue.
  EXPECT_FALSE(h.view("q1").expected_at);

  const Duration second = Duration::seconds(1);
  EXPECT_EQ(about(h.advance_to(*k.warn_at - second), OutType::sla_warning, "dispatcher_queue"), 0u);
  const Effects warned = h.advance_to(*k.warn_at);
  EXPECT_NE(record_on(warned, OutType::sla_warning, "caseflow.alerts"), nullptr);
  EXPECT_NE(record_on(warned, OutType::sla_warning, "caseflow.dispatcher"), nullptr);
  EXPECT_EQ(about(warned, OutType::sla_warning, "dispatcher_queue"), 2u);
  EXPECT_EQ(counted(warned, metric::kSlaWarnings, "dispatcher"), 1);

  EXPECT_EQ(about(h.advance_to(k.due - second), OutType::sla_breached, "dispatcher_queue"), 0u);
  const Effects breached = h.advance_to(k.due);
  EXPECT_NE(record_on(breached, OutType::sla_breached, "caseflow.dispatcher"), nullptr);
  EXPECT_EQ(about(breached, OutType::sla_breached, "dispatcher_queue"), 2u);
  EXPECT_EQ(counted(breached, metric::kSlaBreaches, "dispatcher"), 1);
  // Nothing to escalate to, nobody to supervise: the case waits, its clock marked breached.
  EXPECT_TRUE(records_of(breached, OutType::escalated).empty());
  EXPECT_TRUE(records_of(breached, OutType::supervised).empty());
  EXPECT_EQ(h.view("q1").status, "received");
  EXPECT_TRUE(h.clock_of("q1", "dispatcher_queue")->breached);
  EXPECT_TRUE(h.advance(Duration::days(3)).records.empty());  // once per stay in the queue
}

TEST_P(DispatcherQueueClock, TheDispatchersAssignmentEndsIt) {
  Harness h = harness(with_queue_clock());
  h.send(report("q1", "noise.night"));
  h.advance(Duration::hours(1));
  auto assign = event(EventType::assigned, "q1", h.units.grid("g1"));
  assign.workflow = "parking";
  h.send(assign);
  ASSERT_EQ(h.view("q1").status, "dispatched");
  EXPECT_EQ(h.clock_of("q1", "dispatcher_queue"), nullptr);
  EXPECT_NE(h.clock_of("q1", "sign"), nullptr);
  const Effects later = h.advance(Duration::hours(3));  // past the queue's old deadline
  EXPECT_EQ(about(later, OutType::sla_warning, "dispatcher_queue") +
                about(later, OutType::sla_breached, "dispatcher_queue"),
            0u);
}

TEST_P(DispatcherQueueClock, NoneWithoutThePolicy) {
  Harness h = harness();
  h.send(report("q1", "noise.night"));
  ASSERT_EQ(h.view("q1").status, "received");
  EXPECT_TRUE(h.view("q1").clocks.empty());
  EXPECT_FALSE(h.engine.next_due());
}

TEST_P(DispatcherQueueClock, AReturnedCaseWaitsRoundTheClockBesideItsPausedClocks) {
  OfficeHarness h(GetParam(), office_calendar(), days(6), with_queue_clock());
  h.now = at("2026-03-06T10:00:00+08:00");  // Friday
  h.send(report("c1"));
  h.now = at("2026-03-06T16:30:00+08:00");  // half an hour before closing time
  h.return_to_dispatcher("c1");
  ASSERT_NE(h.clock_of("c1", "dispatcher_queue"), nullptr);
  const ClockView k = *h.clock_of("c1", "dispatcher_queue");
  // The office calendar would put two hours on Monday at 10:30; the queue does not wait for it.
  EXPECT_EQ(k.due, at("2026-03-06T18:30:00+08:00"));
  EXPECT_FALSE(k.paused);
  EXPECT_EQ(about(h.advance_to(k.due), OutType::sla_breached, "dispatcher_queue"), 2u);

  h.give_back("c1");  // the dispatcher gives it back to the unit: its own clocks go on
  EXPECT_EQ(h.clock_of("c1", "dispatcher_queue"), nullptr);
  EXPECT_FALSE(h.clock_of("c1", "resolve")->paused);
}

TEST_P(DispatcherQueueClock, SurvivesARestartOnACaseWithNoWorkflow) {
  Harness h = harness(with_queue_clock());
  h.send(report("q1", "noise.night"));
  Harness other = harness(with_queue_clock());
  auto restored = other.engine.restore_case(h.engine.serialize_case("q1"));
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(other.engine.check_invariants(), "");
  other.now = h.now;
  const Effects a = h.advance(Duration::hours(2));
  const Effects b = other.advance(Duration::hours(2));
  EXPECT_EQ(about(b, OutType::sla_breached, "dispatcher_queue"), 2u);
  ASSERT_EQ(a.records.size(), b.records.size());
  for (size_t i = 0; i < a.records.size(); ++i) EXPECT_EQ(a.records[i].value, b.records[i].value);
}

}  // namespace
}  // namespace caseflow::core::testing
