// How many deadlines per second the business calendar computes, and what loading one costs.
// Starts are spread over 2026 (every 7 minutes, so inside and outside working hours, on
// holidays and on adjusted working days) to defeat caching.
#include <benchmark/benchmark.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/time/calendar_loader.h"
#include "engine/time/rfc3339.h"

namespace caseflow {
namespace {

std::string calendar_text() {
  std::ifstream in(std::string(CASEFLOW_SOURCE_DIR) + "/config/calendars/cn-mainland.yaml");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const CalendarPtr& calendar() {
  static const CalendarPtr cal = [] {
    Diagnostics problems;
    CalendarPtr c = load_calendar("cn-mainland.yaml", calendar_text(), problems);
    for (const auto& p : problems) std::cerr << p.to_string() << "\n";
    return c;
  }();
  return cal;
}

const std::vector<Instant>& starts() {
  static const std::vector<Instant> all = [] {
    std::vector<Instant> v;
    const Instant first = *parse_rfc3339("2026-01-01T00:00:00+08:00");
    for (int i = 0; i < 365 * 24 * 60 / 7; ++i) v.push_back(first + Duration::minutes(7 * i));
    return v;
  }();
  return all;
}

void run_deadlines(benchmark::State& state, Span span, int permille) {
  const auto& cal = *calendar();
  const auto& s = starts();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(cal.deadline(s[i], span, permille));
    if (++i == s.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Deadline_5Workdays(benchmark::State& state) {
  run_deadlines(state, Span{Span::Unit::workdays, 5}, 1000);
}
void BM_Deadline_13Workdays_Warning80(benchmark::State& state) {
  run_deadlines(state, Span{Span::Unit::workdays, 13}, 800);
}
void BM_Deadline_4Workhours(benchmark::State& state) {
  run_deadlines(state, Span{Span::Unit::workhours, 4}, 1000);
}
void BM_Deadline_250Workdays(benchmark::State& state) {
  run_deadlines(state, Span{Span::Unit::workdays, 250}, 1000);
}
void BM_Deadline_2Hours(benchmark::State& state) {
  run_deadlines(state, Span{Span::Unit::hours, 2}, 1000);
}

void BM_WorkingTimeBetween(benchmark::State& state) {
  const auto& cal = *calendar();
  const auto& s = starts();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(cal.working_time_between(s[i], s[i] + Duration::days(10)));
    if (++i == s.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_FormatRfc3339(benchmark::State& state) {
  const auto& cal = *calendar();
  const auto& s = starts();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(format_rfc3339(s[i], cal));
    if (++i == s.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_LoadCalendar(benchmark::State& state) {
  const std::string text = calendar_text();
  for (auto _ : state) {
    Diagnostics problems;
    benchmark::DoNotOptimize(load_calendar("cn-mainland.yaml", text, problems));
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_Deadline_5Workdays);
BENCHMARK(BM_Deadline_13Workdays_Warning80);
BENCHMARK(BM_Deadline_4Workhours);
BENCHMARK(BM_Deadline_250Workdays);
BENCHMARK(BM_Deadline_2Hours);
BENCHMARK(BM_WorkingTimeBetween);
BENCHMARK(BM_FormatRfc3339);
BENCHMARK(BM_LoadCalendar)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace caseflow

BENCHMARK_MAIN();
