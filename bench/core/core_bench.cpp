// Engine core benchmarks. Prints figures; decides nothing (exit 0).
//   core_bench stream   the mixed lifecycle stream, structured and with CloudEvents JSON; the JSON
//                       stream beside its JSON floor (json_floor.h) on the same bytes
//   core_bench memory   resident bytes per open case (1,000,000 cases, 3 clocks, 200-byte text)
//   core_bench timers   1,000,000 clocks due at one instant, fired in bounded batches: 500 (plain
//                       and JSON), 2,000 and the runtime's defaults (JSON)
//   core_bench stream-json|stream-plain [CASES]   one stream figure (default 20,000 cases a run)
//   core_bench timers-json|timers-plain [CLOCKS] [BATCH]   one timer figure (default batch 500)
//   core_bench volume   output bytes per record type (CORE_BENCH_EXAMPLES=1 prints one of each)
//   core_bench all      everything (default)
// How to read it: every measured side runs on a fresh engine over the same input, repeated for
// CASEFLOW_BENCH_SECONDS of measured wall time (default 5) and at least 5 times; each figure is the
// median with min..max over the runs. "cpu" figures are this thread's CPU time and move least on
// a loaded machine. The stream's JSON floor alternates with the engine run for run, and
// "engine / JSON floor" is the ratio of their rates in each pair: 1.0 would mean the engine costs
// no more than parsing its input and writing its output with boost::json.

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "app/engine_config.h"
#include "bench/common/measure.h"
#include "bench/core/bench_world.h"
#include "bench/core/json_floor.h"
#include "bench/core/record_set.h"
#include "connectors/runtime/stream_processor.h"
#include "engine/events/case_event_decoder.h"

