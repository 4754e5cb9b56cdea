// archive_bench ingest|query [--path FILE | --url URL] [--cases N] [--writers N]
//
// ingest: case updates per second through ArchiveStore::apply() in the writer's batches (2,000
//   records, each one case row and one history row; ~8 updates per case, a case's first update
//   carrying the report). Cases are interleaved as a live city's are: 4,000 cases in flight, so
//   a batch touches 2,000 different cases and folding saves nothing (the hard case). --writers N
//   splits the cases between N connections writing at once, as N archive writers in one
//   consumer group split the partitions (PostgreSQL; SQLite has one writer at a time).
// query: bulk-loads N cases (default 2,000,000) over 100 streets x 12 months, one transaction per
//   batch, then times find(id) for random ids, one street's month (list, limit 100, and count),
//   and one unit's open cases. A file that already holds N cases is reused as it is.
// Figures only: medians and tails of single calls on this machine, never pass/fail.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "bench/common/measure.h"
#include "connectors/archive/archive_store.h"

namespace caseflow::archive {
namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kBatchRecords = 2000;
constexpr size_t kUpdatesPerCase = 8;
constexpr size_t kInFlight = 4000;
constexpr int kStreets = 100;
constexpr int kMonths = 12;
// 2026-01-01T00:00:00Z; months are taken as 30 days, which is all the distribution needs.
constexpr Instant kYearStart = Instant::from_unix_seconds(1'767'225'600);
constexpr Duration kMonth = Duration::days(30);

const char* const kStatuses[] = {"dispatched", "signed", "in_progress", "resolved", "closed"};

struct Options {
  std::string mode;
  ArchiveLocation where;
  size_t cases = 0;
  size_t writers = 1;  // ingest: connections writing at once, each its own share of the cases
};

double millis_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

void print_latency(const char* label, const std::vector<double>& ms) {
  std::printf("%-34s p50 %8.3f ms  p99 %8.3f ms  max %8.3f ms  (n=%zu)\n", label,
              percentile(ms, 0.5), percentile(ms, 0.99), percentile(ms, 1.0), ms.size());
}

std::string case_id(size_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "case-%09zu", n);
  return buf;
}

std::string street_of(size_t n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "S%03zu", n % kStreets);
  return buf;
}

// Case `n` as its `update`-th record says it (1-based); the first carries the report.
CaseRow case_update(size_t n, uint64_t update, Instant reported) {
  CaseRow row;
  row.id = case_id(n);
  row.seq = update * 3;  // sequences are per case and have gaps (other outputs in between)
  row.status = kStatuses[std::min<size_t>(update / 2, 4)];
  row.workflow = "parking@1";
  row.stage = update < 5 ? "grid" : "street";
  const std::string street = street_of(n);
  row.unit = update < 5 ? "grid:G" + std::to_string(n % 5000) : "street:" + street;
  row.category = n % 3 == 0 ? "noise.night" : "parking.illegal";
  row.urgency = "normal";
  row.updated_at = reported + Duration::hours(static_cast<int64_t>(update));
  if (update == 1) {
    row.request_type = "complaint";
    row.grid = "G" + std::to_string(n % 5000);
    row.community = "C" + std::to_string(n % 1000);
    row.street = street;
    row.district = "D" + std::to_string(n % 10);
    row.reported_at = reported;
    row.description = "Cars parked on the pavement outside number " + std::to_string(n % 200) +
                      " every evening; call 138****0000";
    row.channel = "hotline";
    row.reporter = "138****0000";
    row.address = std::to_string(n % 200) + " Long Street";
    row.lat = 31.2 + static_cast<double>(n % 1000) / 10000;
    row.lon = 121.4 + static_cast<double>(n % 997) / 10000;
  }
  if (update == kUpdatesPerCase) {
    row.closed_at = row.updated_at;
    row.outcome = "rated";
  }
  return row;
}

HistoryRow history_of(const CaseRow& row) {
  return HistoryRow{.case_id = row.id,
                    .seq = row.seq,
                    .at = row.updated_at,
                    .type = row.seq == kUpdatesPerCase * 3 ? "closed" : "updated",
                    .what = "status",
                    .stage = row.stage,
                    .unit = row.unit};
}

std::uintmax_t file_bytes(const std::string& path) {
  std::uintmax_t total = 0;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ec;
    const auto n = std::filesystem::file_size(path + suffix, ec);
    if (!ec) total += n;
  }
  return total;
}

void print_size(const Options& o, size_t cases) {
  if (!o.where.url.empty()) return;
  const double mib = static_cast<double>(file_bytes(o.where.path)) / (1024.0 * 1024.0);
  std::printf("file %s: %.1f MiB for %zu cases (%.0f bytes a case)\n", o.where.path.c_str(), mib,
              cases, mib * 1024 * 1024 / static_cast<double>(std::max<size_t>(cases, 1)));
}

