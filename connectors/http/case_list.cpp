#include "connectors/http/case_list.h"

#include <limits>

#include "connectors/http/query_params.h"
#include "engine/core/status.h"

namespace caseflow::http {

bool listed_before(Instant at_a, std::string_view id_a, Instant at_b, std::string_view id_b) {
  if (at_a != at_b) return at_a > at_b;
  return id_a > id_b;
}

Instant listed_time(const archive::CaseRow& row) {
  return row.reported_at ? *row.reported_at : Instant::from_unix_millis(0);
}

namespace {

// Every case status name, in the order of core::Status: the values ?status= can match.
std::vector<std::string_view> case_status_names() {
  std::vector<std::string_view> names;
  for (int s = 0; s < core::kStatusCount; ++s) {
    names.push_back(core::to_string(static_cast<core::Status>(s)));
  }
  return names;
}

std::optional<bool> read_flag(std::string_view v) {
  if (v == "true" || v == "1") return true;
  if (v == "false" || v == "0") return false;
  return std::nullopt;
}

// "parking@3" -> "parking".
std::string_view workflow_name(std::string_view id) { return id.substr(0, id.rfind('@')); }

}  // namespace

Result<CaseListQuery> parse_case_list_query(const FormFields& query, size_t max_list) {
  // stage, unit, workflow, category, grid, street and community are open sets (they come from the
  // workflow files and the city, and change with a reload, while running cases keep theirs): an
  // unknown value matches nothing. status and the flags are closed sets, so an unknown value is a
  // mistake and answers 400.
  if (auto problem = check_query_names(query, {{"status"},
                                               {"stage"},
                                               {"unit"},
                                               {"workflow"},
                                               {"category"},
                                               {"grid"},
                                               {"street"},
                                               {"community"},
                                               {"from"},
                                               {"to"},
                                               {"overdue"},
                                               {"breached"},
                                               {"open"},
                                               {"offset"},
                                               {"limit"}})) {
    return bad_query(*problem);
  }
  CaseListQuery q;
  if (auto v = first(query, "status")) {
    if (!core::parse_status(*v)) return bad_query(must_be_one_of("status", case_status_names()));
    q.status = *v;
  }
  q.stage = first(query, "stage");
  q.unit = first(query, "unit");
  q.workflow = first(query, "workflow");
  q.category = first(query, "category");
  q.grid = first(query, "grid");
  q.street = first(query, "street");
  q.community = first(query, "community");
  if (auto problem = read_time_range(query, q.from, q.to)) return bad_query(*problem);
  // overdue is the documented name; breached, its older spelling, means the same.
  for (const std::string_view name : {"overdue", "breached", "open"}) {
    auto v = first(query, name);
    if (!v) continue;
    auto flag = read_flag(*v);
    if (!flag) return bad_query(must_be_one_of(name, {"true", "false", "1", "0"}));
    (name == "open" ? q.open : q.overdue) |= *flag;
  }
  if (auto problem = read_paging(query, q.offset, q.limit)) return bad_query(*problem);
  q.limit = std::min(q.limit, max_list);
  return q;
}

core::CaseQuery engine_query(const CaseListQuery& q) {
  core::CaseQuery e;
  e.status = q.status;
  e.stage = q.stage;
  e.unit = q.unit;
  e.workflow = q.workflow;
  e.category = q.category;
  e.open_only = q.open;
  e.breached_only = q.overdue;
  e.offset = 0;
  e.limit = std::numeric_limits<size_t>::max();
  return e;
}

bool live_matches(const CaseListQuery& q, Instant reported_at, std::string_view grid,
                  std::string_view street, std::string_view community) {
  if (q.grid && grid != *q.grid) return false;
  if (q.street && street != *q.street) return false;
  if (q.community && community != *q.community) return false;
  if (q.from && reported_at < *q.from) return false;
  if (q.to && !(reported_at < *q.to)) return false;
  return true;
}

archive::CaseFilter archive_filter(const CaseListQuery& q) {
  archive::CaseFilter f;
  f.status = q.status;
  f.category = q.category;
  f.unit = q.unit;
  f.grid = q.grid;
  f.street = q.street;
  f.community = q.community;
  f.reported_from = q.from;
  f.reported_to = q.to;
  if (q.open) f.open = true;
  if (q.overdue) f.breached = true;
  return f;
}

std::function<bool(const archive::CaseRow&)> archive_post_filter(const CaseListQuery& q) {
  if (!q.workflow && !q.stage) return {};
  return [workflow = q.workflow, stage = q.stage](const archive::CaseRow& row) {
    if (workflow && (row.workflow.empty() || workflow_name(row.workflow) != *workflow)) {
      return false;
    }
    return !stage || row.stage == *stage;
  };
}

namespace {

constexpr size_t kIdsPerCount = 500;  // bound parameters per statement stay well under limits
constexpr size_t kRowsPerScan = 2'000;

bool is_held(const std::vector<std::string>& held, std::string_view id) {
  return std::binary_search(held.begin(), held.end(), id, std::less<>());
}

// How many rows match `filter` among the held ids.
Result<size_t> count_held(archive::ArchiveStore& store, const archive::CaseFilter& filter,
                          const std::vector<std::string>& held) {
  std::vector<std::string> candidates;
  if (filter.ids.empty()) {
    candidates = held;
  } else {
    for (const auto& id : filter.ids) {
      if (is_held(held, id)) candidates.push_back(id);
    }
  }
  size_t n = 0;
  for (size_t at = 0; at < candidates.size(); at += kIdsPerCount) {
    archive::CaseFilter chunk = filter;
    const size_t end = std::min(candidates.size(), at + kIdsPerCount);
    chunk.ids.assign(candidates.begin() + static_cast<std::ptrdiff_t>(at),
                     candidates.begin() + static_cast<std::ptrdiff_t>(end));
    auto counted = store.count(chunk);
    if (!counted) return counted.error();
    n += *counted;
  }
  return n;
}

caseflow::Status read_one(archive::ArchiveStore& store, archive::CaseFilter filter,
                          const std::vector<std::string>& held, size_t need,
                          const std::function<bool(const archive::CaseRow&)>& keep,
                          ArchivePart& out) {
  filter.offset = 0;
  if (keep) {
    size_t taken = 0;
    for (;;) {
      filter.limit = kRowsPerScan;
      auto rows = store.list(filter);
      if (!rows) return rows.error();
      for (auto& row : *rows) {
        if (is_held(held, row.id) || !keep(row)) continue;
        ++out.total;
        if (taken < need) {
          out.rows.push_back(std::move(row));
          ++taken;
        }
      }
      if (rows->size() < kRowsPerScan) return ok_status();
      filter.offset += kRowsPerScan;
    }
  }
  auto all = store.count(filter);
  if (!all) return all.error();
  auto held_matching = count_held(store, filter, held);
  if (!held_matching) return held_matching.error();
  out.total += *all - std::min(*all, *held_matching);
  // At most `held_matching` of the first need + held_matching rows are held.
  filter.limit = std::min(need, *all) + *held_matching;
  if (filter.limit == 0) return ok_status();
  auto rows = store.list(filter);
  if (!rows) return rows.error();
  size_t taken = 0;
  for (auto& row : *rows) {
    if (taken == need) break;
    if (is_held(held, row.id)) continue;
    out.rows.push_back(std::move(row));
    ++taken;
  }
  return ok_status();
}

}  // namespace

Result<ArchivePart> read_archive_part(archive::ArchiveStore& store,
                                      const std::vector<archive::CaseFilter>& filters,
                                      const std::vector<std::string>& held, size_t need,
                                      const std::function<bool(const archive::CaseRow&)>& keep) {
  ArchivePart out;
  for (const auto& filter : filters) {
    if (auto status = read_one(store, filter, held, need, keep, out); !status) {
      return status.error();
    }
  }
  std::stable_sort(out.rows.begin(), out.rows.end(), [](const auto& a, const auto& b) {
    return listed_before(listed_time(a), a.id, listed_time(b), b.id);
  });
  if (out.rows.size() > need) out.rows.resize(need);
  return out;
}

}  // namespace caseflow::http
