#include "bench/common/measure.h"

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace caseflow::bench {
namespace {

double read_clock(clockid_t id) {
  timespec ts{};
  clock_gettime(id, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double cpu_now(CpuScope scope) {
  return read_clock(scope == CpuScope::thread ? CLOCK_THREAD_CPUTIME_ID : CLOCK_PROCESS_CPUTIME_ID);
}

double total_wall(const std::vector<Run>& runs) {
  double s = 0;
  for (const auto& r : runs) s += r.wall_seconds;
  return s;
}

double total_cpu(const std::vector<Run>& runs) {
  double s = 0;
  for (const auto& r : runs) s += r.cpu_seconds;
  return s;
}

bool enough(const std::vector<Run>& runs) {
  return runs.size() >= static_cast<size_t>(kMinRepetitions) && total_wall(runs) >= bench_seconds();
}

// A side that measured nothing would repeat for ever.
bool stuck(const std::vector<Run>& runs) {
  return runs.size() >= static_cast<size_t>(kMinRepetitions) && total_wall(runs) <= 0;
}

}  // namespace

double bench_seconds() {
  if (const char* s = std::getenv("CASEFLOW_BENCH_SECONDS")) {
    const double v = std::atof(s);
    if (v > 0) return v;
  }
  return 5.0;
}

void Stopwatch::start() {
  wall0_ = read_clock(CLOCK_MONOTONIC);
  cpu0_ = cpu_now(scope_);
}

void Stopwatch::stop() {
  wall_ += read_clock(CLOCK_MONOTONIC) - wall0_;
  cpu_ += cpu_now(scope_) - cpu0_;
}

Spread spread_of(std::vector<double> values) {
  Spread s;
  s.count = values.size();
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  s.median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  s.min = values.front();
  s.max = values.back();
  return s;
}

std::vector<Run> repeat(const Side& side) {
  std::vector<Run> runs;
  while (!enough(runs) && !stuck(runs)) runs.push_back(side());
  return runs;
}

Paired repeat_paired(const Side& subject, const Side& floor) {
  Paired p;
  while ((!enough(p.subject) || !enough(p.floor)) && !stuck(p.subject) && !stuck(p.floor)) {
    p.subject.push_back(subject());
    p.floor.push_back(floor());
  }
  return p;
}

void print_rates(const std::string& label, const std::vector<Run>& runs, const std::string& unit) {
  std::vector<double> wall, cpu;
  for (const auto& r : runs) {
    wall.push_back(r.rate());
    cpu.push_back(r.cpu_rate());
  }
  const Spread w = spread_of(wall), c = spread_of(cpu);
  std::printf(
      "%s\n    wall: median %10.0f %s/s (min..max %.0f..%.0f, n=%zu)\n"
      "    cpu:  median %10.0f %s/s (min..max %.0f..%.0f); %.2f s cpu in %.2f s wall\n",
      label.c_str(), w.median, unit.c_str(), w.min, w.max, w.count, c.median, unit.c_str(), c.min,
      c.max, total_cpu(runs), total_wall(runs));
}

void print_ratio(const std::string& label, const Paired& paired) {
  std::vector<double> wall, cpu;
  for (size_t i = 0; i < paired.subject.size() && i < paired.floor.size(); ++i) {
    const Run& s = paired.subject[i];
    const Run& f = paired.floor[i];
    if (f.rate() > 0) wall.push_back(s.rate() / f.rate());
    if (f.cpu_rate() > 0) cpu.push_back(s.cpu_rate() / f.cpu_rate());
  }
  const Spread w = spread_of(wall), c = spread_of(cpu);
  std::printf(
      "%s\n    wall ratio: median %.3f (min..max %.3f..%.3f, n=%zu)\n"
      "    cpu ratio:  median %.3f (min..max %.3f..%.3f)\n",
      label.c_str(), w.median, w.min, w.max, w.count, c.median, c.min, c.max);
}

void print_spread(const std::string& label, const std::vector<double>& values,
                  const std::string& unit) {
  const Spread s = spread_of(values);
  std::printf("%s  median %.2f %s (min..max %.2f..%.2f, n=%zu)\n", label.c_str(), s.median,
              unit.c_str(), s.min, s.max, s.count);
}

}  // namespace caseflow::bench
