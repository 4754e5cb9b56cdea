// The load model of `caseflow simulate` (docs/simulate.md): how many reports a city gets and
// when, what they are about, where they come from, and how the units behave when a case reaches
// them. Plain data, read from LOAD.yaml by load_model_loader.h; the simulator draws from it with
// a seeded random generator, so the same model and seed give the same month.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/definition/workflow.h"

namespace caseflow::simulate {

// A duration drawn at random, in hours of elapsed time. lognormal (the default) is given by its
// median and p90; fixed always gives `median`; uniform gives a value in [min, max].
struct DurationDistribution {
  enum class Kind : uint8_t { lognormal, fixed, uniform };
  Kind kind = Kind::lognormal;
  double median_hours = 1;
  double p90_hours = 4;  // lognormal only; >= median_hours
  double min_hours = 0;  // uniform only
  double max_hours = 0;  // uniform only
  friend bool operator==(const DurationDistribution&, const DurationDistribution&) = default;
};

// One weighted choice, e.g. a category and its share of reports.
struct Weighted {
  std::string value;
  double weight = 1;
  friend bool operator==(const Weighted&, const Weighted&) = default;
};

// A place reports cluster around: a grid id and its weight relative to the other hot spots.
struct HotSpot {
  std::string grid_id;
  double weight = 1;
  friend bool operator==(const HotSpot&, const HotSpot&) = default;
};

// How the units of one level (grid, community, street, district, department) treat a case that
// reaches them.
struct UnitBehaviour {
  DurationDistribution time_to_sign{DurationDistribution::Kind::lognormal, 2, 8, 0, 0};
  double p_ignore = 0.02;  // never signs: the sign clock runs out
  double p_return = 0.03;  // returns it instead of signing (not ours); the workflow's return
                           // rules decide where it goes next
  // A contact (先行联系) follows signing after this long; absent = units never record contact.
  bool contacts = true;
  DurationDistribution time_to_contact{DurationDistribution::Kind::lognormal, 1, 4, 0, 0};
  // Working time a case takes once a unit starts on it.
  DurationDistribution handling{DurationDistribution::Kind::lognormal, 6, 24, 0, 0};
  // Cases a unit finishes per working day at most; 0 = unlimited. Cases wait in the unit's queue
  // (first signed, first handled), so backlogs come from load, not from a probability.
  double capacity_per_day = 0;
  friend bool operator==(const UnitBehaviour&, const UnitBehaviour&) = default;
};

// What residents answer at the revisit (回访).
struct RevisitBehaviour {
  double p_rated = 0.9;  // the resident answers; otherwise no rating is sent
  // Mix of solved: solved / partly / not_solved, and of satisfaction: satisfied / basically /
  // unsatisfied. Weights, normalised by the simulator.
  std::array<double, 3> solved{0.85, 0.1, 0.05};
  std::array<double, 3> satisfaction{0.8, 0.12, 0.08};
  DurationDistribution delay{DurationDistribution::Kind::uniform, 4, 24, 2, 20};
  friend bool operator==(const RevisitBehaviour&, const RevisitBehaviour&) = default;
};

struct LoadModel {
  std::string file;  // where it was read from (for messages); "" when built in code

  // Arrivals
  double reports_per_day = 30'000;  // on a normal working day
  // Share of a day's reports in each local hour 0..23 (weights, normalised).
  std::array<double, 24> hourly{};
  double weekend_factor = 0.7;           // a calendar's non-working day (weekend or holiday)
  double holiday_factor = 0.5;           // a holiday of the calendar (overrides weekend_factor)
  std::string calendar = "cn-mainland";  // whose days are working days and holidays

  // What the reports are about
  std::vector<Weighted> categories;                // category codes of the workflows
  std::array<double, 3> urgency{0.9, 0.08, 0.02};  // normal / urgent / emergency
  std::vector<Weighted> channels{{"hotline", 0.6}, {"app", 0.3}, {"grid_worker", 0.1}};

  // Where: uniform over the city's grids, plus hot spots taking `hot_spot_share` of reports.
  std::vector<HotSpot> hot_spots;
  double hot_spot_share = 0;

  // How units behave, by level; a level not listed behaves as `default_behaviour`.
  UnitBehaviour default_behaviour;
  std::map<definition::Level, UnitBehaviour> behaviour;
  RevisitBehaviour revisit;
  // The dispatcher assigns a case waiting in its queue (unrouted, or returned to it) after this
  // long, to the unit the case's place gives at the workflow's first stage.
  DurationDistribution dispatcher_delay{DurationDistribution::Kind::lognormal, 2, 6, 0, 0};

  const UnitBehaviour& behaviour_of(definition::Level level) const {
    auto it = behaviour.find(level);
    return it == behaviour.end() ? default_behaviour : it->second;
  }
};

}  // namespace caseflow::simulate
