// The terminal table: one line per unit or street, columns padded to the widest cell so the
// figures line up whatever the ids' lengths.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "connectors/report/assessment_formats.h"
#include "engine/simulate/html_text.h"

namespace caseflow::report {
namespace {

namespace text = simulate::html;

std::string rate_cell(const assessment::Rate& rate) {
  const auto v = rate.value();
  if (!v) return "-";
  return text::percent(*v) + " (" + std::to_string(rate.denominator) + ")";
}

constexpr size_t kColumns = 9;
using Line = std::array<std::string, kColumns>;

}  // namespace

std::string assessment_table(const assessment::Report& report) {
  const bool by_unit = report.by == assessment::By::unit;
  std::vector<Line> lines;
  lines.push_back({"rank", by_unit ? "unit" : "street", "response", "resolution", "satisfaction",
                   "score", "unrated", "exempted", "invalid"});
  size_t rank = 0;
  for (const auto& row : report.rows) {
    lines.push_back({std::to_string(++rank), row.key.empty() ? "(none)" : row.key,
                     rate_cell(row.response), rate_cell(row.resolution),
                     rate_cell(row.satisfaction), row.score ? text::fixed(*row.score, 1) : "-",
                     std::to_string(row.unrated), std::to_string(row.exempted),
                     std::to_string(row.invalid)});
  }
  std::array<size_t, kColumns> width{};
  for (const auto& line : lines) {
    for (size_t c = 0; c < kColumns; ++c) width[c] = std::max(width[c], line[c].size());
  }
  std::string out = "assessment " + report.period.label + " by " + (by_unit ? "unit" : "street") +
                    ": " + std::to_string(report.cases) + " cases, " +
                    std::to_string(report.answered_at_intake) +
                    " answered at intake; rates in % (cases assessed)\n";
  for (const auto& line : lines) {
    std::string printed;
    for (size_t c = 0; c < kColumns; ++c) {
      if (c > 0) printed += "  ";
      const std::string pad(width[c] - line[c].size(), ' ');
      // The key reads left to right; figures are right-aligned so their digits line up.
      printed += c == 1 ? line[c] + pad : pad + line[c];
    }
    while (!printed.empty() && printed.back() == ' ') printed.pop_back();
    out += printed + "\n";
  }
  if (report.rows.empty()) out += "(no case has an assessment fact in this period)\n";
  return out;
}

}  // namespace caseflow::report
