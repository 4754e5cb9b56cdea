// The report of a simulation (engine/simulate/report.h) on a Comparison built by hand: the JSON
// holds the figures, the HTML is self-contained, escaped, ordered by change, and deterministic.
// CASEFLOW_REPORT_SAMPLE_DIR, when set, is where the pages are also written (the browser test of
// tests/integration/simulate can open them without the CLI).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "engine/simulate/report.h"

namespace caseflow::simulate {
namespace {

Rates rates(uint64_t dispatches, uint64_t on_time, uint64_t rated, double solved,
            double satisfied) {
  Rates r;
  r.dispatches = dispatches;
  r.signed_on_time = on_time;
  r.rated = rated;
  r.solved_points = solved;
  r.satisfied_points = satisfied;
  return r;
}

StreetFigures street(std::string id, uint64_t cases, uint64_t breaches, Rates r) {
  StreetFigures s;
  s.street_id = std::move(id);
  s.cases = cases;
  s.breaches = breaches;
  s.escalations = breaches / 2;
  s.rates = r;
  return s;
}

Figures run_a() {
  Figures f;
  f.label = "A";
  f.from = "2026-11-01";
  f.days = 3;
  f.seed = 7;
  f.cases = 900;
  f.events = 5400;
  f.closed = 700;
  f.open_at_end = 200;
  f.warnings = 40;
  f.breaches = 25;
  f.escalations = 12;
  f.escalations_by_level = {9, 2, 1, 0, 0};
  f.rates = rates(950, 900, 600, 540, 510.5);
  for (int d = 1; d <= 3; ++d) {
    DayFigures day;
    day.date = "2026-11-0" + std::to_string(d);
    day.arrivals = 300;
    day.closed = 200 + d;
    day.breaches = 5 * d;
    day.open_by_level = {uint64_t(50 * d), uint64_t(10 * d), 2, 0, 1, 3};
    f.by_day.push_back(day);
  }
  f.by_street = {street("S001", 400, 10, rates(420, 400, 300, 270, 255)),
                 street("S002", 300, 10, rates(310, 290, 200, 180, 170)),
                 street("<x&y>", 200, 5, rates(220, 210, 100, 90, 85.5))};
  f.growing_queues = {{"grid:G00001", "grid", 3, 12, 4}};
  f.resolve_buckets = {100, 300, 200, 80, 15, 5};
  f.resolve_hours_median = 20.5;
  f.resolve_hours_p90 = 130.25;
  f.wall_seconds = 1.5;
  return f;
}

// B: S002 changes most (its score falls), S001 a little, "<x&y>" not at all.
Figures run_b() {
  Figures f = run_a();
  f.label = "B";
  f.breaches = 60;
  f.rates = rates(990, 880, 600, 530, 500);
  f.by_street[0] = street("S001", 400, 20, rates(420, 395, 300, 270, 255));
  f.by_street[1] = street("S002", 300, 35, rates(330, 200, 200, 150, 140));
  f.rejected = 1;
  f.rejection_note = "not_allowed_in_state: <signed> twice";
  f.wall_seconds = 9.75;
  return f;
}

std::string sample_dir() {
  const char* dir = std::getenv("CASEFLOW_REPORT_SAMPLE_DIR");
  return dir ? dir : "";
}

void write_sample(const std::string& name, const std::string& text) {
  if (sample_dir().empty()) return;
  std::ofstream(sample_dir() + "/" + name, std::ios::binary) << text;
}

// The value of attribute `name` in the tag that starts at `tag` ("" when absent).
std::string attribute(const std::string& html, size_t tag, const std::string& name) {
  const auto tag_end = html.find('>', tag);
  const auto at = html.find(" " + name + "=\"", tag);
  if (at == std::string::npos || at > tag_end) return "";
  const auto begin = at + name.size() + 3;
  return html.substr(begin, html.find('"', begin) - begin);
}

// The data-street, data-a, data-b of the bars of the chart with this id, in page order.
struct Bar {
  std::string street, a, b;
};
std::vector<Bar> bars(const std::string& html, const std::string& chart_id) {
  const auto start = html.find("<figure id=\"" + chart_id + "\"");
  EXPECT_NE(start, std::string::npos) << chart_id;
  if (start == std::string::npos) return {};
  const auto end = html.find("</figure>", start);
  std::vector<Bar> out;
  for (auto at = html.find("<g class=\"bar\"", start); at < end;
       at = html.find("<g class=\"bar\"", at + 1)) {
    out.push_back({attribute(html, at, "data-street"), attribute(html, at, "data-a"),
                   attribute(html, at, "data-b")});
  }
  return out;
}

// The texts of every element whose class is "d" (a difference B - A), "d good" or "d bad".
std::vector<std::string> differences(const std::string& html) {
  std::vector<std::string> out;
  for (const std::string cls : {"d", "d good", "d bad"}) {
    const std::string marker = " class=\"" + cls + "\">";
    for (auto at = html.find(marker); at != std::string::npos; at = html.find(marker, at + 1)) {
      const auto tag = html.rfind('<', at);
      if (html.compare(tag, 3, "<th") == 0) continue;  // the "B−A" column heads
      const auto begin = at + marker.size();
      out.push_back(html.substr(begin, html.find('<', begin) - begin));
    }
  }
  return out;
}

TEST(ReportJson, ParsesAndHoldsTheFiguresOfBothRuns) {
  const Comparison run{run_a(), {run_b()}};
  const std::string text = report_json(run);
  write_sample("sample.json", text);
  boost::system::error_code ec;
  const boost::json::value doc = boost::json::parse(text, ec);
  ASSERT_FALSE(ec) << ec.message();
  const auto& a = doc.at("a").as_object();
  const auto& b = doc.at("b").as_object();
  EXPECT_EQ(a.at("cases").as_int64(), 900);
  EXPECT_EQ(a.at("from").as_string(), "2026-11-01");
  EXPECT_EQ(a.at("escalations_by_level").at("grid").as_int64(), 9);
  EXPECT_EQ(b.at("breaches").as_int64(), 60);
  EXPECT_EQ(b.at("rejection_note").as_string(), "not_allowed_in_state: <signed> twice");
  EXPECT_DOUBLE_EQ(a.at("rates").at("response_rate").as_double(), 900.0 / 950);
  EXPECT_DOUBLE_EQ(a.at("rates").at("score").as_double(), run.a.rates.score());
  EXPECT_EQ(a.at("by_day").as_array().size(), 3u);
  EXPECT_EQ(a.at("by_day").at(2).at("open_by_level").at("grid").as_int64(), 150);
  EXPECT_EQ(a.at("by_day").at(2).at("open_by_level").at("dispatcher").as_int64(), 3);
  EXPECT_EQ(a.at("by_street").at(2).at("street_id").as_string(), "<x&y>");
  EXPECT_DOUBLE_EQ(b.at("by_street").at(1).at("rates").at("score").as_double(),
                   run.b[0].by_street[1].rates.score());
  EXPECT_EQ(a.at("growing_queues").at(0).at("unit_id").as_string(), "grid:G00001");
  EXPECT_EQ(a.at("resolve_buckets").at(1).as_int64(), 300);
  EXPECT_DOUBLE_EQ(a.at("resolve_hours_p90").as_double(), 130.25);
  // wall_seconds differs between two runs of the same simulation: it is left out.
  EXPECT_FALSE(a.contains("wall_seconds"));
  EXPECT_EQ(text.find("wall"), std::string::npos);
}

TEST(ReportJson, WithoutBHasBNullAndIsDeterministic) {
  Comparison run{run_a(), {}};
  const std::string text = report_json(run);
  const boost::json::value doc = boost::json::parse(text);
  EXPECT_TRUE(doc.at("b").is_null());
  run.a.wall_seconds = 99;  // not a figure of the report
  EXPECT_EQ(report_json(run), text);
  // Keys in figures.h's order, whatever Boost or the compiler do.
  EXPECT_LT(text.find("\"label\""), text.find("\"cases\""));
  EXPECT_LT(text.find("\"cases\""), text.find("\"by_day\""));
  EXPECT_LT(text.find("\"by_day\""), text.find("\"resolve_hours_p90\""));
}

TEST(ReportHtml, IsSelfContained) {
  const std::string html = report_html(Comparison{run_a(), {run_b()}});
  write_sample("sample.html", html);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  // Nothing fetched: no URL at all, no src=, no external stylesheet or import.
  EXPECT_EQ(html.find("http:"), std::string::npos);
  EXPECT_EQ(html.find("https:"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
}

TEST(ReportHtml, EscapesIdsFromFiles) {
  const std::string html = report_html(Comparison{run_a(), {run_b()}});
  EXPECT_EQ(html.find("<x&y>"), std::string::npos);
  EXPECT_NE(html.find("data-street=\"&lt;x&amp;y&gt;\""), std::string::npos);
  EXPECT_NE(html.find(">&lt;x&amp;y&gt;</td>"), std::string::npos);
  // The engine's refusal in B is said, escaped.
  EXPECT_NE(html.find("the first: not_allowed_in_state: &lt;signed&gt; twice"), std::string::npos);
}

TEST(ReportHtml, PutsTheStreetWithTheLargestChangeFirst) {
  const Comparison run{run_a(), {run_b()}};
  const std::string html = report_html(run);
  const auto score = bars(html, "street-score");
  ASSERT_EQ(score.size(), 3u);
  EXPECT_EQ(score[0].street, "S002");
  EXPECT_EQ(score[1].street, "S001");
  EXPECT_EQ(score[2].street, "&lt;x&amp;y&gt;");
  // The attributes carry the exact figures (as the JSON does).
  EXPECT_DOUBLE_EQ(std::stod(score[0].a), run.a.by_street[1].rates.score());
  EXPECT_DOUBLE_EQ(std::stod(score[0].b), run.b[0].by_street[1].rates.score());
  const auto breaches = bars(html, "street-breaches");
  ASSERT_EQ(breaches.size(), 3u);
  EXPECT_EQ(breaches[0].street, "S002");  // 10 -> 35
  EXPECT_EQ(breaches[0].a, "10");
  EXPECT_EQ(breaches[0].b, "35");
  EXPECT_EQ(breaches[1].street, "S001");  // 10 -> 20
}

TEST(ReportHtml, WithoutBShowsAOnlyWorstFirst) {
  const std::string html = report_html(Comparison{run_a(), {}});
  EXPECT_EQ(html.find("B−A"), std::string::npos);
  EXPECT_EQ(html.find("data-b="), std::string::npos);
  const auto score = bars(html, "street-score");
  ASSERT_EQ(score.size(), 3u);
  // S002: 290/310 response, 0.9 resolution, 0.85 satisfaction: the lowest score of the three.
  EXPECT_EQ(score[0].street, "S002");
  EXPECT_TRUE(score[0].b.empty());
}

TEST(ReportHtml, IsByteIdenticalAcrossCalls) {
  Comparison run{run_a(), {run_b()}};
  const std::string first = report_html(run);
  run.a.wall_seconds = 123;
  run.b[0].wall_seconds = 456;
  EXPECT_EQ(report_html(run), first);
  EXPECT_EQ(report_html(Comparison{run_a(), {run_b()}}), first);
}

TEST(ReportHtml, IdenticalRunsShowEveryDifferenceAsZero) {
  Figures b = run_a();
  b.label = "B";
  const std::string html = report_html(Comparison{run_a(), {b}});
  write_sample("identical.html", html);
  const std::vector<std::string> shown = differences(html);
  const size_t n = shown.size();
  // Every difference the page shows: 4 cards, 22 summary rows, 6 stages open at the end, 3 days x
  // 6 day figures, 2 x 3 street bars, 3 streets x 7 figures, 1 unit x 2 queue figures, 6 buckets,
  // median and p90.
  EXPECT_EQ(n, 4u + 22 + 6 + 18 + 6 + 21 + 2 + 6 + 2);
  EXPECT_EQ(std::set<std::string>(shown.begin(), shown.end()), std::set<std::string>{"0"});
  EXPECT_EQ(html.find("class=\"d good\""), std::string::npos);
  EXPECT_EQ(html.find("class=\"d bad\""), std::string::npos);
}

TEST(ReportHtml, ColoursAChangeByWhetherItIsGoodForResidents) {
  const std::string html = report_html(Comparison{run_a(), {run_b()}});
  // Breaches 25 -> 60 is worse; the score fell too.
  EXPECT_NE(html.find("<td class=\"d bad\">+35</td>"), std::string::npos);
  EXPECT_NE(html.find("B 60 · <span class=\"d bad\">+35</span>"), std::string::npos);
}

TEST(Report, ARunWithNothingInItStillGivesBothReports) {
  // A day with no reports (a --replay of an empty file): no streets, no closed case, zero rates.
  Figures empty;
  empty.label = "A";
  empty.from = "2026-11-01";
  empty.days = 1;
  empty.by_day.push_back(DayFigures{"2026-11-01"});
  const Comparison run{empty, {empty}};
  const std::string html = report_html(run);
  EXPECT_NE(html.find("No unit's queue grew"), std::string::npos);
  EXPECT_NE(html.find("</html>"), std::string::npos);
  EXPECT_TRUE(bars(html, "street-score").empty());
  const boost::json::value doc = boost::json::parse(report_json(run));
  EXPECT_EQ(doc.at("a").at("rates").at("score").to_number<double>(), 0.0);
}

}  // namespace
}  // namespace caseflow::simulate
