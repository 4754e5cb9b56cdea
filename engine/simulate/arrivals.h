// The arrival stream of a run: reports made from the load model, one day at a time, or the
// recorded reports of RunOptions::replay. Only one day's arrival times are held at once; each
// report is built when it is taken, into a CaseEvent the caller keeps.
//
// The load model's day: reports_per_day x (holiday_factor on a holiday, weekend_factor on a
// weekend day, 1 on a working day), with the fractions carried from day to day so a month gets
// its expected total exactly. Each report picks a local hour by the hourly profile and a uniform
// instant within it; then category, urgency, channel and grid (a hot spot with hot_spot_share,
// otherwise uniform over World::grids). Case ids: "S-20261101-000001" (local date, number within
// the day).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/events/case_event.h"
#include "engine/simulate/load_model.h"
#include "engine/simulate/random.h"
#include "engine/simulate/simulator.h"
#include "engine/simulate/work_time.h"

namespace caseflow::simulate {

class Arrivals {
 public:
  Arrivals(const LoadModel& model, const std::vector<std::string>& grids, const WorkTime& days,
           uint64_t seed, const std::vector<Arrival>* replay);

  // When the next report arrives; Instant::max() when there are no more in the run.
  Instant next_at();
  // Fills `out` with the next report (its time is next_at()). Call only when next_at() is not
  // max().
  void take(events::CaseEvent& out);

 private:
  void fill_day();

  const LoadModel& model_;
  const std::vector<std::string>& grids_;
  const WorkTime& days_;
  const std::vector<Arrival>* replay_;
  Random random_;
  WeightedPick hours_, categories_, urgencies_, channels_, hot_spots_;

  // Load-model mode: the current day's sorted arrival times.
  int day_ = -1;
  double carried_ = 0;  // expected reports so far, for carrying fractions
  uint64_t issued_ = 0;
  std::vector<Instant> times_;
  size_t next_ = 0;
  std::string date_digits_;  // "20261101" of day_
  // Replay mode: the next recorded report.
  size_t replay_next_ = 0;
};

}  // namespace caseflow::simulate
