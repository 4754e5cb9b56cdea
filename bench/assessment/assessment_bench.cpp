// assessment_bench load|report [--path FILE | --url URL] [--per-day N] [--month YYYY-MM]
//                  [--survey-out FILE] [--survey FILE]
//
// load: a month of the sample city at N reports a day (default 30,000: about 900,000 cases)
// written straight into the archive through ArchiveStore::apply — a generator, not the engine:
// each case closed, with the records the engine writes about it, their actors and realistic
// assessment facts. The city is tools/citygen's default city generated in memory, so grids,
// communities, streets, compounds and property companies are the ones of build/*/city and
// config/units.yaml. Of the reports, ~12% are patrol reports (channel grid_worker by the grid's own
// unit; ~8% of the grids' workers never report, the others at least once and several-fold apart),
// 0.5% grid_worker reports by a neighbouring grid's worker, the rest residents' (hotline 60%, app
// 33%, open311 7%), a quarter of all cases in a compound and handled by its property company
// (each company with its own quality: how often it contacts in time, solves and satisfies), the
// others by the grid's unit (assessed under its community). Residents' cases: 4% returned before
// signing (a fifth reviewed justified), 6% escalated when the 7-day resolve clock breached (to
// the community, from a grid to its street office), 2% exempted, 1% closed invalid, 12% unrated,
// the rest rated; workers' reports close unrated (nobody to call back). --survey-out writes the
// month's survey CSV (company,score,sample) with scores following each company's quality, a few
// companies left out and a few with too few respondents. Fixed seeds: the same month every time.
// report: times the report end to end — read the month's facts, assess by unit and by street,
// write the JSON and the HTML — then the star rating of property companies (with --survey FILE)
// and the grid report over the sample city's grids, and prints the figures. Never pass or fail.
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "bench/assessment/month_cases.h"
#include "bench/assessment/month_city.h"
#include "connectors/archive/archive_store.h"
#include "connectors/report/assessment_formats.h"
#include "connectors/report/survey_csv.h"
#include "engine/assessment/assessment.h"
#include "engine/assessment/grid_activity.h"
#include "engine/assessment/period.h"
#include "engine/assessment/stars.h"

