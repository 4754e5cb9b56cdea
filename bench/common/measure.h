// The benchmarks' shared harness. On a shared 2-core machine a single figure moves from run to run;
// what holds still is the median of several repetitions and a ratio against a floor measured in the
// same process on the same bytes. So every measured side is repeated until it has run for
// `bench_seconds()` of measured wall time and at least `kMinRepetitions` times, and is reported as
// median and spread (min..max) with its CPU time. Benchmarks print figures; they never fail.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace caseflow::bench {

// Measured wall time per side: CASEFLOW_BENCH_SECONDS (for quick runs), else 5 s.
double bench_seconds();
inline constexpr int kMinRepetitions = 5;

// Which CPU clock a side is charged with: its own thread (the engine core), or the whole process
// (librdkafka and Beast work on threads of their own).
enum class CpuScope { thread, process };

// Accumulates wall and CPU time over the measured parts of one repetition (start/stop pairs), so
// preparation between them is not charged.
class Stopwatch {
 public:
  explicit Stopwatch(CpuScope scope = CpuScope::thread) : scope_(scope) {}
  void start();
  void stop();
  double wall_seconds() const { return wall_; }
  double cpu_seconds() const { return cpu_; }

 private:
  CpuScope scope_;
  double wall_ = 0, cpu_ = 0, wall0_ = 0, cpu0_ = 0;
};

// One repetition of a side: `work` units (events, records, requests) in the measured time.
struct Run {
  double work = 0;
  double wall_seconds = 0;
  double cpu_seconds = 0;
  double rate() const { return wall_seconds > 0 ? work / wall_seconds : 0; }
  double cpu_rate() const { return cpu_seconds > 0 ? work / cpu_seconds : 0; }
};
using Side = std::function<Run()>;

// The median and the extremes of a set of figures.
struct Spread {
  double median = 0, min = 0, max = 0;
  size_t count = 0;
};
Spread spread_of(std::vector<double> values);

// Repeats `side` until it has run bench_seconds() of measured wall time and kMinRepetitions times.
std::vector<Run> repeat(const Side& side);
// Alternates `subject` and `floor` (subject first) until both have had their time and count, so a
// change of load on the machine reaches both alike. Returns the pairs' runs, index for index.
struct Paired {
  std::vector<Run> subject, floor;
};
Paired repeat_paired(const Side& subject, const Side& floor);

// "LABEL  median M UNIT/s (min..max A..B, n=K); cpu median C UNIT/s, S s cpu of W s wall"
void print_rates(const std::string& label, const std::vector<Run>& runs, const std::string& unit);
// Per repetition subject rate / floor rate: "LABEL  ratio median R (min..max A..B, n=K)".
void print_ratio(const std::string& label, const Paired& paired);
// Any other figure with its spread: "LABEL  median M UNIT (min..max A..B, n=K)".
void print_spread(const std::string& label, const std::vector<double>& values,
                  const std::string& unit);

}  // namespace caseflow::bench
