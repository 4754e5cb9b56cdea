// What one simulated run found, as plain numbers: the input of the report (report_json.h,
// report_html.h). Every list is in a fixed order (days ascending, streets and units by id), so
// the same run gives byte-identical reports.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace caseflow::simulate {

// The three rates of a set of cases (docs/simulate.md says how each is counted here).
struct Rates {
  uint64_t dispatches = 0;      // dispatches to a unit
  uint64_t signed_on_time = 0;  // of those, signed within the sign limit
  uint64_t rated = 0;           // cases with a final rating
  double solved_points = 0;     // solved 1, partly 0.5, not solved 0
  double satisfied_points = 0;  // satisfied 1, basically 0.5, unsatisfied 0
  double response_rate() const { return dispatches ? double(signed_on_time) / dispatches : 0; }
  double resolution_rate() const { return rated ? solved_points / rated : 0; }
  double satisfaction_rate() const { return rated ? satisfied_points / rated : 0; }
  // 30% response, 35% resolution, 35% satisfaction, on a 0..100 scale.
  double score() const {
    return 100 * (0.30 * response_rate() + 0.35 * resolution_rate() + 0.35 * satisfaction_rate());
  }
};

struct DayFigures {
  std::string date;  // local date of the load model's calendar, "2026-11-01"
  uint64_t arrivals = 0;
  uint64_t closed = 0;
  uint64_t warnings = 0;
  uint64_t breaches = 0;
  uint64_t escalations = 0;
  // Open cases at the end of the day, by the level of the stage holding them:
  // grid, community, street, district, department, dispatcher queue.
  std::vector<uint64_t> open_by_level = std::vector<uint64_t>(6, 0);
};

struct StreetFigures {
  std::string street_id;
  uint64_t cases = 0;  // reported in this street
  uint64_t breaches = 0;
  uint64_t escalations = 0;
  Rates rates;
};

// A unit whose queue of signed-but-unfinished cases grew through the run.
struct GrowingQueue {
  std::string unit_id;
  std::string level;  // "grid", "community", ...
  uint64_t queue_at_start_of_last_week = 0;
  uint64_t queue_at_end = 0;
  double capacity_per_day = 0;
};

struct Figures {
  std::string label;  // "A" / "B", or the workflows folder
  std::string from;   // first simulated local date
  int days = 0;
  uint64_t seed = 0;
  uint64_t cases = 0;   // reported
  uint64_t events = 0;  // inbound events applied (reports, unit actions, ratings, timers)
  uint64_t closed = 0;
  uint64_t open_at_end = 0;
  uint64_t rejected = 0;       // inputs the engine refused (should be 0; the note says why if not)
  std::string rejection_note;  // the first refusal, "reason: message" ("" when none)
  uint64_t warnings = 0;
  uint64_t breaches = 0;
  uint64_t escalations = 0;
  // Escalations out of each level: grid, community, street, district, department.
  std::vector<uint64_t> escalations_by_level = std::vector<uint64_t>(5, 0);
  Rates rates;
  std::vector<DayFigures> by_day;
  std::vector<StreetFigures> by_street;
  std::vector<GrowingQueue> growing_queues;  // largest growth first, at most 20
  // Time from report to resolution, closed cases: counts per bucket of `resolve_bucket_edges`
  // hours ("< 4h", "4-24h", ...); one more bucket than edges (the last is open-ended).
  std::vector<double> resolve_bucket_edges{4, 24, 72, 168, 336};
  std::vector<uint64_t> resolve_buckets = std::vector<uint64_t>(6, 0);
  double resolve_hours_median = 0;
  double resolve_hours_p90 = 0;
  double wall_seconds = 0;  // how long the run took (not in the deterministic outputs)
};

// A run, or two runs side by side (`--against`): `b` is empty without --against.
struct Comparison {
  Figures a;
  std::vector<Figures> b;  // zero or one
};

}  // namespace caseflow::simulate
