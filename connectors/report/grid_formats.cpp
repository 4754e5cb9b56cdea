// The grid report as a terminal table, CSV and JSON (grid_formats.h).
#include "connectors/report/grid_formats.h"

#include <algorithm>
#include <array>
#include <boost/json/array.hpp>
#include <cmath>
#include <string_view>
#include <vector>

#include "connectors/report/csv_text.h"
#include "engine/simulate/html_text.h"
#include "engine/time/rfc3339.h"

namespace caseflow::report {
namespace {

namespace json = boost::json;
namespace text = simulate::html;

// A time for a reader: "45s", "12m", "3.5h", "2.1d"; "-" when no case reached it.
std::string grid_span_cell(const std::optional<double>& seconds) {
  if (!seconds) return "-";
  const double s = *seconds;
  if (s < 60) return text::fixed(std::round(s), 0) + "s";
  if (s < 3600) return text::fixed(std::round(s / 60), 0) + "m";
  if (s < 86400) return text::fixed(s / 3600, 1) + "h";
  return text::fixed(s / 86400, 1) + "d";
}

json::value grid_optional_number(const std::optional<double>& v) {
  if (!v) return nullptr;
  return *v;
}

json::object grid_durations_json(const assessment::Durations& d) {
  return {{"count", d.count},
          {"median_s", grid_optional_number(d.median)},
          {"mean_s", grid_optional_number(d.mean)}};
}

constexpr size_t kGridColumns = 8;
using GridTableLine = std::array<std::string, kGridColumns>;

// Columns padded to the widest cell; the grid and its street read left to right, figures are
// right-aligned so their digits line up.
std::string grid_aligned(const std::vector<GridTableLine>& lines) {
  std::array<size_t, kGridColumns> width{};
  for (const auto& line : lines) {
    for (size_t c = 0; c < kGridColumns; ++c) width[c] = std::max(width[c], line[c].size());
  }
  std::string out;
  for (const auto& line : lines) {
    std::string printed;
    for (size_t c = 0; c < kGridColumns; ++c) {
      if (c > 0) printed += "  ";
      const std::string pad(width[c] - line[c].size(), ' ');
      printed += c == 1 || c == 2 ? line[c] + pad : pad + line[c];
    }
    while (!printed.empty() && printed.back() == ' ') printed.pop_back();
    out += printed + "\n";
  }
  return out;
}

std::string grid_summary_line(const assessment::GridActivity& a) {
  std::string out = "grids " + a.period.label + ": " + std::to_string(a.grids) + " grids, " +
                    std::to_string(a.patrol) + " patrol reports, " + std::to_string(a.resident) +
                    " resident reports, " + std::to_string(a.other_workers) +
                    " by another grid's worker; idle (no patrol report): " + std::to_string(a.idle);
  if (a.idle_share) out += " (" + text::percent(*a.idle_share) + ")";
  return out + "\n";
}

}  // namespace

std::string grid_table(const assessment::GridActivity& a) {
  std::string out = grid_summary_line(a);
  if (a.unknown_grids > 0) {
    out += std::to_string(a.unknown_grids) +
           " grid(s) with cases are not in the city's boundaries: listed last, unranked\n";
  }
  if (!a.idle_lines.empty()) {
    const size_t shown = std::min(a.idle_lines.size(), kIdleGridsInTable);
    out += "\nidle grids, most resident reports first";
    if (shown < a.idle_lines.size()) {
      out += " (the first " + std::to_string(shown) + " of " + std::to_string(a.idle_lines.size()) +
             "; --format csv or json lists them all)";
    }
    out += ":\n";
    for (size_t i = 0; i < shown; ++i) {
      const assessment::GridLine& line = a.lines[a.idle_lines[i]];
      out += "  " + line.grid.id + "  street " +
             (line.grid.street.empty() ? "-" : line.grid.street) + "  " +
             std::to_string(line.counts.resident) + " resident reports\n";
    }
  }
  std::vector<GridTableLine> lines;
  lines.push_back(
      {"rank", "grid", "street", "patrol", "resident", "others", "response", "resolution"});
  for (const assessment::GridLine& line : a.lines) {
    lines.push_back({line.rank > 0 ? std::to_string(line.rank) : "-",
                     line.grid.id + (line.idle ? " (idle)" : ""),
                     line.grid.street.empty() ? "-" : line.grid.street,
                     std::to_string(line.counts.patrol), std::to_string(line.counts.resident),
                     std::to_string(line.counts.other_workers),
                     grid_span_cell(line.counts.response.median),
                     grid_span_cell(line.counts.resolution.median)});
  }
  out += "\nper grid (response and resolution: median over the resident reports):\n";
  out += grid_aligned(lines);
  if (a.lines.empty()) out += "(no grid: the city's boundaries list none and no case is placed)\n";
  return out;
}

std::string grid_csv(const assessment::GridActivity& a) {
  std::string out =
      "period,rank,grid,name,community,street,district,unit,patrol,resident,other_workers,idle,"
      "responded,response_median_s,response_mean_s,resolved,resolution_median_s,"
      "resolution_mean_s\r\n";
  for (const assessment::GridLine& line : a.lines) {
    const assessment::GridCounts& c = line.counts;
    out += csv_field(a.period.label) + "," +
           (line.rank > 0 ? std::to_string(line.rank) : std::string()) + "," +
           csv_field(line.grid.id) + "," + csv_field(line.grid.name) + "," +
           csv_field(line.grid.community) + "," + csv_field(line.grid.street) + "," +
           csv_field(line.grid.district) + "," + csv_field(line.grid.unit) + ",";
    out += std::to_string(c.patrol) + "," + std::to_string(c.resident) + "," +
           std::to_string(c.other_workers) + "," + (line.idle ? "1" : "0") + ",";
    out += std::to_string(c.response.count) + "," + csv_number(c.response.median) + "," +
           csv_number(c.response.mean) + "," + std::to_string(c.resolution.count) + "," +
           csv_number(c.resolution.median) + "," + csv_number(c.resolution.mean) + "\r\n";
  }
  return out;
}

json::object grid_json(const assessment::GridActivity& a) {
  json::array rows;
  rows.reserve(a.lines.size());
  for (const assessment::GridLine& line : a.lines) {
    rows.push_back(json::object{{"rank", line.rank > 0 ? json::value(line.rank) : nullptr},
                                {"grid", line.grid.id},
                                {"name", line.grid.name},
                                {"community", line.grid.community},
                                {"street", line.grid.street},
                                {"district", line.grid.district},
                                {"unit", line.grid.unit},
                                {"patrol", line.counts.patrol},
                                {"resident", line.counts.resident},
                                {"other_workers", line.counts.other_workers},
                                {"idle", line.idle},
                                {"response", grid_durations_json(line.counts.response)},
                                {"resolution", grid_durations_json(line.counts.resolution)}});
  }
  json::array idle;
  idle.reserve(a.idle_lines.size());
  for (size_t i : a.idle_lines) {
    const assessment::GridLine& line = a.lines[i];
    idle.push_back(json::object{{"grid", line.grid.id},
                                {"community", line.grid.community},
                                {"street", line.grid.street},
                                {"resident", line.counts.resident},
                                {"other_workers", line.counts.other_workers}});
  }
  return {{"period",
           {{"label", a.period.label},
            {"from", format_rfc3339_utc(a.period.from)},
            {"to", format_rfc3339_utc(a.period.to)}}},
          {"by", "grid"},
          {"summary",
           {{"grids", a.grids},
            {"patrol", a.patrol},
            {"resident", a.resident},
            {"other_workers", a.other_workers},
            {"idle", a.idle},
            {"idle_share", grid_optional_number(a.idle_share)},
            {"unknown_grids", a.unknown_grids}}},
          {"idle", std::move(idle)},
          {"rows", std::move(rows)}};
}

}  // namespace caseflow::report
