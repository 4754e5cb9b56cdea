// assessment_bench load|report [--path FILE | --url URL] [--per-day N] [--month YYYY-MM]
//
// load: a month of the sample city at N reports a day (default 30,000: about 900,000 cases)
// written straight into the archive through ArchiveStore::apply, each case with the records the
// engine writes about it and realistic assessment facts: a response (88% on time), then a final
// rating (80%, spread over solved/partly/not solved and the four satisfactions, 6% no answer) or
// an unrated close (12%); 5% returned by their first unit first (20% of the returns reviewed
// justified), 2% with an exemption requested and granted, 1% closed invalid. Grid work counts
// under 1,000 communities in 100 streets, as the sample city's units do.
// report: times the report end to end — read the month's facts, assess by unit and by street,
// write the JSON and the HTML — and prints the figures. Never pass or fail.
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <random>
#include <string>

#include "connectors/archive/archive_store.h"
#include "connectors/report/assessment_formats.h"
#include "engine/assessment/assessment.h"
#include "engine/assessment/period.h"

namespace {

using namespace caseflow;

constexpr int kStreets = 100;
constexpr int kCommunitiesPerStreet = 10;
constexpr size_t kCasesPerBatch = 10'000;

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string pick(std::mt19937_64& rng,
                 std::initializer_list<std::pair<const char*, int>> weighted) {
  int total = 0;
  for (const auto& [_, w] : weighted) total += w;
  int r = static_cast<int>(rng() % static_cast<uint64_t>(total));
  for (const auto& [name, w] : weighted) {
    if (r < w) return name;
    r -= w;
  }
  return weighted.begin()->first;
}

int load(archive::ArchiveStore& store, const assessment::Period& month, int per_day) {
  std::mt19937_64 rng(12345);
  const int days = static_cast<int>((month.to - month.from).millis() / 86'400'000);
  archive::Batch batch;
  size_t cases = 0, records = 0;
  const auto t0 = std::chrono::steady_clock::now();
  auto flush = [&] {
    records += batch.history.size();
    if (auto s = store.apply(batch); !s) {
      std::cerr << "apply: " << s.error().message << "\n";
      std::exit(1);
    }
    batch = {};
  };
  for (int day = 0; day < days; ++day) {
    for (int n = 0; n < per_day; ++n) {
      char id[32];
      std::snprintf(id, sizeof id, "b-%02d-%06d", day, n);
      const int street = static_cast<int>(rng() % kStreets);
      const int community =
          street * kCommunitiesPerStreet + static_cast<int>(rng() % kCommunitiesPerStreet);
      const std::string street_id = "S" + std::to_string(street);
      const std::string community_id = "C" + std::to_string(community);
      // Most cases are handled by the community; some go to the street office or a department.
      const int where = static_cast<int>(rng() % 100);
      const std::string unit = where < 70   ? "community:" + community_id
                               : where < 90 ? "street:" + street_id
                                            : "dept:D" + std::to_string(rng() % 40);
      const Instant reported =
          month.from + caseflow::Duration::millis(static_cast<int64_t>(
                           day * 86'400'000LL + static_cast<int64_t>(rng() % 86'400'000)));
      archive::CaseRow row;
      row.id = id;
      row.seq = 9;
      row.status = "closed";
      row.workflow = "parking@1";
      row.unit = unit;
      row.category = "parking.illegal";
      row.urgency = "normal";
      row.street = street_id;
      row.community = community_id;
      row.grid = "G" + std::to_string(community * 16);
      row.reported_at = reported;
      row.closed_at = reported + caseflow::Duration::days(3);
      row.updated_at = *row.closed_at;
      uint64_t seq = 0;
      auto history = [&](caseflow::Duration after, std::string type, std::string what,
                         std::string facts) {
        batch.history.push_back(archive::HistoryRow{.case_id = id,
                                                    .seq = ++seq,
                                                    .at = reported + after,
                                                    .type = std::move(type),
                                                    .what = std::move(what),
                                                    .stage = "",
                                                    .unit = unit,
                                                    .note = "",
                                                    .facts = std::move(facts)});
      };
      history(caseflow::Duration::millis(0), "reported", "reported", "");
      history(caseflow::Duration::minutes(1), "dispatched", "dispatched", "");
      const bool returned = rng() % 100 < 5;
      if (returned) {
        const std::string first = "community:C" + std::to_string((community + 1) % 1000);
        history(caseflow::Duration::minutes(30), "updated", "returned",
                R"({"returned_by":")" + first + R"("})");
        if (rng() % 5 == 0) {
          history(caseflow::Duration::hours(2), "updated", "return_justified",
                  R"({"return_review":{"unit":")" + first + R"(","justified":true}})");
        }
      }
      const bool on_time = rng() % 100 < 88;
      history(caseflow::Duration::hours(3), "updated", "contacted",
              R"({"response":{"unit":")" + unit + R"(","stage":"community","on_time":)" +
                  (on_time ? "true" : "false") + "}}");
      history(caseflow::Duration::hours(20), "updated", "resolved", "");
      if (rng() % 100 < 2) {
        history(
            caseflow::Duration::hours(21), "updated", "exemption_requested",
            R"({"exemption":{"unit":")" + unit + R"(","step":"requested","reason":"road works"}})");
        history(
            caseflow::Duration::hours(30), "updated", "exemption_granted",
            R"({"exemption":{"unit":")" + unit + R"(","step":"granted","reason":"road works"}})");
      }
      const int end = static_cast<int>(rng() % 100);
      if (end < 1) {
        history(
            caseflow::Duration::days(3), "closed", "invalid",
            R"({"invalid":{"unit":")" + unit + R"(","step":"confirmed","reason":"duplicate"}})");
      } else if (end < 13) {
        history(caseflow::Duration::days(3), "closed", "unrated",
                R"({"unrated":{"unit":")" + unit + R"("}})");
      } else {
        const std::string solved = pick(rng, {{"solved", 70}, {"partly", 20}, {"not_solved", 10}});
        const std::string satisfaction =
            pick(rng, {{"satisfied", 65}, {"basically", 20}, {"unsatisfied", 9}, {"no_answer", 6}});
        history(caseflow::Duration::days(3), "closed", "rated",
                R"({"rating":{"unit":")" + unit + R"(","solved":")" + solved +
                    R"(","satisfaction":")" + satisfaction + R"("}})");
      }
      batch.cases.push_back(std::move(row));
      if (++cases % kCasesPerBatch == 0) flush();
    }
    std::fprintf(stderr, "\rday %d/%d: %zu cases", day + 1, days, cases);
  }
  flush();
  const double took = seconds_since(t0);
  std::printf("\nloaded %zu cases, %zu history records in %.1f s (%.0f cases/s) into %s\n", cases,
              records, took, static_cast<double>(cases) / took,
              std::string(store.backend()).c_str());
  return 0;
}

int time_report(archive::ArchiveStore& store, const assessment::Period& month) {
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
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || (std::strcmp(argv[1], "load") != 0 && std::strcmp(argv[1], "report") != 0)) {
    std::cerr << "usage: assessment_bench load|report [--path FILE | --url URL] [--per-day N] "
                 "[--month YYYY-MM]\n";
    return 2;
  }
  archive::ArchiveLocation where{"/tmp/caseflow-assessment-bench.db", ""};
  int per_day = 30'000;
  std::string month_text = "2026-11";
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--path") where.path = argv[i + 1];
    if (flag == "--url") where.url = argv[i + 1];
    if (flag == "--per-day") per_day = std::atoi(argv[i + 1]);
    if (flag == "--month") month_text = argv[i + 1];
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
  return std::strcmp(argv[1], "load") == 0 ? load(**store, *month, per_day)
                                           : time_report(**store, *month);
}