namespace caseflow::bench {
namespace {

using events::EventType;
// 2026-03-02T09:00:00+08:00
constexpr Instant kStart = Instant::from_unix_seconds(1'772'413'200);

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

constexpr int kWave = 2000;

// What one run of the stream did; equal for every run of the same input.
struct StreamTally {
  size_t events = 0, fired = 0, records = 0, rejected = 0, bytes = 0;
};

// The CloudEvents JSON of the stream, wave by wave: the bytes every run and the floor read.
struct JsonStream {
  RecordSet records;
  std::vector<size_t> wave_ends;
};

JsonStream json_stream(int total_cases) {
  JsonStream in;
  for (int first = 0; first < total_cases; first += kWave) {
    for (const auto& e : wave(first, kWave)) in.records.add(to_json(e));
    in.wave_ends.push_back(in.records.size());
  }
  return in;
}

// One run of the stream on a fresh engine: JSON from `json` when given, else structured events.
// `records` and `states` (if given) receive every output record and changelog state: the
// floor's output.
struct Capture {
  RecordSet records, states;
};
Run stream_once(int total_cases, const JsonStream* json, Capture* capture, StreamTally& tally) {
  const bool serialise = json != nullptr;
  auto engine = make_engine(serialise);
  core::Effects fx;
  Instant now = kStart;
  tally = {};
  std::string state;
  std::vector<std::string_view> changed;
  events::CaseEvent decoded;
  Stopwatch watch;
  size_t begin = 0;
  for (int first = 0, w = 0; first < total_cases; first += kWave, ++w) {
    std::vector<events::CaseEvent> input;
    if (!serialise) input = wave(first, kWave);
    const size_t count = serialise ? json->wave_ends[static_cast<size_t>(w)] - begin : input.size();
    watch.start();
    for (size_t i = 0; i < count; ++i) {
      now = now + Duration::seconds(1);
      if (serialise) {
        // One CaseEvent for the whole stream: decoding reuses its buffers.
        if (!events::decode_case_event(json->records[begin + i], decoded).ok()) {
          ++tally.rejected;
          continue;
        }
        engine->apply(decoded, now, fx);
      } else {
        engine->apply(input[i], now, fx);
      }
      ++tally.events;
      if (i % 1000 == 999) {
        tally.fired += engine->fire_due(now, 10'000, fx);
        tally.records += fx.records.size();
        tally.rejected += fx.rejections.size();
        for (const auto& r : fx.records) {
          tally.bytes += r.value.size();
          if (capture) capture->records.add(r.value);
        }
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
            tally.bytes += state.size();
            if (capture) capture->states.add(state);
          }
        }
        fx.clear();
      }
    }
    watch.stop();
    begin += count;
  }
  return Run{static_cast<double>(tally.events), watch.wall_seconds(), watch.cpu_seconds()};
}

void print_tally(const char* label, const StreamTally& t) {
  std::printf("stream %s: %zu events + %zu timers a run (%zu records, %zu rejected, %.0f MB out)\n",
              label, t.events, t.fired, t.records, t.rejected, static_cast<double>(t.bytes) / 1e6);
}

void stream_plain(int total_cases) {
  StreamTally tally;
  const auto runs = repeat([&] { return stream_once(total_cases, nullptr, nullptr, tally); });
  print_tally("(structured, no serialisation)", tally);
  print_rates("  engine", runs, "events");
}

void stream_json(int total_cases) {
  const JsonStream in = json_stream(total_cases);
  Capture out;
  StreamTally tally;
  stream_once(total_cases, &in, &out, tally);  // captures the floor's output; a warm-up too
  FloorTally floor;
  const Paired runs =
      repeat_paired([&] { return stream_once(total_cases, &in, nullptr, tally); },
                    [&] { return json_floor(in.records, out.records, out.states, floor); });
  print_tally("(JSON in, JSON effects)", tally);
  print_rates("  engine", runs.subject, "events");
  std::printf(
      "  JSON floor a run: boost::json parses the %zu input records (%.0f MB), serialises the %zu "
      "output records (%.0f MB), copies the %zu binary changelog states (%.0f MB); "
      "%zu records did not parse\n",
      in.records.size(), static_cast<double>(in.records.bytes()) / 1e6, out.records.size(),
      static_cast<double>(out.records.bytes()) / 1e6, out.states.size(),
      static_cast<double>(out.states.bytes()) / 1e6, floor.failed);
  print_rates("  floor", runs.floor, "events");
  print_ratio("  engine / JSON floor", runs);
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

// The slowest batch of a timer storm and the firing rate, per phase, over the runs.
struct StormFigures {
  std::vector<double> rate_cpu, slowest_cpu_ms, slowest_wall_ms;
  size_t fired = 0, batches = 0;
};

void timers(int cases, size_t batch, bool encode, const std::string& note) {
  // Every case's sign clock warns at +48 min (all at one instant), then breaches at +60 min and
  // escalates (a new dispatch with three fresh clocks each).
  const std::array<std::pair<const char*, Instant>, 2> phases{
      std::pair{"warnings", kStart + Duration::minutes(48)},
      std::pair{"breaches+escalations", kStart + Duration::minutes(60)}};
  std::array<StormFigures, 2> figures;
  const auto runs = repeat([&] {
    auto engine = make_engine(encode);
    core::Effects fx;
    for (int i = 0; i < cases; ++i) {
      engine->apply(report_event("case-" + std::to_string(i), i % 16000), kStart, fx);
      if (i % 1000 == 999) fx.clear();
    }
    fx.clear();
    Run run;
    for (size_t p = 0; p < phases.size(); ++p) {
      StormFigures& f = figures[p];
      f.fired = f.batches = 0;
      double slowest_cpu = 0, slowest_wall = 0;
      Stopwatch phase;
      phase.start();
      for (;;) {
        Stopwatch one;
        one.start();
        const size_t n = engine->fire_due(phases[p].second, batch, fx);
        fx.clear();  // the runtime publishes and commits here, then lets input in
        one.stop();
        if (n == 0) break;
        slowest_cpu = std::max(slowest_cpu, one.cpu_seconds());
        slowest_wall = std::max(slowest_wall, one.wall_seconds());
        f.fired += n;
        ++f.batches;
      }
      phase.stop();
      f.rate_cpu.push_back(static_cast<double>(f.fired) / phase.cpu_seconds());
      f.slowest_cpu_ms.push_back(slowest_cpu * 1000);
      f.slowest_wall_ms.push_back(slowest_wall * 1000);
      run.work += static_cast<double>(f.fired);
      run.wall_seconds += phase.wall_seconds();
      run.cpu_seconds += phase.cpu_seconds();
    }
    return run;
  });
  std::printf("timers %s, batch %zu%s, %d clocks due at once:\n", encode ? "(JSON)" : "(plain)",
              batch, note.c_str(), cases);
  for (size_t p = 0; p < phases.size(); ++p) {
    const StormFigures& f = figures[p];
    std::printf("  %s: %zu fired in %zu batches a run\n", phases[p].first, f.fired, f.batches);
    print_spread("    firings/s cpu     ", f.rate_cpu, "/s");
    print_spread("    slowest batch cpu ", f.slowest_cpu_ms, "ms");
    print_spread("    slowest batch wall", f.slowest_wall_ms, "ms");
  }
  print_rates("  both phases", runs, "firings");
}

// The timer storm at 500 and 2,000 a batch and at the batch sizes the runtime uses by default:
// `caseflow run` takes processing.max_timer_batch (app/engine_config.h, as config/caseflow.yaml
// documents it); ProcessorOptions carries its own default for code that builds the runtime
// directly. Read from the headers, so the figures follow a change of either.
void timer_storms(int cases) {
  const auto app_default = static_cast<size_t>(app::ProcessingSettings{}.max_timer_batch);
  const runtime::ProcessorOptions defaults;
  const size_t options_default = defaults.max_timer_batch;
  std::printf(
      "the runtime's default timer batch: %zu (processing.max_timer_batch, what caseflow run "
      "uses); %zu (runtime::ProcessorOptions::max_timer_batch)\n",
      app_default, options_default);
  timers(cases, 500, false, "");
  std::vector<size_t> sizes{500, 2'000};
  for (size_t b : {app_default, options_default})
    if (std::find(sizes.begin(), sizes.end(), b) == sizes.end()) sizes.push_back(b);
  for (size_t b : sizes) {
    std::string note;
    if (b == app_default) note += " = processing.max_timer_batch default";
    if (b == options_default) note += " = ProcessorOptions default";
    timers(cases, b, true, note);
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
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // figures appear as they come, also in a pipe
  using namespace caseflow::bench;
  const std::string what = argc > 1 ? argv[1] : "all";
  // Memory first: after other runs, freed heap is reused and RSS would understate the cost.
  if (what == "memory" || what == "all") memory(1'000'000);
  // 20,000 cases (about 104,000 events) a run: long enough to fill the engine's maps and
  // buffers, short enough for five runs and the JSON stream's captured output (about 150 MB).
  constexpr int kStreamCases = 20'000;
  if (what == "stream" || what == "all") {
    stream_plain(kStreamCases);
    stream_json(kStreamCases);
  }
  // A batch must stay well inside 50 ms of CPU on a loaded machine; the slowest batch says so.
  if (what == "timers" || what == "all") timer_storms(1'000'000);
  const int n = argc > 2 ? std::atoi(argv[2]) : 100'000;
  if (what == "stream-plain") stream_plain(argc > 2 ? n : kStreamCases);
  if (what == "stream-json") stream_json(argc > 2 ? n : kStreamCases);
  if (what == "memory-small") memory(n);
  const size_t batch = argc > 3 ? static_cast<size_t>(std::atol(argv[3])) : 500;
  if (what == "timers-plain") timers(n, batch, false, "");
  if (what == "timers-json") timers(n, batch, true, "");
  if (what == "volume") volume(argc > 2 ? n : 20'000);
  return 0;
}
