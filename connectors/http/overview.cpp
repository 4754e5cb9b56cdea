#include "connectors/http/overview.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "engine/core/case_state.h"
#include "engine/events/json_writer.h"
#include "engine/geo/grid_map.h"

namespace caseflow::http {

Alarm alarm_now(const core::CaseState& c, Instant now) {
  Alarm worst = Alarm::none;
  for (const core::Clock& k : c.clocks) {
    const bool counting = !k.paused();
    if (k.breached() || (counting && !(now < k.due))) return Alarm::breached;
    if (k.warned() || (counting && k.warn_at != Instant::max() && !(now < k.warn_at))) {
      worst = Alarm::warned;
    }
  }
  return worst;
}

void CaseCounts::add(Alarm alarm) {
  ++open;
  if (alarm == Alarm::warned) ++warned;
  if (alarm == Alarm::breached) ++breached;
}

namespace {

// The entry for `key`, made on first use; a lookup by string_view allocates nothing.
CaseCounts& counts_for(Overview::CountsByName& counts, std::string_view key) {
  auto it = counts.find(key);
  if (it == counts.end()) it = counts.emplace(std::string(key), CaseCounts{}).first;
  return it->second;
}

// The entries of `counts` by name.
std::vector<std::pair<std::string_view, const CaseCounts*>> in_name_order(
    const Overview::CountsByName& counts) {
  std::vector<std::pair<std::string_view, const CaseCounts*>> out;
  out.reserve(counts.size());
  for (const auto& [name, c] : counts) out.emplace_back(name, &c);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

void write_counts(events::JsonWriter& w, const CaseCounts& c) {
  w.field("open", static_cast<int64_t>(c.open));
  w.field("warned", static_cast<int64_t>(c.warned));
  w.field("breached", static_cast<int64_t>(c.breached));
}

}  // namespace

void Overview::count(std::string_view stage, std::string_view street, std::string_view grid,
                     Alarm alarm) {
  all.add(alarm);
  counts_for(by_stage, stage).add(alarm);
  if (!street.empty()) counts_for(by_street, street).add(alarm);
  if (grid.empty()) {
    ++unplaced;
  } else {
    counts_for(by_grid, grid).add(alarm);
  }
}

std::string overview_json(const Overview& o, Instant at, const geo::GridMap* city) {
  std::string out;
  out.reserve(256 + 24 * o.by_grid.size() + 96 * o.by_street.size());
  events::JsonWriter w(out);
  w.begin_object();
  w.key("at");
  w.time(at, Duration());
  w.field("scope", o.scope);
  write_counts(w, o.all);
  w.field("unplaced", static_cast<int64_t>(o.unplaced));
  w.key("by_stage");
  w.begin_array();
  for (const auto& [stage, counts] : in_name_order(o.by_stage)) {
    w.begin_object();
    w.field("stage", stage);
    write_counts(w, *counts);
    w.end_object();
  }
  w.end_array();
  w.key("by_street");
  w.begin_array();
  for (const auto& [street, counts] : in_name_order(o.by_street)) {
    w.begin_object();
    w.field("street", street);
    w.field("name", city ? city->name_of(definition::Level::street, street) : std::string_view());
    write_counts(w, *counts);
    w.end_object();
  }
  w.end_array();
  w.key("grid_columns");
  w.begin_array();
  for (const char* column : {"grid", "open", "warned", "breached"}) w.string(column);
  w.end_array();
  w.key("grids");
  w.begin_array();
  for (const auto& [grid, counts] : in_name_order(o.by_grid)) {
    w.begin_array();
    w.string(grid);
    w.number(static_cast<int64_t>(counts->open));
    w.number(static_cast<int64_t>(counts->warned));
    w.number(static_cast<int64_t>(counts->breached));
    w.end_array();
  }
  w.end_array();
  w.end_object();
  return out;
}

}  // namespace caseflow::http