// One writer's share of the ingest: the cases n with n % writers == writer, as the partitions of
// a consumer group split them between writers. Returns the updates written, or 0 on an error.
size_t ingest_share(ArchiveStore& store, size_t writer, size_t writers, size_t cases,
                    std::vector<double>& batch_ms) {
  const size_t mine = (cases - writer + writers - 1) / writers;
  const size_t records = mine * kUpdatesPerCase;
  // slot s holds case current[s] at update progress[s]; k counts this writer's cases started.
  std::vector<size_t> current(std::min(kInFlight, mine)), progress(current.size(), 0);
  size_t next = 0;
  for (auto& c : current) c = writer + writers * next++;
  size_t written = 0, slot = 0;
  Batch batch;
  while (written < records) {
    batch.cases.clear();
    batch.history.clear();
    while (batch.history.size() < kBatchRecords && written < records) {
      const size_t n = current[slot];
      const uint64_t update = ++progress[slot];
      const Instant reported = kYearStart + Duration::minutes(static_cast<int64_t>(n));
      CaseRow row = case_update(n, update, reported);
      batch.history.push_back(history_of(row));
      batch.cases.push_back(std::move(row));
      ++written;
      if (update == kUpdatesPerCase) {
        current[slot] = writer + writers * next++;
        progress[slot] = 0;
      }
      slot = (slot + 1) % current.size();
    }
    const auto t0 = Clock::now();
    auto s = store.apply(batch);
    batch_ms.push_back(millis_since(t0));
    if (!s) {
      std::fprintf(stderr, "apply (writer %zu): %s\n", writer, s.error().message.c_str());
      return 0;
    }
  }
  return written;
}

int ingest(ArchiveStore& store, const Options& o) {
  const size_t cases = o.cases ? o.cases : 50'000;
  const size_t writers = std::clamp<size_t>(o.writers, 1, 64);
  std::printf(
      "ingest: %zu cases x %zu updates = %zu records, batches of %zu, %zu in flight, "
      "%zu writer(s)\n",
      cases, kUpdatesPerCase, cases * kUpdatesPerCase, kBatchRecords, kInFlight, writers);
  // Each further writer has a connection of its own, as another `caseflow archive` would.
  std::vector<ArchiveStorePtr> more;
  for (size_t w = 1; w < writers; ++w) {
    auto opened = open_archive(o.where);
    if (!opened) {
      std::fprintf(stderr, "%s\n", opened.error().message.c_str());
      return 1;
    }
    more.push_back(std::move(*opened));
  }
  std::vector<std::vector<double>> batch_ms(writers);
  std::vector<size_t> written(writers, 0);
  bench::Stopwatch watch(bench::CpuScope::process);
  watch.start();
  {
    std::vector<std::jthread> threads;
    for (size_t w = 1; w < writers; ++w) {
      threads.emplace_back(
          [&, w] { written[w] = ingest_share(*more[w - 1], w, writers, cases, batch_ms[w]); });
    }
    written[0] = ingest_share(store, 0, writers, cases, batch_ms[0]);
  }
  watch.stop();
  size_t total = 0;
  std::vector<double> all_ms;
  for (size_t w = 0; w < writers; ++w) {
    if (written[w] == 0) return 1;
    total += written[w];
    all_ms.insert(all_ms.end(), batch_ms[w].begin(), batch_ms[w].end());
  }
  std::printf("ingest: %zu updates in %.2f s = %.0f updates/s (cpu %.2f s = %.0f updates/s)\n",
              total, watch.wall_seconds(), static_cast<double>(total) / watch.wall_seconds(),
              watch.cpu_seconds(), static_cast<double>(total) / watch.cpu_seconds());
  print_latency("ingest: one batch of 2,000", all_ms);
  print_size(o, cases);
  return 0;
}

CaseRow loaded_case(size_t n, std::mt19937_64& rng) {
  // Spread over the year uniformly; the last month's cases are mostly still open.
  const auto at_ms = static_cast<int64_t>(rng() % static_cast<uint64_t>(kMonth.millis() * kMonths));
  const Instant reported = kYearStart + Duration::millis(at_ms);
  const bool recent = at_ms > kMonth.millis() * (kMonths - 1);
  const uint64_t update = recent ? 1 + rng() % (kUpdatesPerCase - 1) : kUpdatesPerCase;
  CaseRow row = case_update(n, 1, reported);
  const CaseRow last = case_update(n, update, reported);
  row.seq = last.seq;
  row.status = last.status;
  row.stage = last.stage;
  row.unit = last.unit;
  row.updated_at = last.updated_at;
  row.closed_at = last.closed_at;
  row.outcome = last.outcome;
  row.breached = rng() % 10 == 0;
  return row;
}

