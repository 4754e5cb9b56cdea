// The hand-worked month of assessment_month_test.cpp driven through the engine core: a small city
// (communities C1 in street S1 and C2 in street S2), two workflows, the ~40 cases' events in time
// order on an injected clock, and everything the run wrote — the records the archiver would read
// from caseflow.updates / caseflow.alerts and the metric observations the registry would count.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "engine/core/engine.h"

namespace caseflow::testing {

// One metric observation of the run with the engine time it was made at and the case whose event
// made it ("" for timers, which may fire for several cases at once).
struct TimedObservation {
  Instant at;
  std::string case_id;
  std::string name;
  core::MetricKind kind = core::MetricKind::counter;
  std::vector<std::pair<std::string, std::string>> labels;
  double value = 0;
};

struct MonthRun {
  geo::PlaceDirectoryPtr directory;
  struct Published {
    std::string topic, key, value;
  };
  std::vector<Published> records;  // caseflow.updates and caseflow.alerts, in order
  std::vector<TimedObservation> observations;
  std::vector<std::string> rejections;  // "case: reason: message"; empty when the story ran
};

// Runs the month from October 14 (c01's report) to December 3 10:00 (a15's late exemption).
MonthRun run_the_month();

}  // namespace caseflow::testing
