// Engine core benchmarks (issue 4). Prints figures; decides nothing.
//   core_bench stream   mixed lifecycle stream, structured and with CloudEvents JSON
//   core_bench memory   resident bytes per open case (1,000,000 cases, 3 clocks, 200-byte text)
//   core_bench timers   1,000,000 clocks due at one instant, fired in bounded batches
//   core_bench stream-json|stream-plain [CASES]   one stream figure (default 100,000 cases)
//   core_bench timers-json|timers-plain [CLOCKS] [BATCH]   one timer figure (default batch 500)
//   core_bench volume   output bytes per record type (CORE_BENCH_EXAMPLES=1 prints one of each)
//   core_bench all      everything (default)
#include <time.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench/core/bench_world.h"
#include "engine/events/case_event_decoder.h"
#include "engine/events/rfc3339.h"

namespace caseflow::bench {
namespace {

using events::EventType;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// CPU time of this thread: the machine is shared, so wall time alone understates the engine.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

const Instant kStart = *events::parse_rfc3339("2026-03-02T09:00:00+08:00");

// One wave of the mixed stream: the events of `cases` cases starting at case number `first`.
// Per case: report, sign, contact, resolve, rate; every 10th is returned once to another grid
// first, every 7th asks for and gets an extension, every 20th is rated unsatisfied and goes round
// again (reopen, sign, resolve, rate), every 13th is never signed (its clocks breach and escalate).
std::vector<events::CaseEvent> wave(int first, int cases) {
  std::vector<events::CaseEvent> out;
  out.reserve(static_cast<size_t>(cases) * 8);
  auto id = [](int i) { return "case-" + std::to_string(i); };
  for (int i = first; i < first + cases; ++i) out.push_back(report_event(id(i), i % 16000));
  for (int i = first; i < first + cases; ++i) {
    if (i % 10 == 0) {
      auto r = simple_event(EventType::returned, id(i));
      r.grid_id = "g" + std::to_string((i + 1) % 16000);
      out.push_back(r);
    }
  }
  for (int i = first; i < first + cases; ++i)
    if (i % 13 != 0) out.push_back(simple_event(EventType::signed_for, id(i)));
  for (int i = first; i < first + cases; ++i) {
    if (i % 13 == 0) continue;
    out.push_back(simple_event(EventType::contacted, id(i)));
    if (i % 7 == 0) {
      auto ask = simple_event(EventType::extension_requested, id(i));
      ask.extend_by = "1d";
      out.push_back(ask);
      auto ok = simple_event(EventType::extension_decided, id(i));
      ok.approved = true;
      out.push_back(ok);
    }
  }
  for (int i = first; i < first + cases; ++i)
    if (i % 13 != 0) out.push_back(simple_event(EventType::resolved, id(i)));
  for (int round = 0; round < 2; ++round) {
    for (int i = first; i < first + cases; ++i) {
      if (i % 13 == 0 || (round == 1 && i % 20 != 0)) continue;
      auto rate = simple_event(EventType::rated, id(i));
      rate.satisfaction = (round == 0 && i % 20 == 0) ? events::Satisfaction::unsatisfied
                                                      : events::Satisfaction::satisfied;
      out.push_back(rate);
      if (round == 0 && i % 20 == 0) {
        out.push_back(simple_event(EventType::signed_for, id(i)));
        out.push_back(simple_event(EventType::resolved, id(i)));
      }
    }
  }
  return out;
}

void stream(bool serialise, int total_cases) {
  auto engine = make_engine(serialise);
  core::Effects fx;
  Instant now = kStart;
  size_t events = 0, rejected = 0, fired = 0, records = 0, bytes = 0;
  double busy = 0, cpu = 0;
  std::string state;
  std::vector<std::string_view> changed;
  events::CaseEvent decoded;
  constexpr int kWave = 2000;
  for (int first = 0; first < total_cases; first += kWave) {
    const std::vector<events::CaseEvent> input = wave(first, kWave);
    std::vector<std::string> json;
    if (serialise) {
      json.reserve(input.size());
      for (const auto& e : input) json.push_back(to_json(e));
    }
    const auto t0 = Clock::now();
    const double c0 = cpu_seconds();
    for (size_t i = 0; i < input.size(); ++i) {
      now = now + Duration::seconds(1);
      if (serialise) {
        // One CaseEvent for the whole stream: decoding reuses its buffers.
        if (!events::decode_case_event(json[i], decoded).ok()) {
          ++rejected;
          continue;
        }
        engine->apply(decoded, now, fx);
      } else {
        engine->apply(input[i], now, fx);
      }
      ++events;
      if (i % 1000 == 999) {
        fired += engine->fire_due(now, 10'000, fx);
        records += fx.records.size();
        rejected += fx.rejections.size();
        for (const auto& r : fx.records) bytes += r.value.size();
        if (serialise) {
          // The changelog of the batch: each changed case once, in its latest state, into one
          // reused buffer (what the runtime's commit can do).
          changed.clear();
          for (const auto& c : fx.changelog) changed.push_back(c.case_id);
          std::sort(changed.begin(), changed.end());
          changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
          for (std::string_view id : changed) {
            state.clear();
            engine->serialize_case(id, state);
            bytes += state.size();
          }
        }
        fx.clear();
      }
    }
    busy += seconds_since(t0);
    cpu += cpu_seconds() - c0;
  }
  std::printf(
      "stream %-31s %8zu events + %6zu timers: wall %.2f s = %8.0f events/s; "
      "cpu %.2f s = %8.0f events/s  (%zu records, %zu rejected, %.0f MB out)\n",
      serialise ? "(JSON in, JSON effects)" : "(structured, no serialisation)", events, fired, busy,
      static_cast<double>(events) / busy, cpu, static_cast<double>(events) / cpu, records, rejected,
      static_cast<double>(bytes) / 1e6);
}

void memory(int cases) {
  const size_t before = resident_bytes();
  auto engine = make_engine(false);
  core::Effects fx;
  for (int i = 0; i < cases; ++i) {
    engine->apply(report_event("case-" + std::to_string(1'000'000 + i), i % 16000), kStart, fx);
    if (i % 1000 == 999) fx.clear();
  }
  fx.clear();
  const size_t after = resident_bytes();
  const auto* c = engine->find("case-1000000");
  std::printf(
      "memory: %d open cases, %zu clocks each, %zu-byte descriptions, %zu timer entries: "
      "RSS +%.1f MB = %.0f bytes per open case\n",
      cases, c ? c->clocks.size() : 0, c ? c->description.size() : 0, engine->timer_entries(),
      static_cast<double>(after - before) / 1e6,
      static_cast<double>(after - before) / static_cast<double>(cases));
}

void timers(int cases, size_t batch, bool encode) {
  auto engine = make_engine(encode);
  core::Effects fx;
  for (int i = 0; i < cases; ++i) {
    engine->apply(report_event("case-" + std::to_string(i), i % 16000), kStart, fx);
    if (i % 1000 == 999) fx.clear();
  }
  fx.clear();
  // Every case's sign clock warns at +48 min (all at one instant), then breaches at +60 min and
  // escalates (a new dispatch with three fresh clocks each).
  for (auto [label, at] : {std::pair{"warnings", kStart + Duration::minutes(48)},
                           std::pair{"breaches+escalations", kStart + Duration::minutes(60)}}) {
    size_t total = 0, batches = 0;
    double max_batch = 0, max_batch_cpu = 0;
    const auto t0 = Clock::now();
    const double c0 = cpu_seconds();
    for (;;) {
      const auto b0 = Clock::now();
      const double bc0 = cpu_seconds();
      const size_t n = engine->fire_due(at, batch, fx);
      fx.clear();  // the runtime publishes and commits here, then lets input in
      const double took = seconds_since(b0);
      const double took_cpu = cpu_seconds() - bc0;
      if (n == 0) break;
      max_batch = std::max(max_batch, took);
      max_batch_cpu = std::max(max_batch_cpu, took_cpu);
      total += n;
      ++batches;
    }
    const double all = seconds_since(t0);
    const double cpu = cpu_seconds() - c0;
    std::printf(
        "timers %-7s %-20s %8zu fired: wall %.2f s, cpu %.2f s (%7.0f/s cpu); %zu batches of "
        "<= %zu, max batch %.1f ms cpu / %.1f ms wall\n",
        encode ? "(JSON)" : "(plain)", label, total, all, cpu, static_cast<double>(total) / cpu,
        batches, batch, max_batch_cpu * 1000, max_batch * 1000);
  }
}

// Output volume by record type for `cases` cases of the mixed stream (where the bytes go).
void volume(int cases) {
  auto engine = make_engine(true);
  core::Effects fx;
  Instant now = kStart;
  std::array<size_t, core::kOutTypeCount> count{}, bytes{};
  std::array<std::string, core::kOutTypeCount> example;
  size_t events = 0;
  uint64_t digest =
      1469598103934665603ull;  // FNV-1a of records and states: equal runs, equal bytes
  auto tally = [&] {
    for (const auto& r : fx.records) {
      for (char ch : r.value) digest = (digest ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
      const auto t = static_cast<size_t>(r.type);
      ++count[t];
      bytes[t] += r.value.size();
      if (example[t].empty() ||
          (r.type == core::OutType::dispatched && r.value.size() > example[t].size()))
        example[t] = r.value;
    }
    for (const auto& c : fx.changelog)
      for (char ch : engine->serialize_case(c.case_id))
        digest = (digest ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
    fx.clear();
  };
  for (int first = 0; first < cases; first += 2000) {
    for (const auto& e : wave(first, 2000)) {
      now = now + Duration::seconds(1);
      engine->apply(e, now, fx);
      ++events;
      tally();
    }
    engine->fire_due(now, 1'000'000, fx);
    tally();
  }
  size_t all = 0;
  for (size_t b : bytes) all += b;
  std::printf("volume: %zu input events, %.0f output bytes per input event (digest %016llx)\n",
              events, static_cast<double>(all) / static_cast<double>(events),
              static_cast<unsigned long long>(digest));
  for (size_t t = 0; t < core::kOutTypeCount; ++t) {
    if (count[t] == 0) continue;
    std::printf("  %-28s %8zu records, %5.0f bytes each, %4.1f%% of bytes\n",
                std::string(core::type_name(static_cast<core::OutType>(t))).c_str(), count[t],
                static_cast<double>(bytes[t]) / static_cast<double>(count[t]),
                100.0 * static_cast<double>(bytes[t]) / static_cast<double>(all));
  }
  if (std::getenv("CORE_BENCH_EXAMPLES"))
    for (const auto& x : example)
      if (!x.empty()) std::printf("%s\n", x.c_str());
}

}  // namespace
}  // namespace caseflow::bench

int main(int argc, char** argv) {
  using namespace caseflow::bench;
  const std::string what = argc > 1 ? argv[1] : "all";
  // Memory first: after other runs, freed heap is reused and RSS would understate the cost.
  if (what == "memory" || what == "all") memory(1'000'000);
  if (what == "stream" || what == "all") {
    stream(false, 300'000);
    stream(true, 300'000);
  }
  if (what == "timers" || what == "all") {
    // 500 clocks per fire_due call: a batch stays a few ms of CPU (the 50 ms bound holds with
    // room on a loaded machine) and its records stay in cache; 2,000 is shown for comparison.
    timers(1'000'000, 500, false);
    timers(1'000'000, 500, true);
    timers(1'000'000, 2'000, true);
  }
  const int n = argc > 2 ? std::atoi(argv[2]) : 100'000;
  if (what == "stream-plain") stream(false, n);
  if (what == "stream-json") stream(true, n);
  if (what == "memory-small") memory(n);
  const size_t batch = argc > 3 ? static_cast<size_t>(std::atol(argv[3])) : 500;
  if (what == "timers-plain") timers(n, batch, false);
  if (what == "timers-json") timers(n, batch, true);
  if (what == "volume") volume(argc > 2 ? n : 20'000);
  return 0;
}
