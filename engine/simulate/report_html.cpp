// report_html: the Figures of a run as one self-contained HTML page for the people who run a
// street office: the month in a few numbers, then per day, per street, the units falling behind,
// and how long cases take. With a B run every figure shows A, B and B - A, coloured by whether
// the change is good for residents. Inline CSS and SVG only: no script, nothing from the network,
// so the file can be mailed or opened offline; every text from the input is escaped.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/simulate/html_text.h"
#include "engine/simulate/report.h"
#include "engine/simulate/svg_chart.h"

namespace caseflow::simulate {

namespace {

using html::escape;

// How a figure is shown, and how its difference is.
enum class Kind { count, rate, score, hours };
// Which way a change is good for residents: colours the difference.
enum class Better { higher, lower, neither };

// The levels of figures.h's *_by_level vectors, in their order.
struct LevelName {
  std::string_view zh, en, color;
};
constexpr LevelName kLevelLabels[] = {
    {"网格", "Grid", "#2563eb"},       {"社区", "Community", "#16a34a"},
    {"街道", "Street", "#ea580c"},     {"区", "District", "#9333ea"},
    {"部门", "Department", "#0891b2"}, {"派单队列", "Dispatcher", "#64748b"}};
// Bars drawn per street chart: the rest are in the table under it.
constexpr size_t kStreetBars = 20;

std::string level_name(size_t i) {
  if (i >= std::size(kLevelLabels)) return "#" + std::to_string(i);
  return std::string(kLevelLabels[i].zh) + " " + std::string(kLevelLabels[i].en);
}

std::string level_color(size_t i) {
  return std::string(i < std::size(kLevelLabels) ? kLevelLabels[i].color : "#334155");
}

std::string show(Kind kind, double v) {
  switch (kind) {
    case Kind::count:
      return html::count(v > 0 ? static_cast<uint64_t>(std::llround(v)) : 0);
    case Kind::rate:
      return html::percent(v);
    case Kind::score:
      return html::fixed(v, 1);
    case Kind::hours:
      return html::fixed(v, 1) + " h";
  }
  return {};
}

std::string show_diff(Kind kind, double d) {
  switch (kind) {
    case Kind::count:
      return html::signed_diff(d, 0);
    case Kind::rate:
      return html::signed_diff(100 * d, 1, " pp");
    case Kind::score:
      return html::signed_diff(d, 1);
    case Kind::hours:
      return html::signed_diff(d, 1, " h");
  }
  return {};
}

// The difference cell: class "d", and "good" / "bad" when it shows a change.
std::string diff_cell(Kind kind, Better better, double d) {
  const std::string text = show_diff(kind, d);
  std::string cls = "d";
  if (text != "0" && better != Better::neither) {
    const bool up = d > 0;
    cls += (up == (better == Better::higher)) ? " good" : " bad";
  }
  return "<td class=\"" + cls + "\">" + escape(text) + "</td>";
}

// The cells of one figure: A, and with a B run B and B - A. A missing value shows as "–".
std::string cells(Kind kind, Better better, std::optional<double> a, std::optional<double> b,
                  bool has_b) {
  std::string out = "<td>" + (a ? escape(show(kind, *a)) : std::string("–")) + "</td>";
  if (!has_b) return out;
  out += "<td class=\"b\">" + (b ? escape(show(kind, *b)) : std::string("–")) + "</td>";
  out += (a && b) ? diff_cell(kind, better, *b - *a) : std::string("<td class=\"d\">–</td>");
  return out;
}

// Header cells over cells(): one column, or A / B / B - A under a figure's name.
std::string head_runs(bool has_b) {
  return has_b ? "<th>A</th><th class=\"b\">B</th><th class=\"d\">B−A</th>" : "";
}

// The head of a table with one row per item (a day, a street) and a group of cells per column:
// A alone, or A, B and B−A under the column's label.
template <typename Column>
void append_wide_head(std::string& out, std::string_view first, const std::vector<Column>& columns,
                      bool has_b) {
  out += "<thead><tr><th" + std::string(has_b ? " rowspan=\"2\"" : "") + ">" + std::string(first) +
         "</th>";
  for (const auto& c : columns) {
    out += has_b ? "<th colspan=\"3\">" + escape(c.label) + "</th>"
                 : "<th>" + escape(c.label) + "</th>";
  }
  out += "</tr>";
  if (has_b) {
    out += "<tr>";
    for (size_t i = 0; i < columns.size(); ++i) out += head_runs(true);
    out += "</tr>";
  }
  out += "</thead><tbody>\n";
}

struct SummaryRow {
  std::string label;
  Kind kind;
  Better better;
  std::function<double(const Figures&)> value;
};

std::vector<SummaryRow> summary_rows() {
  using F = const Figures&;
  std::vector<SummaryRow> rows{
      {"上报案件 Cases reported", Kind::count, Better::neither, [](F f) { return f.cases; }},
      {"办结 Closed", Kind::count, Better::higher, [](F f) { return f.closed; }},
      {"期末未结 Open at the end", Kind::count, Better::lower, [](F f) { return f.open_at_end; }},
      {"派单 Dispatches to units", Kind::count, Better::neither,
       [](F f) { return f.rates.dispatches; }},
      {"按时签收 Signed on time", Kind::count, Better::higher,
       [](F f) { return f.rates.signed_on_time; }},
      {"预警 Warnings", Kind::count, Better::lower, [](F f) { return f.warnings; }},
      {"超时 Breaches", Kind::count, Better::lower, [](F f) { return f.breaches; }},
      {"升级 Escalations", Kind::count, Better::lower, [](F f) { return f.escalations; }},
  };
  for (size_t i = 0; i < 5; ++i) {
    rows.push_back({"　自" + std::string(kLevelLabels[i].zh) + "升级 Escalations from " +
                        std::string(kLevelLabels[i].en),
                    Kind::count, Better::lower, [i](F f) {
                      return i < f.escalations_by_level.size() ? f.escalations_by_level[i] : 0;
                    }});
  }
  std::vector<SummaryRow> rest{
      {"响应率 Response rate", Kind::rate, Better::higher,
       [](F f) { return f.rates.response_rate(); }},
      {"解决率 Resolution rate", Kind::rate, Better::higher,
       [](F f) { return f.rates.resolution_rate(); }},
      {"满意率 Satisfaction rate", Kind::rate, Better::higher,
       [](F f) { return f.rates.satisfaction_rate(); }},
      {"考核分 Score (0–100)", Kind::score, Better::higher, [](F f) { return f.rates.score(); }},
      {"回访评价 Cases rated", Kind::count, Better::neither, [](F f) { return f.rates.rated; }},
      {"办结用时中位数 Median time to resolve", Kind::hours, Better::lower,
       [](F f) { return f.resolve_hours_median; }},
      {"办结用时 P90 time to resolve", Kind::hours, Better::lower,
       [](F f) { return f.resolve_hours_p90; }},
      {"处理事件 Events applied", Kind::count, Better::neither,
       [](F f) { return static_cast<double>(f.events); }},
      {"被拒输入 Inputs refused", Kind::count, Better::lower, [](F f) { return f.rejected; }},
  };
  rows.insert(rows.end(), rest.begin(), rest.end());
  return rows;
}

std::string head(const Comparison& run) {
  const bool has_b = !run.b.empty();
  std::string title = "caseflow 模拟报告 Simulation report: " + run.a.label;
  if (has_b) title += " vs " + run.b.front().label;
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>" +
      escape(title) + "</title>\n";
  out += R"(<style>
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;
color:#1e293b;margin:0 auto;max-width:1100px;padding:16px 24px;line-height:1.4}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;border-bottom:2px solid #cbd5e1;
padding-bottom:4px;margin-top:2em}
.runs{color:#475569}.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{border:1px solid #cbd5e1;border-radius:8px;padding:10px 14px;min-width:200px}
.card .name{color:#475569;font-size:.9em}.card .value{font-size:1.8em;font-weight:600}
.card .other{font-size:.9em}
table{border-collapse:collapse;margin:8px 0;font-size:.9em}
th,td{border-bottom:1px solid #e2e8f0;padding:3px 8px;text-align:right;white-space:nowrap}
th:first-child,td:first-child,.t{text-align:left}thead th{background:#f1f5f9}
td.b,th.b{color:#9a3412}.d{color:#475569}.good{color:#15803d;font-weight:600}
.bad{color:#b91c1c;font-weight:600}svg .d{fill:#475569}
.scroll{overflow-x:auto}.charts{display:flex;flex-wrap:wrap;gap:16px}
figure{margin:8px 0;flex:1 1 480px;max-width:660px}figcaption{font-weight:600}
svg{width:100%;height:auto;font-size:11px}svg .grid{stroke:#e2e8f0}svg .tick{fill:#64748b}
svg .value{fill:#334155}svg .label{fill:#1e293b}
.legend span{margin-right:12px;font-size:.85em}
.legend i{display:inline-block;width:14px;height:4px;margin-right:4px;vertical-align:middle}
.legend i.dashed{background-image:linear-gradient(90deg,transparent 60%,#fff 60%)!important;
background-size:6px 4px}
.note{background:#fef3c7;border-left:4px solid #d97706;padding:6px 10px}
.muted{color:#64748b;font-size:.85em}
</style>
</head>
)";
  return out;
}

std::string run_line(const Figures& f) {
  return "<b>" + escape(f.label) + "</b>: " + escape(f.from) + " 起 " + std::to_string(f.days) +
         " 天 (from " + escape(f.from) + ", " + std::to_string(f.days) + " days), seed " +
         std::to_string(f.seed);
}

std::string intro(const Comparison& run) {
  const bool has_b = !run.b.empty();
  std::string out = "<header>\n<h1>caseflow 模拟报告 Simulation report</h1>\n<p class=\"runs\">";
  out += "A = " + run_line(run.a);
  if (has_b) {
    out += "<br>B = " + run_line(run.b.front()) +
           "<br>同一批上报与同样的单位行为，只有流程不同 The same reports and the same unit "
           "behaviour; only the workflows differ. B−A: <span class=\"good\">green</span> is "
           "better for residents, <span class=\"bad\">red</span> worse.";
  }
  out += "</p>\n</header>\n";
  return out;
}

std::string card(std::string_view name, Kind kind, Better better, const Comparison& run,
                 const std::function<double(const Figures&)>& value) {
  const double a = value(run.a);
  std::string out = "<div class=\"card\"><div class=\"name\">" + escape(name) +
                    "</div><div class=\"value\">" + escape(show(kind, a)) + "</div>";
  if (!run.b.empty()) {
    const double b = value(run.b.front());
    const std::string diff = show_diff(kind, b - a);
    std::string cls = "d";
    if (diff != "0" && better != Better::neither)
      cls += ((b > a) == (better == Better::higher)) ? " good" : " bad";
    out += "<div class=\"other\">B " + escape(show(kind, b)) + " · <span class=\"" + cls + "\">" +
           escape(diff) + "</span></div>";
  }
  out += "</div>";
  return out;
}

std::string summary(const Comparison& run) {
  const bool has_b = !run.b.empty();
  std::string out = "<section id=\"summary\">\n<h2>概览 Summary</h2>\n<div class=\"cards\">";
  out += card("上报案件 Cases", Kind::count, Better::neither, run,
              [](const Figures& f) { return static_cast<double>(f.cases); });
  out += card("响应率 On-time response", Kind::rate, Better::higher, run,
              [](const Figures& f) { return f.rates.response_rate(); });
  out += card("超时 Breaches", Kind::count, Better::lower, run,
              [](const Figures& f) { return static_cast<double>(f.breaches); });
  out += card("考核分 Score", Kind::score, Better::higher, run,
              [](const Figures& f) { return f.rates.score(); });
  out += "</div>\n";
  for (const Figures* f : {&run.a, has_b ? &run.b.front() : nullptr}) {
    if (f == nullptr || f->rejected == 0) continue;
    out += "<p class=\"note\">" + escape(f->label) + ": 引擎拒绝了 " + html::count(f->rejected) +
           " 个输入 the engine refused " + html::count(f->rejected) +
           " inputs of the simulation. It should refuse none, so these figures may be off";
    if (!f->rejection_note.empty()) out += "; the first: " + escape(f->rejection_note);
    out += ".</p>\n";
  }
  out += "<table class=\"figures\"><thead><tr><th>指标 Figure</th>" +
         (has_b ? head_runs(true) : std::string("<th>A</th>")) + "</tr></thead><tbody>\n";
  for (const auto& row : summary_rows()) {
    out += "<tr><th>" + escape(row.label) + "</th>" +
           cells(row.kind, row.better, row.value(run.a),
                 has_b ? std::optional<double>(row.value(run.b.front())) : std::nullopt, has_b) +
           "</tr>\n";
  }
  out += "</tbody></table>\n</section>\n";
  return out;
}

// Per-day values of a figure, aligned on A's days (B has the same days: same --from, --days).
std::vector<double> daily(const Figures& f, const std::function<double(const DayFigures&)>& get) {
  std::vector<double> out;
  out.reserve(f.by_day.size());
  for (const auto& d : f.by_day) out.push_back(get(d));
  return out;
}

double open_total(const DayFigures& d) {
  double total = 0;
  for (uint64_t n : d.open_by_level) total += static_cast<double>(n);
  return total;
}

std::string per_day(const Comparison& run) {
  const bool has_b = !run.b.empty();
  const svg::Colors colors;
  std::vector<std::string> dates;
  for (const auto& d : run.a.by_day) dates.push_back(d.date);

  auto ab_series = [&](const std::function<double(const DayFigures&)>& get) {
    std::vector<svg::Series> series{{"A", daily(run.a, get), colors.a, false}};
    if (has_b) series.push_back({"B", daily(run.b.front(), get), colors.b, true});
    return series;
  };
  auto by_level = [&](const Figures& f) {
    std::vector<svg::Series> series;
    const size_t levels = f.by_day.empty() ? 0 : f.by_day.front().open_by_level.size();
    for (size_t i = 0; i < levels; ++i) {
      series.push_back({level_name(i),
                        daily(f,
                              [i](const DayFigures& d) {
                                return i < d.open_by_level.size() ? d.open_by_level[i] : 0;
                              }),
                        level_color(i), false});
    }
    return series;
  };

  std::string out = "<section id=\"days\">\n<h2>每日 Per day</h2>\n<div class=\"charts\">\n";
  out += svg::line_chart("day-arrivals", "每日上报 Reports per day", dates,
                         ab_series([](const DayFigures& d) { return d.arrivals; }));
  out += "\n";
  out += svg::line_chart("day-breaches", "每日超时 Breaches per day", dates,
                         ab_series([](const DayFigures& d) { return d.breaches; }));
  out += "\n";
  const auto open_a = by_level(run.a);
  const auto open_b = has_b ? by_level(run.b.front()) : std::vector<svg::Series>{};
  const double open_max = std::max(svg::max_of(open_a), svg::max_of(open_b));
  out += svg::line_chart(
      "day-open-a",
      std::string("各级未结（日终）Open cases by stage, end of day") + (has_b ? ": A" : ""), dates,
      open_a, open_max);
  out += "\n";
  if (has_b) {
    out += svg::line_chart("day-open-b", "各级未结（日终）Open cases by stage, end of day: B",
                           dates, open_b, open_max);
    out += "\n";
  }
  out += "</div>\n";

  // The open cases at the end, by stage: the last point of the charts above, side by side.
  out += "<table class=\"open-end\"><thead><tr><th>期末各级未结 Open at the end, by stage</th>" +
         (has_b ? head_runs(true) : std::string("<th>A</th>")) + "</tr></thead><tbody>\n";
  const DayFigures none;
  const DayFigures& last_a = run.a.by_day.empty() ? none : run.a.by_day.back();
  const DayFigures& last_b =
      (!has_b || run.b.front().by_day.empty()) ? none : run.b.front().by_day.back();
  for (size_t i = 0; i < last_a.open_by_level.size(); ++i) {
    const double b = i < last_b.open_by_level.size() ? last_b.open_by_level[i] : 0;
    out += "<tr><th>" + escape(level_name(i)) + "</th>" +
           cells(Kind::count, Better::lower, last_a.open_by_level[i], b, has_b) + "</tr>\n";
  }
  out += "</tbody></table>\n";

  // Every day's numbers, folded away.
  struct Column {
    std::string label;
    Better better;
    std::function<double(const DayFigures&)> get;
  };
  const std::vector<Column> columns{
      {"上报 Reports", Better::neither, [](const DayFigures& d) { return d.arrivals; }},
      {"办结 Closed", Better::higher, [](const DayFigures& d) { return d.closed; }},
      {"预警 Warnings", Better::lower, [](const DayFigures& d) { return d.warnings; }},
      {"超时 Breaches", Better::lower, [](const DayFigures& d) { return d.breaches; }},
      {"升级 Escalations", Better::lower, [](const DayFigures& d) { return d.escalations; }},
      {"未结 Open", Better::lower, open_total},
  };
  out +=
      "<details><summary>每日数字 The numbers of every day</summary><div class=\"scroll\">"
      "<table class=\"days\">";
  append_wide_head(out, "日期 Date", columns, has_b);
  for (size_t day = 0; day < run.a.by_day.size(); ++day) {
    const DayFigures& a = run.a.by_day[day];
    const DayFigures* b =
        has_b && day < run.b.front().by_day.size() ? &run.b.front().by_day[day] : nullptr;
    out += "<tr><td>" + escape(a.date) + "</td>";
    for (const auto& c : columns) {
      out += cells(Kind::count, c.better, c.get(a),
                   b ? std::optional<double>(c.get(*b)) : std::nullopt, has_b);
    }
    out += "</tr>\n";
  }
  out += "</tbody></table></div></details>\n</section>\n";
  return out;
}

// A street's figures in A and in B (a street missing from a run counts as zero there).
struct StreetPair {
  std::string id;
  StreetFigures a, b;
};

std::vector<StreetPair> street_pairs(const Comparison& run) {
  std::map<std::string, StreetPair> by_id;
  for (const auto& s : run.a.by_street) {
    auto& p = by_id[s.street_id];
    p.id = s.street_id;
    p.a = s;
  }
  if (!run.b.empty()) {
    for (const auto& s : run.b.front().by_street) {
      auto& p = by_id[s.street_id];
      p.id = s.street_id;
      p.b = s;
    }
  }
  std::vector<StreetPair> out;
  out.reserve(by_id.size());
  for (auto& [id, p] : by_id) out.push_back(std::move(p));
  return out;
}

// Streets in the order a figure's chart shows them: the largest change B - A first; without a B
// run, the worst first (`higher_is_better` tells which end is worst). Ties by street id, so the
// order is total and the page is the same every time.
void sort_streets(std::vector<StreetPair>& streets, bool has_b, bool higher_is_better,
                  const std::function<double(const StreetFigures&)>& value) {
  std::stable_sort(streets.begin(), streets.end(), [&](const StreetPair& x, const StreetPair& y) {
    if (has_b) {
      const double dx = std::fabs(value(x.b) - value(x.a));
      const double dy = std::fabs(value(y.b) - value(y.a));
      if (dx != dy) return dx > dy;
    } else if (value(x.a) != value(y.a)) {
      return higher_is_better ? value(x.a) < value(y.a) : value(x.a) > value(y.a);
    }
    return x.id < y.id;
  });
}

std::string street_chart(std::string_view id, std::string_view title,
                         std::vector<StreetPair> streets, bool has_b, bool higher_is_better,
                         Kind kind, double max,
                         const std::function<double(const StreetFigures&)>& value) {
  sort_streets(streets, has_b, higher_is_better, value);
  const size_t shown = std::min(streets.size(), kStreetBars);
  std::vector<svg::BarRow> rows;
  for (size_t i = 0; i < shown; ++i) {
    const StreetPair& s = streets[i];
    svg::BarRow row{s.id, s.id, value(s.a), std::nullopt, show(kind, value(s.a)), "", ""};
    if (has_b) {
      row.b = value(s.b);
      row.b_text = show(kind, *row.b);
      row.diff_text = show_diff(kind, *row.b - row.a);
    }
    rows.push_back(std::move(row));
  }
  if (max <= 0) {
    for (const auto& r : rows) max = std::max({max, r.a, r.b.value_or(0)});
  }
  std::string caption(title);
  caption += has_b ? "，变化最大的在前 largest change first" : "，最差的在前 worst first";
  if (shown < streets.size()) {
    caption += " (" + std::to_string(shown) + " / " + std::to_string(streets.size()) + ")";
  }
  return svg::bar_chart(id, caption, "street", rows, max);
}

std::string per_street(const Comparison& run) {
  const bool has_b = !run.b.empty();
  std::vector<StreetPair> streets = street_pairs(run);
  auto score = [](const StreetFigures& s) { return s.rates.score(); };
  auto breaches = [](const StreetFigures& s) { return static_cast<double>(s.breaches); };

  std::string out =
      "<section id=\"streets\">\n<h2>各街道 Per street</h2>\n<div class=\"charts\">\n";
  out +=
      street_chart("street-score", "考核分 Score", streets, has_b, true, Kind::score, 100, score);
  out += "\n";
  out += street_chart("street-breaches", "超时 Breaches", streets, has_b, false, Kind::count, 0,
                      breaches);
  out += "\n</div>\n";

  struct Column {
    std::string label;
    Kind kind;
    Better better;
    std::function<double(const StreetFigures&)> get;
  };
  const std::vector<Column> columns{
      {"案件 Cases", Kind::count, Better::neither, [](const StreetFigures& s) { return s.cases; }},
      {"响应率 Response", Kind::rate, Better::higher,
       [](const StreetFigures& s) { return s.rates.response_rate(); }},
      {"解决率 Resolution", Kind::rate, Better::higher,
       [](const StreetFigures& s) { return s.rates.resolution_rate(); }},
      {"满意率 Satisfaction", Kind::rate, Better::higher,
       [](const StreetFigures& s) { return s.rates.satisfaction_rate(); }},
      {"考核分 Score", Kind::score, Better::higher, score},
      {"超时 Breaches", Kind::count, Better::lower, breaches},
      {"升级 Escalations", Kind::count, Better::lower,
       [](const StreetFigures& s) { return s.escalations; }},
  };
  sort_streets(streets, has_b, true, score);
  out +=
      "<p class=\"muted\">全部街道，顺序同考核分图 Every street, in the order of the score "
      "chart.</p><div class=\"scroll\"><table class=\"streets\">";
  append_wide_head(out, "街道 Street", columns, has_b);
  for (const auto& s : streets) {
    out += "<tr data-street=\"" + escape(s.id) + "\"><td>" + escape(s.id) + "</td>";
    for (const auto& c : columns) {
      out += cells(c.kind, c.better, c.get(s.a),
                   has_b ? std::optional<double>(c.get(s.b)) : std::nullopt, has_b);
    }
    out += "</tr>\n";
  }
  out += "</tbody></table></div>\n</section>\n";
  return out;
}

std::string growing_queues(const Comparison& run) {
  const bool has_b = !run.b.empty();
  struct Pair {
    std::string unit, level;
    std::optional<GrowingQueue> a, b;
    double growth() const {
      auto g = [](const std::optional<GrowingQueue>& q) {
        return q ? static_cast<double>(q->queue_at_end) -
                       static_cast<double>(q->queue_at_start_of_last_week)
                 : 0.0;
      };
      return std::max(g(a), g(b));
    }
  };
  std::map<std::string, Pair> by_unit;
  for (const auto& q : run.a.growing_queues) {
    auto& p = by_unit[q.unit_id];
    p.unit = q.unit_id;
    p.level = q.level;
    p.a = q;
  }
  if (has_b) {
    for (const auto& q : run.b.front().growing_queues) {
      auto& p = by_unit[q.unit_id];
      p.unit = q.unit_id;
      p.level = q.level;
      p.b = q;
    }
  }
  std::vector<Pair> units;
  for (auto& [id, p] : by_unit) units.push_back(std::move(p));
  std::stable_sort(units.begin(), units.end(), [](const Pair& x, const Pair& y) {
    if (x.growth() != y.growth()) return x.growth() > y.growth();
    return x.unit < y.unit;
  });

  std::string out =
      "<section id=\"queues\">\n<h2>积压增长的单位 Units whose queues grow</h2>\n"
      "<p class=\"muted\">已签收未办结的案件：最后一周之初与期末 Cases signed but not finished, at "
      "the start of the last week and at the end.";
  if (has_b) out += " – : 该单位不在此运行的名单中 not among that run's growing queues.";
  out += "</p>\n";
  if (units.empty()) {
    out += "<p>没有单位积压增长 No unit's queue grew.</p>\n</section>\n";
    return out;
  }
  const std::string span = has_b ? " colspan=\"3\"" : "";
  out += "<div class=\"scroll\"><table class=\"queues\"><thead><tr><th" +
         std::string(has_b ? " rowspan=\"2\"" : "") + ">单位 Unit</th><th" +
         std::string(has_b ? " rowspan=\"2\"" : "") + " class=\"t\">层级 Level</th><th" + span +
         ">最后一周之初 Start of last week</th><th" + span + ">期末 At the end</th><th" +
         std::string(has_b ? " rowspan=\"2\"" : "") + ">日处理能力 Capacity per day</th></tr>";
  if (has_b) out += "<tr>" + head_runs(true) + head_runs(true) + "</tr>";
  out += "</thead><tbody>\n";
  auto field = [](const std::optional<GrowingQueue>& q,
                  const std::function<double(const GrowingQueue&)>& get) {
    return q ? std::optional<double>(get(*q)) : std::nullopt;
  };
  for (const auto& u : units) {
    out += "<tr data-unit=\"" + escape(u.unit) + "\"><td>" + escape(u.unit) +
           "</td><td class=\"t\">" + escape(u.level) + "</td>";
    auto start = [](const GrowingQueue& q) {
      return static_cast<double>(q.queue_at_start_of_last_week);
    };
    auto end = [](const GrowingQueue& q) { return static_cast<double>(q.queue_at_end); };
    out += cells(Kind::count, Better::lower, field(u.a, start), field(u.b, start), has_b);
    out += cells(Kind::count, Better::lower, field(u.a, end), field(u.b, end), has_b);
    // The load model's, the same in both runs: shown once.
    const double capacity = (u.a ? u.a : u.b)->capacity_per_day;
    out += "<td>" +
           (capacity > 0 ? escape(html::fixed(capacity, 1)) : std::string("不限 unlimited")) +
           "</td>";
    out += "</tr>\n";
  }
  out += "</tbody></table></div>\n</section>\n";
  return out;
}

// An edge of the buckets of time to resolve: in days when it is whole days, else in hours.
std::pair<std::string, std::string_view> edge_text(double hours) {
  if (hours >= 24 && std::fmod(hours, 24) == 0) return {html::exact(hours / 24), " d"};
  return {html::exact(hours), " h"};
}

// "< 4 h", "4–24 h", "1–3 d", "≥ 14 d".
std::string bucket_label(const std::vector<double>& edges, size_t i) {
  if (edges.empty()) return "all";
  if (i == 0) {
    auto [v, unit] = edge_text(edges[0]);
    return "< " + v + std::string(unit);
  }
  if (i >= edges.size()) {
    auto [v, unit] = edge_text(edges.back());
    return "≥ " + v + std::string(unit);
  }
  auto [lo, lo_unit] = edge_text(edges[i - 1]);
  auto [hi, hi_unit] = edge_text(edges[i]);
  return lo + (lo_unit == hi_unit ? "" : std::string(lo_unit)) + "–" + hi + std::string(hi_unit);
}

std::string time_to_resolve(const Comparison& run) {
  const bool has_b = !run.b.empty();
  const Figures* b = has_b ? &run.b.front() : nullptr;
  const auto& edges = run.a.resolve_bucket_edges;
  std::vector<svg::Column> columns;
  for (size_t i = 0; i < run.a.resolve_buckets.size(); ++i) {
    svg::Column c{bucket_label(edges, i), static_cast<double>(run.a.resolve_buckets[i]),
                  std::nullopt};
    if (b) c.b = i < b->resolve_buckets.size() ? b->resolve_buckets[i] : 0;
    columns.push_back(std::move(c));
  }
  std::string out =
      "<section id=\"resolve\">\n<h2>办结用时 Time from report to resolution</h2>\n"
      "<div class=\"charts\">\n";
  out += svg::column_chart("resolve-buckets",
                           "已办结案件数，按用时 Closed cases by time to resolve", columns);
  out += "\n</div>\n<table class=\"resolve\"><thead><tr><th>用时 Time</th>" +
         (has_b ? head_runs(true) : std::string("<th>A</th>")) + "</tr></thead><tbody>\n";
  for (const auto& c : columns) {
    // Neither direction is simply better per bucket: a case leaving one bucket enters another.
    out += "<tr><th>" + escape(c.label) + "</th>" +
           cells(Kind::count, Better::neither, c.a, c.b, has_b) + "</tr>\n";
  }
  out += "<tr><th>中位数 Median</th>" +
         cells(Kind::hours, Better::lower, run.a.resolve_hours_median,
               b ? std::optional<double>(b->resolve_hours_median) : std::nullopt, has_b) +
         "</tr>\n";
  out += "<tr><th>P90</th>" +
         cells(Kind::hours, Better::lower, run.a.resolve_hours_p90,
               b ? std::optional<double>(b->resolve_hours_p90) : std::nullopt, has_b) +
         "</tr>\n";
  out += "</tbody></table>\n</section>\n";
  return out;
}

}  // namespace

std::string report_html(const Comparison& run) {
  std::string out = head(run);
  out += "<body>\n";
  out += intro(run);
  out += summary(run);
  out += per_day(run);
  out += per_street(run);
  out += growing_queues(run);
  out += time_to_resolve(run);
  out +=
      "<footer class=\"muted\"><p>caseflow simulate：同样的输入得到同样的报告 The same inputs "
      "give this same file, byte for byte. Rates and score: docs/simulate.md.</p></footer>\n"
      "</body>\n</html>\n";
  return out;
}

}  // namespace caseflow::simulate
