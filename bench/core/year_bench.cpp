// A year in the life of the engine core: a big city's complaints (30,000 reports a day) on virtual
// time, handled the way units and residents handle them, with the resident set and the cases held
// sampled every simulated day. Run twice, each in a child process of its own so one run's heap does
// not flatter or burden the other: with retention as configured by default (a closed case leaves
// its workflow's revisit window + 1 day after it closed) and with retention off (the longest span
// the engine accepts, ten years). Figures only, never pass/fail.
//
//   year_bench [--days N] [--per-day N] [--seed S] [--cap-mib M]
//
// The behaviour is a seeded model, the same for both runs case for case: grid units sign within
// the hour (3% let the sign clock escalate the case to the community, which signs), make contact
// within hours and resolve within 4 h to 2 days; 82% of residents rate within 2 days of the
// resolution (12% of them unsatisfied: the case reopens, at most twice), the others never do and
// the revisit clock closes the case as unrated. The run with retention off stops when its resident
// set passes --cap-mib (the machine is shared); its growth per day is printed instead.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <optional>
#include <queue>
#include <string>
#include <vector>

#include "bench/core/bench_world.h"
#include "engine/core/simple_router.h"

namespace caseflow::bench {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;
constexpr int kMaxReopens = 2;      // the workflow's revisit.max_reopens (RevisitPolicy default)
constexpr int kRevisitDays = 3;     // the workflow's revisit.within
constexpr int kSteadyFromDay = 30;  // after the longest life a case can have in this model
constexpr int kPrintEvery = 15;     // days between printed samples

struct Options {
  int days = 365;
  int per_day = 30'000;
  uint64_t seed = 7;
  double cap_mib = 4'096;
};

struct Sample {
  int day = 0;
  double rss_mib = 0;
  unsigned long long cases = 0;
};

struct Totals {
  unsigned long long applied = 0, rejected = 0;
  double cpu_seconds = 0;
  int capped_at_day = 0;  // 0 = ran every day
};

// splitmix64: a case's draws depend on (seed, case number, draw) only.
uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class Draws {
 public:
  Draws(uint64_t seed, uint64_t case_no, uint64_t round)
      : state_(mix(seed ^ mix(case_no) ^ round)) {}
  double unit() { return double(mix(state_++) >> 11) / double(1ULL << 53); }
  int64_t between(int64_t lo, int64_t hi) { return lo + int64_t(unit() * double(hi - lo)); }
  bool chance(double p) { return unit() < p; }

 private:
  uint64_t state_;
};

enum class Act : uint8_t { sign, contact, resolve, rate_satisfied, rate_unsatisfied };

struct Due {
  int64_t at;
  uint32_t case_no;
  Act act;
  uint8_t round;  // reopens so far
  bool operator>(const Due& o) const {
    return at != o.at ? at > o.at : case_no != o.case_no ? case_no > o.case_no : act > o.act;
  }
};

definition::WorkflowPtr year_workflow() {
  auto wf = std::make_shared<definition::Workflow>(*make_workflow());
  wf->revisit.within = Span{Span::Unit::days, kRevisitDays};
  wf->revisit.max_reopens = kMaxReopens;
  return wf;
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// One year (or until the cap) in this process; writes "S day rss cases" lines per day and one
// "T applied rejected cpu capped_at" line to `out`.
void run_year(const Options& o, std::optional<Span> retain, FILE* out) {
  core::EngineOptions options;
  options.encode = false;  // the core alone: memory of state, not of output buffers
  options.changelog_bytes = false;
  options.metrics = false;
  options.retain_closed_for = retain;
  core::Engine engine(options, std::make_shared<core::SimpleRouter>(std::vector{year_workflow()}),
                      std::make_shared<core::MapCalendarRegistry>(), make_directory());

  events::CaseEvent report = report_event("y0", 0);
  events::CaseEvent sign = simple_event(events::EventType::signed_for, "");
  events::CaseEvent contact = simple_event(events::EventType::contacted, "");
  events::CaseEvent resolve = simple_event(events::EventType::resolved, "");
  events::CaseEvent rate = simple_event(events::EventType::rated, "");
  core::Effects fx;
  Totals totals;
  const double cpu0 = thread_cpu_seconds();
  const int64_t start = Instant::from_unix_seconds(1'767'196'800).unix_millis();  // 2026-01-01+08
  std::priority_queue<Due, std::vector<Due>, std::greater<>> due;

  auto fire = [&](int64_t at) {
    while (engine.fire_due(Instant::from_unix_millis(at), 500, fx) == 500) fx.clear();
    fx.clear();
  };
  auto apply = [&](events::CaseEvent& e, uint32_t case_no, int64_t at) {
    fire(at);
    e.case_id = "y" + std::to_string(case_no);
    engine.apply(e, Instant::from_unix_millis(at), fx);
    ++totals.applied;
    totals.rejected += fx.rejections.size();
    fx.clear();
  };
  auto act = [&](const Due& d) {
    Draws draw(o.seed, d.case_no, 16 * d.round + uint64_t(d.act));
    switch (d.act) {
      case Act::sign:
        apply(sign, d.case_no, d.at);
        due.push(
            {d.at + draw.between(10 * kMinute, 100 * kMinute), d.case_no, Act::contact, d.round});
        break;
      case Act::contact:
        apply(contact, d.case_no, d.at);
        due.push({d.at + draw.between(4 * kHour, d.round == 0 ? 48 * kHour : 30 * kHour), d.case_no,
                  Act::resolve, d.round});
        break;
      case Act::resolve:
        apply(resolve, d.case_no, d.at);
        if (draw.chance(0.82)) {  // the others never rate: the revisit clock closes the case
          due.push({d.at + draw.between(kHour, 48 * kHour), d.case_no,
                    draw.chance(0.12) ? Act::rate_unsatisfied : Act::rate_satisfied, d.round});
        }
        break;
      case Act::rate_satisfied:
      case Act::rate_unsatisfied: {
        const bool bad = d.act == Act::rate_unsatisfied;
        rate.solved = bad ? events::Solved::not_solved : events::Solved::solved;
        rate.satisfaction =
            bad ? events::Satisfaction::unsatisfied : events::Satisfaction::satisfied;
        apply(rate, d.case_no, d.at);
        if (bad && d.round < kMaxReopens) {  // reopened at the same unit, which signs again
          due.push({d.at + draw.between(10 * kMinute, 55 * kMinute), d.case_no, Act::sign,
                    uint8_t(d.round + 1)});
        }
        break;
      }
    }
  };
  auto run_until = [&](int64_t t) {
    while (!due.empty() && due.top().at <= t) {
      const Due d = due.top();
      due.pop();
      act(d);
    }
  };

  const int64_t step = kDay / o.per_day;
  uint32_t case_no = 0;
  for (int day = 1; day <= o.days; ++day) {
    const int64_t day_start = start + int64_t(day - 1) * kDay;
    for (int i = 0; i < o.per_day; ++i, ++case_no) {
      const int64_t t = day_start + i * step;
      run_until(t);
      Draws draw(o.seed, case_no, 255);
      report.grid_id = "g" + std::to_string(draw.between(0, 16'000));
      apply(report, case_no, t);
      const int64_t sign_after =
          draw.chance(0.03) ? draw.between(65 * kMinute, 110 * kMinute)  // after the escalation
                            : draw.between(5 * kMinute, 55 * kMinute);
      due.push({t + sign_after, case_no, Act::sign, 0});
    }
    run_until(day_start + kDay - 1);
    fire(day_start + kDay - 1);
    const double rss = double(resident_bytes()) / (1 << 20);
    std::fprintf(out, "S %d %.1f %zu\n", day, rss, engine.case_count());
    std::fflush(out);
    if (rss > o.cap_mib && day < o.days) {
      totals.capped_at_day = day;
      break;
    }
  }
  totals.cpu_seconds = thread_cpu_seconds() - cpu0;
  std::fprintf(out, "T %llu %llu %.1f %d\n", totals.applied, totals.rejected, totals.cpu_seconds,
               totals.capped_at_day);
  std::fflush(out);
}

struct Curve {
  std::vector<Sample> samples;
  Totals totals;
  bool ok = false;
};

// Runs one year in a child process and reads its samples back.
Curve run_in_child(const Options& o, std::optional<Span> retain) {
  Curve curve;
  int fds[2];
  if (pipe(fds) != 0) return curve;
  std::fflush(stdout);
  const pid_t child = fork();
  if (child == 0) {
    close(fds[0]);
    FILE* out = fdopen(fds[1], "w");
    run_year(o, retain, out);
    std::fclose(out);
    _exit(0);
  }
  close(fds[1]);
  FILE* in = fdopen(fds[0], "r");
  char kind = 0;
  while (std::fscanf(in, " %c", &kind) == 1) {
    if (kind == 'S') {
      Sample s;
      if (std::fscanf(in, "%d %lf %llu", &s.day, &s.rss_mib, &s.cases) != 3) break;
      curve.samples.push_back(s);
    } else if (kind == 'T') {
      auto& t = curve.totals;
      curve.ok = std::fscanf(in, "%llu %llu %lf %d", &t.applied, &t.rejected, &t.cpu_seconds,
                             &t.capped_at_day) == 4;
    }
  }
  std::fclose(in);
  int status = 0;
  waitpid(child, &status, 0);
  curve.ok = curve.ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return curve;
}

const Sample* on_day(const Curve& c, int day) {
  for (const auto& s : c.samples) {
    if (s.day == day) return &s;
  }
  return nullptr;
}

void print_totals(const char* label, const Curve& c) {
  const auto& t = c.totals;
  std::printf("%s: %llu events applied (%llu rejected) in %.1f s CPU%s\n", label, t.applied,
              t.rejected, t.cpu_seconds, c.ok ? "" : " — the run did not finish cleanly");
  if (t.capped_at_day > 0) {
    std::printf("%s: stopped after day %d, its resident set past the cap\n", label,
                t.capped_at_day);
  }
}

int main_(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--days")
      o.days = std::atoi(argv[i + 1]);
    else if (flag == "--per-day")
      o.per_day = std::atoi(argv[i + 1]);
    else if (flag == "--seed")
      o.seed = std::strtoull(argv[i + 1], nullptr, 10);
    else if (flag == "--cap-mib")
      o.cap_mib = std::atof(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: year_bench [--days N] [--per-day N] [--seed S] [--cap-mib M]\n");
      return 2;
    }
  }
  if (o.days < 1 || o.per_day < 1 || o.per_day > 1'000'000) {
    std::fprintf(stderr, "year_bench: --days and --per-day must be positive\n");
    return 2;
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::printf(
      "year_bench: %d reports a day for %d days, seed %llu; the engine core on virtual "
      "time, no JSON; revisit window %d days, so retention by default = %d days\n",
      o.per_day, o.days, static_cast<unsigned long long>(o.seed), kRevisitDays, kRevisitDays + 1);
  const Curve with = run_in_child(o, std::nullopt);
  print_totals("retention default", with);
  const Curve without = run_in_child(o, Span{Span::Unit::days, kMaxSpanDays});
  print_totals("retention off (3650 days)", without);

  std::printf("%5s | %14s %10s | %14s %10s\n", "day", "default: MiB", "cases", "off: MiB", "cases");
  for (int day = 1; day <= o.days; ++day) {
    if (day % kPrintEvery != 0 && day != 1 && day != o.days) continue;
    const Sample* a = on_day(with, day);
    const Sample* b = on_day(without, day);
    if (!a && !b) continue;
    std::printf("%5d | ", day);
    if (a)
      std::printf("%14.1f %10llu | ", a->rss_mib, a->cases);
    else
      std::printf("%14s %10s | ", "-", "-");
    if (b)
      std::printf("%14.1f %10llu\n", b->rss_mib, b->cases);
    else
      std::printf("%14s %10s\n", "-", "-");
  }

  const int from = std::min(kSteadyFromDay, o.days);
  const Sample* first = on_day(with, from);
  const Sample* last = with.samples.empty() ? nullptr : &with.samples.back();
  if (first && last && last->day > first->day) {
    std::printf(
        "retention default: resident set day %d -> day %d: %.1f -> %.1f MiB (%+.1f%%), "
        "cases %llu -> %llu\n",
        first->day, last->day, first->rss_mib, last->rss_mib,
        100.0 * (last->rss_mib - first->rss_mib) / first->rss_mib, first->cases, last->cases);
  }
  const Sample* off_first = on_day(without, from);
  const Sample* off_last = without.samples.empty() ? nullptr : &without.samples.back();
  if (off_first && off_last && off_last->day > off_first->day) {
    const double per_day =
        (off_last->rss_mib - off_first->rss_mib) / double(off_last->day - off_first->day);
    std::printf(
        "retention off: resident set day %d -> day %d: %.1f -> %.1f MiB, %.1f MiB a day "
        "(%.0f MiB by day %d at that rate), cases %llu -> %llu\n",
        off_first->day, off_last->day, off_first->rss_mib, off_last->rss_mib, per_day,
        off_last->rss_mib + per_day * double(o.days - off_last->day), o.days, off_first->cases,
        off_last->cases);
  } else if (off_last) {
    const double per_day = off_last->rss_mib / double(off_last->day);
    std::printf("retention off: %.1f MiB on day %d, about %.1f MiB a day\n", off_last->rss_mib,
                off_last->day, per_day);
  }
  return 0;
}

}  // namespace
}  // namespace caseflow::bench

int main(int argc, char** argv) { return caseflow::bench::main_(argc, argv); }
