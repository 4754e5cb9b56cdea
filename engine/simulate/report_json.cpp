// report_json: the Figures of a run (and of its --against run) as JSON for machines. Keys follow
// figures.h field by field, in its order, so a reader can rely on the layout; derived figures (the
// three rates and the score) are written beside the counts they come from, so a reader needs no
// formula. Doubles are the shortest text that reads back as the same value (std::to_chars), which
// is also what report_html puts in its data-* attributes: a test can compare the two exactly.
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "engine/events/json_writer.h"
#include "engine/simulate/report.h"

namespace caseflow::simulate {

namespace {

// Bumped when a key changes meaning or goes away; new keys keep the version.
constexpr int64_t kReportVersion = 1;

// The level names, in the order of the *_by_level vectors of figures.h.
constexpr std::string_view kLevelKeys[] = {"grid",     "community",  "street",
                                           "district", "department", "dispatcher"};

void count(events::JsonWriter& w, std::string_view name, uint64_t value) {
  w.key(name);
  w.number(static_cast<int64_t>(value));
}

void decimal(events::JsonWriter& w, std::string_view name, double value) {
  w.key(name);
  w.decimal(value);
}

// A vector of counts indexed by level, as an object keyed by level name (a reader then needs no
// knowledge of the order); entries past the known levels are kept under their index.
void by_level(events::JsonWriter& w, std::string_view name, const std::vector<uint64_t>& values) {
  w.key(name);
  w.begin_object();
  for (size_t i = 0; i < values.size(); ++i) {
    if (i < std::size(kLevelKeys)) {
      count(w, kLevelKeys[i], values[i]);
    } else {
      count(w, std::to_string(i), values[i]);
    }
  }
  w.end_object();
}

void rates(events::JsonWriter& w, const Rates& r) {
  w.key("rates");
  w.begin_object();
  count(w, "dispatches", r.dispatches);
  count(w, "signed_on_time", r.signed_on_time);
  count(w, "rated", r.rated);
  decimal(w, "solved_points", r.solved_points);
  decimal(w, "satisfied_points", r.satisfied_points);
  decimal(w, "response_rate", r.response_rate());
  decimal(w, "resolution_rate", r.resolution_rate());
  decimal(w, "satisfaction_rate", r.satisfaction_rate());
  decimal(w, "score", r.score());
  w.end_object();
}

void day(events::JsonWriter& w, const DayFigures& d) {
  w.begin_object();
  w.field("date", d.date);
  count(w, "arrivals", d.arrivals);
  count(w, "closed", d.closed);
  count(w, "warnings", d.warnings);
  count(w, "breaches", d.breaches);
  count(w, "escalations", d.escalations);
  by_level(w, "open_by_level", d.open_by_level);
  w.end_object();
}

void street(events::JsonWriter& w, const StreetFigures& s) {
  w.begin_object();
  w.field("street_id", s.street_id);
  count(w, "cases", s.cases);
  count(w, "breaches", s.breaches);
  count(w, "escalations", s.escalations);
  rates(w, s.rates);
  w.end_object();
}

void queue(events::JsonWriter& w, const GrowingQueue& q) {
  w.begin_object();
  w.field("unit_id", q.unit_id);
  w.field("level", q.level);
  count(w, "queue_at_start_of_last_week", q.queue_at_start_of_last_week);
  count(w, "queue_at_end", q.queue_at_end);
  decimal(w, "capacity_per_day", q.capacity_per_day);
  w.end_object();
}

void figures(events::JsonWriter& w, const Figures& f) {
  w.begin_object();
  w.field("label", f.label);
  w.field("from", f.from);
  w.field("days", static_cast<int64_t>(f.days));
  count(w, "seed", f.seed);
  count(w, "cases", f.cases);
  count(w, "events", f.events);
  count(w, "closed", f.closed);
  count(w, "open_at_end", f.open_at_end);
  count(w, "rejected", f.rejected);
  w.field("rejection_note", f.rejection_note);
  count(w, "warnings", f.warnings);
  count(w, "breaches", f.breaches);
  count(w, "escalations", f.escalations);
  by_level(w, "escalations_by_level", f.escalations_by_level);
  rates(w, f.rates);
  w.key("by_day");
  w.begin_array();
  for (const auto& d : f.by_day) day(w, d);
  w.end_array();
  w.key("by_street");
  w.begin_array();
  for (const auto& s : f.by_street) street(w, s);
  w.end_array();
  w.key("growing_queues");
  w.begin_array();
  for (const auto& q : f.growing_queues) queue(w, q);
  w.end_array();
  w.key("resolve_bucket_edges");
  w.begin_array();
  for (double edge : f.resolve_bucket_edges) w.decimal(edge);
  w.end_array();
  w.key("resolve_buckets");
  w.begin_array();
  for (uint64_t n : f.resolve_buckets) w.number(static_cast<int64_t>(n));
  w.end_array();
  decimal(w, "resolve_hours_median", f.resolve_hours_median);
  decimal(w, "resolve_hours_p90", f.resolve_hours_p90);
  // wall_seconds is left out: it differs between two runs of the same simulation.
  w.end_object();
}

}  // namespace

std::string report_json(const Comparison& run) {
  std::string out;
  events::JsonWriter w(out);
  w.begin_object();
  w.field("report_version", kReportVersion);
  w.key("a");
  figures(w, run.a);
  w.key("b");
  if (run.b.empty()) {
    w.null();
  } else {
    figures(w, run.b.front());
  }
  w.end_object();
  out.push_back('\n');
  return out;
}

}  // namespace caseflow::simulate
