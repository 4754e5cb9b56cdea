// An ArchiveStore in memory, with the filter and order semantics of archive_store.h, for tests
// of the read side that need no database. It can be told to fail, as a database that went away.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "connectors/archive/archive_store.h"

namespace caseflow::testing {

class MemoryArchive : public archive::ArchiveStore {
 public:
  std::map<std::string, archive::CaseRow> cases;
  std::vector<archive::HistoryRow> rows;
  bool failing = false;
  size_t calls = 0;  // reads asked of it

  Status apply(const archive::Batch& batch) override {
    if (failing) return down();
    for (const auto& c : batch.cases) cases[c.id] = c;
    for (const auto& h : batch.history) rows.push_back(h);
    return ok_status();
  }
  Result<std::optional<archive::CaseRow>> find(std::string_view id) override {
    ++calls;
    if (failing) return down();
    auto it = cases.find(std::string(id));
    if (it == cases.end()) return std::optional<archive::CaseRow>();
    return std::optional<archive::CaseRow>(it->second);
  }
  Result<std::vector<archive::CaseRow>> list(const archive::CaseFilter& f) override {
    ++calls;
    if (failing) return down();
    auto all = matching(f);
    std::vector<archive::CaseRow> out;
    for (size_t i = f.offset; i < all.size() && out.size() < f.limit; ++i) out.push_back(all[i]);
    return out;
  }
  Result<size_t> count(const archive::CaseFilter& f) override {
    ++calls;
    if (failing) return down();
    return matching(f).size();
  }
  Result<std::vector<archive::HistoryRow>> history(std::string_view id) override {
    ++calls;
    if (failing) return down();
    std::vector<archive::HistoryRow> out;
    for (const auto& h : rows) {
      if (h.case_id == id) out.push_back(h);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
    return out;
  }
  Status set_partition_owner(std::string_view, int32_t, std::string_view, std::string_view,
                             Instant) override {
    return ok_status();
  }
  Result<std::optional<std::string>> partition_owner(std::string_view, int32_t) override {
    return std::optional<std::string>();
  }
  Result<std::vector<archive::DecisionRow>> decisions(const archive::DecisionFilter&) override {
    return std::vector<archive::DecisionRow>();  // no decisions here
  }
  caseflow::Status each_case_facts(Instant, Instant,
                                   const std::function<void(assessment::CaseFacts&&)>&) override {
    return ok_status();  // no facts here
  }
  caseflow::Result<std::vector<assessment::GridCounts>> grid_activity(
      Instant, Instant, std::span<const assessment::CityGrid>) override {
    return std::vector<assessment::GridCounts>{};  // no cases counted here
  }
  int schema_version() const override { return 1; }
  std::string_view backend() const override { return "memory"; }

 private:
  static Error down() { return Error{"archive_query", "the database is down"}; }

  static bool ended(const std::string& s) {
    return s == "closed" || s == "withdrawn" || s == "merged";
  }

  std::vector<archive::CaseRow> matching(const archive::CaseFilter& f) const {
    std::vector<archive::CaseRow> out;
    auto same = [](const std::optional<std::string>& want, const std::optional<std::string>& v) {
      return !want || (v && *v == *want);
    };
    for (const auto& [id, c] : cases) {
      if (!f.ids.empty() && std::find(f.ids.begin(), f.ids.end(), id) == f.ids.end()) continue;
      if (f.status && c.status != *f.status) continue;
      if (f.category && c.category != *f.category) continue;
      if (f.unit && c.unit != *f.unit) continue;
      if (!same(f.grid, c.grid) || !same(f.community, c.community) || !same(f.street, c.street) ||
          !same(f.district, c.district)) {
        continue;
      }
      if (f.reported_from && (!c.reported_at || *c.reported_at < *f.reported_from)) continue;
      if (f.reported_to && (!c.reported_at || !(*c.reported_at < *f.reported_to))) continue;
      if (f.open && *f.open == ended(c.status)) continue;
      if (f.breached && c.breached.value_or(false) != *f.breached) continue;
      out.push_back(c);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      const Instant ta = a.reported_at.value_or(Instant::from_unix_millis(0));
      const Instant tb = b.reported_at.value_or(Instant::from_unix_millis(0));
      if (ta != tb) return ta > tb;
      return a.id > b.id;
    });
    return out;
  }
};

}  // namespace caseflow::testing
