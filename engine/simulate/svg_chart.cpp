#include "engine/simulate/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/simulate/html_text.h"

namespace caseflow::simulate::svg {

namespace {

constexpr double kWidth = 640;

// A coordinate: one decimal is finer than a screen pixel.
std::string at(double v) { return html::fixed(v, 1); }

// A round top for an axis reaching `max`, and the step between its (about four) ticks.
struct Scale {
  double top = 1;
  double step = 0.25;
};
Scale nice_scale(double max) {
  if (!(max > 0) || !std::isfinite(max)) return {};
  const double rough = max / 4;
  const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= rough) break;
  }
  return {std::ceil(max / step - 1e-9) * step, step};
}

int tick_decimals(double step) { return step >= 1 ? 0 : step >= 0.1 ? 1 : 2; }

struct LegendEntry {
  std::string name, color;
  bool dashed = false;
};
std::string legend(const std::vector<LegendEntry>& entries) {
  std::string out = "<div class=\"legend\">";
  for (const auto& e : entries) {
    out += "<span><i style=\"background:" + html::escape(e.color) + "\"";
    if (e.dashed) out += " class=\"dashed\"";
    out += "></i>" + html::escape(e.name) + "</span>";
  }
  out += "</div>";
  return out;
}

std::vector<LegendEntry> runs_legend(bool has_b, const Colors& colors) {
  std::vector<LegendEntry> entries{{"A", colors.a}};
  if (has_b) entries.push_back({"B", colors.b});
  return entries;
}

std::string open_figure(std::string_view id, std::string_view title) {
  return "<figure id=\"" + html::escape(id) + "\"><figcaption>" + html::escape(title) +
         "</figcaption>";
}

std::string open_svg(double height, std::string_view title) {
  return "<svg viewBox=\"0 0 " + at(kWidth) + " " + at(height) + "\" role=\"img\" aria-label=\"" +
         html::escape(title) + "\">";
}

}  // namespace

double max_of(const std::vector<Series>& series) {
  double max = 0;
  for (const auto& s : series)
    for (double v : s.values) max = std::max(max, v);
  return max;
}

std::string line_chart(std::string_view id, std::string_view title,
                       const std::vector<std::string>& x_labels, const std::vector<Series>& series,
                       double y_max) {
  constexpr double kHeight = 220, kLeft = 56, kRight = 24, kTop = 10, kBottom = 30;
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  const Scale scale = nice_scale(y_max > 0 ? y_max : max_of(series));
  const size_t n = x_labels.size();
  auto x = [&](size_t i) { return kLeft + (n > 1 ? plot_w * i / (n - 1) : plot_w / 2); };
  auto y = [&](double v) { return kTop + plot_h - plot_h * v / scale.top; };

  std::vector<LegendEntry> entries;
  for (const auto& s : series) entries.push_back({s.name, s.color, s.dashed});
  std::string out = open_figure(id, title);
  out += legend(entries);
  out += open_svg(kHeight, title);

  // Grid lines and y ticks.
  const int decimals = tick_decimals(scale.step);
  for (int i = 0; scale.step * i <= scale.top + scale.step / 2; ++i) {
    const double v = scale.step * i;
    out += "<line class=\"grid\" x1=\"" + at(kLeft) + "\" x2=\"" + at(kWidth - kRight) +
           "\" y1=\"" + at(y(v)) + "\" y2=\"" + at(y(v)) + "\"/>";
    out += "<text class=\"tick\" x=\"" + at(kLeft - 6) + "\" y=\"" + at(y(v) + 4) +
           "\" text-anchor=\"end\">" + html::fixed(v, decimals) + "</text>";
  }
  // X labels: about ten, the last day always.
  const size_t every = std::max<size_t>(1, (n + 9) / 10);
  for (size_t i = 0; i < n; ++i) {
    // The last day is labelled too, unless it is too close to the label before it.
    const bool last = i + 1 == n && i % every >= (every + 1) / 2;
    if (i % every != 0 && !last) continue;
    const std::string& label = x_labels[i];
    out += "<text class=\"tick\" x=\"" + at(x(i)) + "\" y=\"" + at(kHeight - 10) +
           "\" text-anchor=\"middle\">" +
           html::escape(label.size() == 10 ? std::string_view(label).substr(5) : label) + "</text>";
  }
  // The series, each a polyline with a dot per day (the dot's title is its value).
  for (const auto& s : series) {
    const std::string color = html::escape(s.color);
    out += "<g class=\"series\" data-series=\"" + html::escape(s.name) + "\">";
    out += "<polyline fill=\"none\" stroke=\"" + color + "\" stroke-width=\"2\"";
    if (s.dashed) out += " stroke-dasharray=\"6 3\"";
    out += " points=\"";
    for (size_t i = 0; i < s.values.size() && i < n; ++i) {
      if (i) out += ' ';
      out += at(x(i)) + "," + at(y(s.values[i]));
    }
    out += "\"/>";
    for (size_t i = 0; i < s.values.size() && i < n; ++i) {
      out += "<circle cx=\"" + at(x(i)) + "\" cy=\"" + at(y(s.values[i])) + "\" r=\"2.5\" fill=\"" +
             color + "\"><title>" + html::escape(x_labels[i]) + " " + html::escape(s.name) + ": " +
             html::exact(s.values[i]) + "</title></circle>";
    }
    out += "</g>";
  }
  out += "</svg></figure>";
  return out;
}