int query(ArchiveStore& store, const Options& o) {
  const size_t cases = o.cases ? o.cases : 2'000'000;
  auto have = store.count(CaseFilter{});
  if (!have) {
    std::fprintf(stderr, "count: %s\n", have.error().message.c_str());
    return 1;
  }
  std::mt19937_64 rng(42);
  if (*have >= cases) {
    std::printf("query: reusing %zu cases already in the archive\n", *have);
  } else {
    std::printf("query: loading %zu cases (from %zu), %zu a transaction\n", cases, *have,
                kBatchRecords * 5);
    const auto t0 = Clock::now();
    Batch batch;
    for (size_t n = *have; n < cases;) {
      batch.cases.clear();
      for (; n < cases && batch.cases.size() < kBatchRecords * 5; ++n) {
        batch.cases.push_back(loaded_case(n, rng));
      }
      if (auto s = store.apply(batch); !s) {
        std::fprintf(stderr, "apply: %s\n", s.error().message.c_str());
        return 1;
      }
    }
    const double s = millis_since(t0) / 1000;
    std::printf("query: loaded in %.1f s = %.0f cases/s\n", s,
                static_cast<double>(cases - *have) / s);
  }
  print_size(o, std::max(cases, *have));
  const size_t total = std::max(cases, *have);

  std::vector<double> find_ms, list_ms, count_ms, open_ms;
  size_t listed = 0, counted = 0, open_rows = 0;
  for (int i = 0; i < 20'000; ++i) {
    const auto id = case_id(rng() % total);
    const auto t0 = Clock::now();
    auto found = store.find(id);
    find_ms.push_back(millis_since(t0));
    if (!found || !found->has_value()) {
      std::fprintf(stderr, "find %s: not found\n", id.c_str());
      return 1;
    }
  }
  for (int i = 0; i < 1000; ++i) {
    CaseFilter month;
    month.street = street_of(rng() % kStreets);
    const auto m = static_cast<int64_t>(rng() % kMonths);
    month.reported_from = kYearStart + kMonth * m;
    month.reported_to = kYearStart + kMonth * (m + 1);
    month.limit = 100;
    auto t0 = Clock::now();
    auto rows = store.list(month);
    list_ms.push_back(millis_since(t0));
    t0 = Clock::now();
    auto n = store.count(month);
    count_ms.push_back(millis_since(t0));
    if (!rows || !n) return 1;
    listed += rows->size();
    counted += *n;

    CaseFilter work;
    work.unit = "street:" + street_of(rng() % kStreets);
    work.open = true;
    work.limit = 100;
    t0 = Clock::now();
    auto open = store.list(work);
    open_ms.push_back(millis_since(t0));
    if (!open) return 1;
    open_rows += open->size();
  }
  print_latency("find(id), random ids", find_ms);
  print_latency("list: a street's month, limit 100", list_ms);
  print_latency("count: a street's month", count_ms);
  print_latency("list: a unit's open cases, 100", open_ms);
  std::printf("a street's month: %.0f cases on average (%.0f listed); a unit's open page: %.0f\n",
              static_cast<double>(counted) / 1000, static_cast<double>(listed) / 1000,
              static_cast<double>(open_rows) / 1000);
  return 0;
}

int usage() {
  std::fprintf(
      stderr,
      "usage: archive_bench ingest|query [--path FILE | --url URL] [--cases N] [--writers N]\n");
  return 2;
}

}  // namespace
}  // namespace caseflow::archive

int main(int argc, char** argv) {
  using namespace caseflow::archive;
  setvbuf(stdout, nullptr, _IOLBF, 0);
  if (argc < 2) return usage();
  Options o;
  o.mode = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    if (flag == "--path") {
      o.where.path = argv[i + 1];
    } else if (flag == "--url") {
      o.where.url = argv[i + 1];
    } else if (flag == "--cases") {
      o.cases = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (flag == "--writers") {
      o.writers = std::strtoull(argv[i + 1], nullptr, 10);
    } else {
      return usage();
    }
  }
  if (o.mode != "ingest" && o.mode != "query") return usage();
  if (o.where.path.empty() && o.where.url.empty()) {
    o.where.path = "/tmp/caseflow-archive-bench-" + std::to_string(getpid()) + ".db";
  }
  auto store = open_archive(o.where);
  if (!store) {
    std::fprintf(stderr, "%s: %s\n", store.error().code.c_str(), store.error().message.c_str());
    return 1;
  }
  std::printf("archive_bench %s on %s (schema v%d)\n", o.mode.c_str(),
              std::string((*store)->backend()).c_str(), (*store)->schema_version());
  return o.mode == "ingest" ? ingest(**store, o) : query(**store, o);
}
