// The assessment as one HTML page for a street office: both rankings with their three rates,
// score and weekly trend (inline SVG), then the cases behind every number, by id (each case opens
// at /api/v1/cases/{id}). Inline CSS and SVG only: no script, nothing from the network (not even an
// xmlns, which inline SVG in HTML does not need), so the file can be mailed or opened offline.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "connectors/report/assessment_formats.h"
#include "engine/simulate/html_text.h"
#include "engine/time/rfc3339.h"

namespace caseflow::report {
namespace {

namespace text = simulate::html;
using text::escape;

constexpr std::string_view kStyle = R"(<style>
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;
color:#1e293b;margin:0 auto;max-width:1100px;padding:16px 24px;line-height:1.4}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;border-bottom:2px solid #cbd5e1;
padding-bottom:4px;margin-top:2em}h3{font-size:1em;margin:1.2em 0 .3em}
table{border-collapse:collapse;margin:8px 0;font-size:.9em}
th,td{border-bottom:1px solid #e2e8f0;padding:3px 8px;text-align:right;white-space:nowrap}
th.t,td.t{text-align:left}thead th{background:#f1f5f9}
.muted{color:#64748b;font-size:.85em}.ids p{font-family:monospace;margin:.2em 0 .2em 1em;word-spacing:4px}
.ids a{margin-right:8px}
svg.trend{width:140px;height:32px}svg.trend polyline{fill:none;stroke:#2563eb;stroke-width:1.5}
svg.trend circle{fill:#2563eb}svg.trend line{stroke:#e2e8f0}
</style>
)";

// The local date of `at` ("2026-11-01").
std::string local_date(Instant at, Duration offset) {
  return format_rfc3339(at, offset).substr(0, 10);
}

std::string rate_text(const assessment::Rate& r) {
  const auto v = r.value();
  return v ? text::percent(*v) : std::string("–");
}

// The week's scores as a line (gaps where a week has no score), with the figures in a <title>.
std::string trend_svg(const std::vector<std::optional<double>>& weeks) {
  constexpr double kWidth = 140, kHeight = 32, kPad = 4;
  std::string title;
  for (size_t i = 0; i < weeks.size(); ++i) {
    if (i > 0) title += ", ";
    title += "W" + std::to_string(i + 1) + " " + (weeks[i] ? text::fixed(*weeks[i], 1) : "–");
  }
  std::string out = "<svg class=\"trend\" viewBox=\"0 0 140 32\" role=\"img\"><title>" +
                    escape(title) + "</title><line x1=\"0\" y1=\"" +
                    text::fixed(kHeight - kPad, 1) + "\" x2=\"140\" y2=\"" +
                    text::fixed(kHeight - kPad, 1) + "\"/>";
  const double step =
      weeks.size() > 1 ? (kWidth - 2 * kPad) / static_cast<double>(weeks.size() - 1) : 0;
  std::string points;
  auto flush = [&] {
    if (points.find(' ') != std::string::npos) out += "<polyline points=\"" + points + "\"/>";
    points.clear();
  };
  for (size_t i = 0; i < weeks.size(); ++i) {
    if (!weeks[i]) {
      flush();
      continue;
    }
    const double x = kPad + step * static_cast<double>(i);
    const double y = kHeight - kPad - (kHeight - 2 * kPad) * (*weeks[i] / 100.0);
    const std::string xy = text::fixed(x, 1) + "," + text::fixed(y, 1);
    points += (points.empty() ? "" : " ") + xy;
    out += "<circle cx=\"" + text::fixed(x, 1) + "\" cy=\"" + text::fixed(y, 1) + "\" r=\"2\"/>";
  }
  flush();
  return out + "</svg>";
}

struct Section {
  std::string_view prefix;  // anchor prefix: "street" or "unit"
  std::string_view title;
  const assessment::Report* report;
};

std::string anchor(const Section& s, size_t index, std::string_view part = {}) {
  std::string a = std::string(s.prefix) + "-" + std::to_string(index + 1);
  if (!part.empty()) a += "-" + std::string(part);
  return a;
}

// A figure and the link to the list of its cases.
std::string counted(const Section& s, size_t index, std::string_view part, std::string shown,
                    size_t cases) {
  return "<a href=\"#" + anchor(s, index, part) + "\">" + escape(shown) + "</a> <span " +
         "class=\"muted\">(" + std::to_string(cases) + ")</span>";
}

std::string ranking(const Section& s) {
  const auto& rows = s.report->rows;
  std::string out =
      "<section id=\"" + std::string(s.prefix) + "s\">\n<h2>" + std::string(s.title) + "</h2>\n";
  if (rows.empty())
    return out + "<p>No case has an assessment fact in this period.</p>\n</section>\n";
  out += "<table>\n<thead><tr><th>#</th><th class=\"t\">" + std::string(s.prefix) +
         "</th><th>响应率 Response</th><th>解决率 Resolution</th><th>满意率 Satisfaction</th>"
         "<th>得分 Score</th><th>未评价 Unrated</th><th>免考核 Exempted</th><th>无效 Invalid</th>"
         "<th class=\"t\">按周得分 Score by week</th></tr></thead>\n<tbody>\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    out += "<tr><td>" + std::to_string(i + 1) + "</td><td class=\"t\"><a href=\"#" + anchor(s, i) +
           "\">" + escape(r.key.empty() ? "(none)" : r.key) + "</a></td>";
    out +=
        "<td>" + counted(s, i, "response", rate_text(r.response), r.response.denominator) + "</td>";
    out += "<td>" + counted(s, i, "rated", rate_text(r.resolution), r.resolution.denominator) +
           "</td>";
    out += "<td>" + counted(s, i, "rated", rate_text(r.satisfaction), r.satisfaction.denominator) +
           "</td>";
    out += "<td>" + (r.score ? text::fixed(*r.score, 1) : std::string("–")) + "</td>";
    out += "<td>" + counted(s, i, "excluded", std::to_string(r.unrated), r.unrated) + "</td>";
    out += "<td>" + counted(s, i, "excluded", std::to_string(r.exempted), r.exempted) + "</td>";
    out += "<td>" + counted(s, i, "excluded", std::to_string(r.invalid), r.invalid) + "</td>";
    out += "<td class=\"t\">" + trend_svg(r.weekly_score) + "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

// The case lists of one kind ("response", "rated", "excluded") of both groupings. Each case is
// listed once, under its unit and within that under its street; a street's list names the unit
// blocks that hold its cases. Ids are plain text (a city's month is about 900,000 of them: a link
// each made the page 165 MiB); any of them opens at BASE/api/v1/cases/{id}.
struct ListKind {
  std::string_view part;
  std::string_view label;
  const std::vector<std::string> assessment::Row::*ids;
};

constexpr ListKind kLists[] = {
    {"response", "响应 Assessed for response", &assessment::Row::response_cases},
    {"rated", "评价 Rated (resolution and satisfaction)", &assessment::Row::rated_cases},
    {"excluded", "除外 Set aside (unrated, exempted, invalid, returned)",
     &assessment::Row::excluded_cases},
};

// One unit's cases of one kind in one street: where a street's list points to.
struct Block {
  size_t unit_row;
  size_t cases;
};

std::string cases(const Section& streets, const Section& units, const HtmlOptions& options) {
  const auto& street_rows = streets.report->rows;
  const auto& unit_rows = units.report->rows;
  // The street row of every case (a case has one place, so one street).
  constexpr size_t kNoStreet = SIZE_MAX;
  std::unordered_map<std::string_view, size_t> street_of;
  for (size_t s = 0; s < street_rows.size(); ++s) {
    for (const auto& kind : kLists) {
      for (const auto& id : street_rows[s].*kind.ids) street_of.emplace(id, s);
    }
  }
  const auto street_key = [&](size_t s) {
    return s == kNoStreet || street_rows[s].key.empty() ? std::string("(none)")
                                                        : street_rows[s].key;
  };
  std::string out = "<p class=\"muted\">Open any case at <code>" +
                    escape(options.base_url + "/api/v1/cases/") +
                    "{id}</code>. Each case is listed once under each unit it counts for, by "
                    "street; a street's lists point to those blocks.</p>\n";
  // blocks[kind][street row] = the unit blocks holding that street's cases of that kind.
  std::vector<std::vector<Block>> blocks[std::size(kLists)];
  for (auto& b : blocks) b.resize(street_rows.size());
  std::string units_html;
  std::vector<std::pair<size_t, std::string_view>> by_street;
  for (size_t u = 0; u < unit_rows.size(); ++u) {
    const auto& r = unit_rows[u];
    units_html += "<h3 id=\"" + anchor(units, u) + "\">unit " +
                  escape(r.key.empty() ? "(none)" : r.key) + "</h3>\n";
    for (size_t k = 0; k < std::size(kLists); ++k) {
      const auto& kind = kLists[k];
      const auto& ids = r.*kind.ids;
      by_street.clear();
      by_street.reserve(ids.size());
      for (const auto& id : ids) {
        const auto it = street_of.find(id);
        by_street.emplace_back(it == street_of.end() ? kNoStreet : it->second, id);
      }
      std::stable_sort(by_street.begin(), by_street.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      units_html += "<div id=\"" + anchor(units, u, kind.part) + "\" class=\"ids\"><b>" +
                    escape(kind.label) + "</b> (" + std::to_string(ids.size()) + ")" +
                    (ids.empty() ? ": –" : "") + "\n";
      for (size_t i = 0; i < by_street.size();) {
        const size_t s = by_street[i].first;
        size_t j = i;
        while (j < by_street.size() && by_street[j].first == s) ++j;
        if (s != kNoStreet) blocks[k][s].push_back({u, j - i});
        units_html += "<p id=\"" + anchor(units, u, kind.part) + "-" +
                      std::to_string(s == kNoStreet ? 0 : s + 1) + "\">" + escape(street_key(s)) +
                      " (" + std::to_string(j - i) + "):";
        for (; i < j; ++i) {
          units_html += ' ';
          units_html += escape(by_street[i].second);
        }
        units_html += "</p>\n";
      }
      units_html += "</div>\n";
    }
  }
  for (size_t s = 0; s < street_rows.size(); ++s) {
    const auto& r = street_rows[s];
    out += "<h3 id=\"" + anchor(streets, s) + "\">street " + escape(street_key(s)) + "</h3>\n";
    for (size_t k = 0; k < std::size(kLists); ++k) {
      const auto& kind = kLists[k];
      out += "<p id=\"" + anchor(streets, s, kind.part) + "\" class=\"ids\"><b>" +
             escape(kind.label) + "</b> (" + std::to_string((r.*kind.ids).size()) + "):";
      for (const Block& b : blocks[k][s]) {
        out += " <a href=\"#" + anchor(units, b.unit_row, kind.part) + "-" + std::to_string(s + 1) +
               "\">" + escape(unit_rows[b.unit_row].key) + "</a> (" + std::to_string(b.cases) + ")";
      }
      if (blocks[k][s].empty()) out += " –";
      out += "</p>\n";
    }
  }
  return out + units_html;
}

}  // namespace

std::string assessment_html(const assessment::Report& by_unit, const assessment::Report& by_street,
                            const HtmlOptions& options) {
  const auto& period = by_unit.period;
  const auto& w = by_unit.weights;
  const std::string title = "caseflow 考核 Assessment " + period.label;
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      escape(title) + "</title>\n" + std::string(kStyle) + "</head>\n<body>\n<header>\n<h1>" +
      escape(title) + "</h1>\n<p>" + escape(local_date(period.from, options.utc_offset)) + " – " +
      escape(local_date(period.to - Duration::millis(1), options.utc_offset)) + ": " +
      text::count(by_unit.cases) + " cases with a fact, " +
      text::count(by_unit.answered_at_intake) +
      " answered at intake (直办).</p>\n<p class=\"muted\">Score = (" +
      text::exact(w.score_response) + " × response + " + text::exact(w.score_resolution) +
      " × resolution + " + text::exact(w.score_satisfaction) +
      " × satisfaction) / weights of the rates that have a value. Resolution: solved " +
      text::exact(w.solved) + ", partly " + text::exact(w.partly) + ", not solved " +
      text::exact(w.not_solved) + "; satisfaction: satisfied " + text::exact(w.satisfied) +
      ", basically " + text::exact(w.basically) + ", unsatisfied " + text::exact(w.unsatisfied) +
      "; unrated cases " +
      (w.unrated == assessment::Weights::Unrated::as_worst ? "count as the worst"
                                                           : "are set aside and counted") +
      ". Weeks start " + escape(local_date(period.from, options.utc_offset)) +
      ", 7 days each. (n) = cases behind a figure.</p>\n</header>\n";
  const Section streets{"street", "街道排名 Streets", &by_street};
  const Section units{"unit", "单位排名 Units", &by_unit};
  out += ranking(streets) + ranking(units);
  out += "<section id=\"cases\">\n<h2>案件 The cases behind every number</h2>\n";
  out += cases(streets, units, options);
  out += "</section>\n</body>\n</html>\n";
  return out;
}

}  // namespace caseflow::report