namespace {

using namespace caseflow;

constexpr size_t kCasesPerBatch = 10'000;
constexpr double kPatrolShare = 0.12;        // of all reports, about
constexpr double kOtherWorkerShare = 0.005;  // of all reports
constexpr double kCompoundShare = 0.25;      // of all reports

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

int load(archive::ArchiveStore& store, const assessment::Period& month, int per_day,
         const std::string& survey_out) {
  std::mt19937_64 rng(12345);
  const int days = static_cast<int>((month.to - month.from).millis() / 86'400'000);
  const int64_t total = static_cast<int64_t>(per_day) * days;
  const auto t_city = std::chrono::steady_clock::now();
  auto city = bench::make_month_city(rng, static_cast<int64_t>(kPatrolShare * total));
  if (!city) {
    std::cerr << city.error().message << "\n";
    return 1;
  }
  // Every patrol report once, shuffled, then spread evenly over the days.
  std::vector<uint32_t> patrols;
  int64_t idle = 0;
  for (size_t g = 0; g < city->grids.size(); ++g) {
    idle += city->grids[g].idle ? 1 : 0;
    patrols.insert(patrols.end(), static_cast<size_t>(city->grids[g].patrol),
                   static_cast<uint32_t>(g));
  }
  for (size_t i = patrols.size(); i > 1; --i) std::swap(patrols[i - 1], patrols[rng() % i]);
  const double residents =
      static_cast<double>(total) * (1 - kOtherWorkerShare) - static_cast<double>(patrols.size());
  bench::MonthShares shares;
  shares.compound =
      residents > 0 ? std::min(1.0, kCompoundShare * static_cast<double>(total) / residents) : 0;
  std::printf("sample city: %zu grids (%lld idle), %zu compounds, %zu property companies; %.1f s\n",
              city->grids.size(), static_cast<long long>(idle), city->compounds.size(),
              city->companies.size(), seconds_since(t_city));

  if (!survey_out.empty()) {
    std::mt19937_64 survey_rng(54321);
    std::ofstream out(survey_out, std::ios::binary);
    out << bench::month_survey_csv(survey_rng, *city);
    if (!out) {
      std::cerr << "cannot write " << survey_out << "\n";
      return 1;
    }
    std::printf("survey: %s\n", survey_out.c_str());
  }

  archive::Batch batch;
  bench::MonthTally tally;
  const auto t0 = std::chrono::steady_clock::now();
  auto flush = [&] {
    if (auto s = store.apply(batch); !s) {
      std::cerr << "apply: " << s.error().message << "\n";
      std::exit(1);
    }
    batch = {};
  };
  for (int day = 0; day < days; ++day) {
    const size_t first_patrol =
        patrols.size() * static_cast<size_t>(day) / static_cast<size_t>(days);
    const size_t patrol_today =
        patrols.size() * static_cast<size_t>(day + 1) / static_cast<size_t>(days) - first_patrol;
    const size_t today = std::max(static_cast<size_t>(per_day), patrol_today);
    for (size_t n = 0; n < today; ++n) {
      char id[48];
      std::snprintf(id, sizeof id, "m-%02d-%06zu", day, n);
      const Instant reported =
          month.from +
          Duration::millis(day * 86'400'000LL + static_cast<int64_t>(rng() % 86'400'000));
      const bench::MonthReporter who = n < patrol_today ? bench::MonthReporter::patrol
                                       : bench::month_uniform(rng) < kOtherWorkerShare
                                           ? bench::MonthReporter::other_worker
                                           : bench::MonthReporter::resident;
      const size_t grid = n < patrol_today ? patrols[first_patrol + n] : 0;
      bench::write_month_case(rng, *city, shares, id, reported, who, grid, batch, tally);
      if (batch.cases.size() >= kCasesPerBatch) flush();
    }
    std::fprintf(stderr, "\rday %d/%d: %lld cases", day + 1, days,
                 static_cast<long long>(tally.cases));
  }
  flush();
  const double took = seconds_since(t0);
  std::printf(
      "\nloaded %lld cases, %lld history records in %.1f s (%.0f cases/s) into %s\n"
      "  residents' reports %lld (%lld in a compound, %lld escalated, %lld returned), patrol "
      "reports %lld, other workers' reports %lld\n",
      static_cast<long long>(tally.cases), static_cast<long long>(tally.records), took,
      static_cast<double>(tally.cases) / took, std::string(store.backend()).c_str(),
      static_cast<long long>(tally.resident), static_cast<long long>(tally.in_compound),
      static_cast<long long>(tally.escalated), static_cast<long long>(tally.returned),
      static_cast<long long>(tally.patrol), static_cast<long long>(tally.other_workers));
  return 0;
}

// The star rating (with a survey) and the grid report over the sample city's grids, once each.
int time_property_and_grids(archive::ArchiveStore& store, const assessment::Period& month,
                            const assessment::Report& by_unit, const std::string& survey_file) {
  if (!survey_file.empty()) {
    const auto t0 = std::chrono::steady_clock::now();
    auto survey = report::read_survey_file(survey_file);
    if (!survey) {
      std::cerr << survey.error().message << "\n";
      return 1;
    }
    const auto rating = assessment::rate_stars(by_unit, *survey, {});
    int stars[6] = {};
    for (const auto& row : rating.rows) stars[row.stars.value_or(0)] += 1;
    std::printf(
        "stars (survey of %zu companies): %.3f s; %zu companies: 5* %d, 4* %d, 3* %d, 2* %d, "
        "1* %d, none %d\n",
        survey->size(), seconds_since(t0), rating.rows.size(), stars[5], stars[4], stars[3],
        stars[2], stars[1], stars[0]);
  }
  std::mt19937_64 rng(12345);
  auto city = bench::make_month_city(rng, 0);
  if (!city) {
    std::cerr << city.error().message << "\n";
    return 1;
  }
  std::vector<assessment::CityGrid> grids;
  grids.reserve(city->grids.size());
  for (const bench::MonthGrid& g : city->grids) {
    grids.push_back(assessment::CityGrid{.id = g.id,
                                         .name = "",
                                         .community = g.community,
                                         .street = g.street,
                                         .district = g.district,
                                         .unit = g.unit});
  }
  const auto t0 = std::chrono::steady_clock::now();
  auto counts = store.grid_activity(month.from, month.to, grids);
  if (!counts) {
    std::cerr << counts.error().message << "\n";
    return 1;
  }
  const double counted = seconds_since(t0);
  const auto activity = assessment::grid_activity(month, grids, std::move(*counts));
  std::printf(
      "grids (%s): count %.2f s, join %.3f s; %lld grids, %lld patrol, %lld resident, %lld other "
      "workers' reports, %lld idle\n",
      std::string(store.backend()).c_str(), counted, seconds_since(t0) - counted,
      static_cast<long long>(activity.grids), static_cast<long long>(activity.patrol),
      static_cast<long long>(activity.resident), static_cast<long long>(activity.other_workers),
      static_cast<long long>(activity.idle));
  return 0;
}

int time_report(archive::ArchiveStore& store, const assessment::Period& month,
                const std::string& survey_file) {
  std::optional<assessment::Report> last_by_unit;
  for (int run = 1; run <= 3; ++run) {
    // As the report command does (report::read_and_assess): each case assessed, both groupings,
    // as it streams from the archive. The time spent in add() and reports() is "assess"; the
    // rest of the pass is "read".
    const auto t0 = std::chrono::steady_clock::now();
    const assessment::By both[] = {assessment::By::unit, assessment::By::street};
    assessment::Assessment assessment(month, both, {});
    size_t cases = 0, records = 0;
    double assessed = 0;
    auto status = store.each_case_facts(month.from, month.to, [&](assessment::CaseFacts&& c) {
      cases += 1;
      records += c.records.size();
      const auto t = std::chrono::steady_clock::now();
      assessment.add(c);
      assessed += seconds_since(t);
    });
    if (!status) {
      std::cerr << status.error().message << "\n";
      return 1;
    }
    const auto t1 = std::chrono::steady_clock::now();
    const auto reports = std::move(assessment).reports();
    assessed += seconds_since(t1);
    const double read = seconds_since(t0) - assessed;
    const auto& by_unit = reports[0];
    const auto& by_street = reports[1];
    const auto t2 = std::chrono::steady_clock::now();
    const std::string json = boost::json::serialize(report::assessment_json(by_unit));
    const std::string html =
        report::assessment_html(by_unit, by_street, {.base_url = "", .utc_offset = {}});
    const double formatted = seconds_since(t2);
    std::printf(
        "run %d (%s): %zu cases, %zu fact records; read %.2f s, assess (unit + street) %.2f s, "
        "format (JSON %zu KiB + HTML %zu KiB) %.2f s; total %.2f s; %zu units, %zu streets\n",
        run, std::string(store.backend()).c_str(), cases, records, read, assessed,
        json.size() / 1024, html.size() / 1024, formatted, seconds_since(t0), by_unit.rows.size(),
        by_street.rows.size());
    last_by_unit = by_unit;
  }
  return time_property_and_grids(store, month, *last_by_unit, survey_file);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || (std::strcmp(argv[1], "load") != 0 && std::strcmp(argv[1], "report") != 0)) {
    std::cerr << "usage: assessment_bench load|report [--path FILE | --url URL] [--per-day N] "
                 "[--month YYYY-MM] [--survey-out FILE] [--survey FILE]\n";
    return 2;
  }
  archive::ArchiveLocation where{"/tmp/caseflow-assessment-bench.db", ""};
  int per_day = 30'000;
  std::string month_text = "2026-11";
  std::string survey_out, survey;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--path") where.path = argv[i + 1];
    if (flag == "--url") where.url = argv[i + 1];
    if (flag == "--per-day") per_day = std::atoi(argv[i + 1]);
    if (flag == "--month") month_text = argv[i + 1];
    if (flag == "--survey-out") survey_out = argv[i + 1];
    if (flag == "--survey") survey = argv[i + 1];
  }
  auto month = assessment::month_period(std::string_view(month_text), "Asia/Shanghai");
  if (!month) {
    std::cerr << month.error().message << "\n";
    return 2;
  }
  auto store = archive::open_archive(where);
  if (!store) {
    std::cerr << store.error().message << "\n";
    return 1;
  }
  return std::strcmp(argv[1], "load") == 0 ? load(**store, *month, per_day, survey_out)
                                           : time_report(**store, *month, survey);
}