std::string bar_chart(std::string_view id, std::string_view title, std::string_view key_attribute,
                      const std::vector<BarRow>& rows, double max, const Colors& colors) {
  const bool has_b = std::any_of(rows.begin(), rows.end(), [](const auto& r) { return r.b; });
  constexpr double kLeft = 120, kRight = 80, kTop = 6, kBar = 11, kGap = 2, kRowGap = 8;
  const double plot_w = kWidth - kLeft - kRight;
  const double row_h = (has_b ? 2 * kBar + kGap : kBar) + kRowGap;
  const double height = kTop + row_h * static_cast<double>(rows.size()) + kTop;
  const double top = max > 0 ? max : 1;
  auto length = [&](double v) { return std::clamp(v / top, 0.0, 1.0) * plot_w; };

  std::string out = open_figure(id, title);
  out += legend(runs_legend(has_b, colors));
  out += open_svg(height, title);
  for (size_t i = 0; i < rows.size(); ++i) {
    const BarRow& r = rows[i];
    const double y0 = kTop + row_h * static_cast<double>(i);
    out += "<g class=\"bar\" data-" + html::escape(key_attribute) + "=\"" + html::escape(r.key) +
           "\" data-a=\"" + html::exact(r.a) + "\"";
    if (r.b) out += " data-b=\"" + html::exact(*r.b) + "\"";
    out += ">";
    const double label_y = y0 + (has_b ? kBar + kGap / 2 : kBar / 2) + 4;
    out += "<text class=\"label\" x=\"" + at(kLeft - 8) + "\" y=\"" + at(label_y) +
           "\" text-anchor=\"end\">" + html::escape(r.label) + "</text>";
    auto bar = [&](double y, double v, const std::string& text, const std::string& diff,
                   const std::string& color, std::string_view run) {
      out += "<rect class=\"" + std::string(run) + "\" x=\"" + at(kLeft) + "\" y=\"" + at(y) +
             "\" width=\"" + at(length(v)) + "\" height=\"" + at(kBar) + "\" fill=\"" +
             html::escape(color) + "\"><title>" + html::escape(r.label) + " " + std::string(run) +
             ": " + html::escape(text) + "</title></rect>";
      out += "<text class=\"value\" x=\"" + at(kLeft + length(v) + 4) + "\" y=\"" +
             at(y + kBar - 2) + "\">" + html::escape(text);
      if (!diff.empty()) out += " <tspan class=\"d\">" + html::escape(diff) + "</tspan>";
      out += "</text>";
    };
    bar(y0, r.a, r.a_text, "", colors.a, "A");
    if (r.b) bar(y0 + kBar + kGap, *r.b, r.b_text, r.diff_text, colors.b, "B");
    out += "</g>";
  }
  out += "</svg></figure>";
  return out;
}

std::string column_chart(std::string_view id, std::string_view title,
                         const std::vector<Column>& columns, const Colors& colors) {
  const bool has_b = std::any_of(columns.begin(), columns.end(), [](const auto& c) { return c.b; });
  constexpr double kHeight = 220, kLeft = 56, kRight = 12, kTop = 18, kBottom = 30;
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  double max = 0;
  for (const auto& c : columns) max = std::max({max, c.a, c.b.value_or(0)});
  const Scale scale = nice_scale(max);
  auto y = [&](double v) { return kTop + plot_h - plot_h * v / scale.top; };
  const double group_w = columns.empty() ? plot_w : plot_w / static_cast<double>(columns.size());
  const double bar_w = group_w * (has_b ? 0.34 : 0.6);

  std::string out = open_figure(id, title);
  out += legend(runs_legend(has_b, colors));
  out += open_svg(kHeight, title);
  const int decimals = tick_decimals(scale.step);
  for (int i = 0; scale.step * i <= scale.top + scale.step / 2; ++i) {
    const double v = scale.step * i;
    out += "<line class=\"grid\" x1=\"" + at(kLeft) + "\" x2=\"" + at(kWidth - kRight) +
           "\" y1=\"" + at(y(v)) + "\" y2=\"" + at(y(v)) + "\"/>";
    out += "<text class=\"tick\" x=\"" + at(kLeft - 6) + "\" y=\"" + at(y(v) + 4) +
           "\" text-anchor=\"end\">" + html::fixed(v, decimals) + "</text>";
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    const Column& c = columns[i];
    const double center = kLeft + group_w * (static_cast<double>(i) + 0.5);
    out += "<g class=\"column\" data-bucket=\"" + html::escape(c.label) + "\" data-a=\"" +
           html::exact(c.a) + "\"";
    if (c.b) out += " data-b=\"" + html::exact(*c.b) + "\"";
    out += ">";
    auto column = [&](double x, double v, const std::string& color, std::string_view run) {
      out += "<rect x=\"" + at(x) + "\" y=\"" + at(y(v)) + "\" width=\"" + at(bar_w) +
             "\" height=\"" + at(kTop + plot_h - y(v)) + "\" fill=\"" + html::escape(color) +
             "\"><title>" + html::escape(c.label) + " " + std::string(run) + ": " + html::exact(v) +
             "</title></rect>";
      out += "<text class=\"value\" x=\"" + at(x + bar_w / 2) + "\" y=\"" + at(y(v) - 4) +
             "\" text-anchor=\"middle\">" + html::exact(v) + "</text>";
    };
    if (c.b) {
      column(center - bar_w - 1, c.a, colors.a, "A");
      column(center + 1, *c.b, colors.b, "B");
    } else {
      column(center - bar_w / 2, c.a, colors.a, "A");
    }
    out += "<text class=\"tick\" x=\"" + at(center) + "\" y=\"" + at(kHeight - 10) +
           "\" text-anchor=\"middle\">" + html::escape(c.label) + "</text></g>";
  }
  out += "</svg></figure>";
  return out;
}

}  // namespace caseflow::simulate::svg
