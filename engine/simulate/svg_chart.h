// The inline SVG charts of the HTML report: line charts over the simulated days, horizontal bars
// comparing A and B per street, and columns for the distribution of time to resolve. Each returns
// one <figure> (caption, legend, <svg>): no script, no external reference, every text escaped,
// coordinates printed with one decimal so the bytes depend only on the values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow::simulate::svg {

struct Series {
  std::string name;  // legend text
  std::vector<double> values;
  std::string color;  // a CSS colour
  bool dashed = false;
};

// One point per x label (dates "2026-11-01", shown as "11-01"). `y_max` 0 takes the top from
// the data; charts meant to be compared side by side pass the same one.
std::string line_chart(std::string_view id, std::string_view title,
                       const std::vector<std::string>& x_labels, const std::vector<Series>& series,
                       double y_max = 0);

// The largest value of the series (for a shared y_max).
double max_of(const std::vector<Series>& series);

// One row of a bar chart: the A value, and the B value when there is a B run. The row is a
// <g class="bar" data-KEY="key" data-a="a" data-b="b"> (data-* values exact, html_text.h), so a
// test or a script can read the figures without parsing the drawing.
struct BarRow {
  std::string key;
  std::string label;  // at the left of the bars
  double a = 0;
  std::optional<double> b;
  std::string a_text, b_text;  // beside the bars ("93.4", "12")
  std::string diff_text;       // after b_text, as <tspan class="d"> ("+1.2"); may be empty
};

struct Colors {
  std::string a = "#2563eb";
  std::string b = "#ea580c";
};

// Rows in the given order; bars scale to `max` (> 0).
std::string bar_chart(std::string_view id, std::string_view title, std::string_view key_attribute,
                      const std::vector<BarRow>& rows, double max, const Colors& colors = {});

struct Column {
  std::string label;
  double a = 0;
  std::optional<double> b;
};

// Vertical columns, A and B side by side in each group.
std::string column_chart(std::string_view id, std::string_view title,
                         const std::vector<Column>& columns, const Colors& colors = {});

}  // namespace caseflow::simulate::svg
