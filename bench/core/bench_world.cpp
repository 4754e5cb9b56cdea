#include "bench/core/bench_world.h"

#include <unistd.h>

#include <cstdio>

#include "engine/core/simple_router.h"
#include "engine/events/json_writer.h"

namespace caseflow::bench {
namespace {

class GridCity final : public geo::PlaceDirectory {
 public:
  std::optional<geo::Place> place_of_grid(std::string_view grid_id) const override {
    if (grid_id.size() < 2 || grid_id[0] != 'g') return std::nullopt;
    const int n = std::atoi(std::string(grid_id.substr(1)).c_str());
    if (n < 0 || n >= 16000) return std::nullopt;
    return geo::Place{std::string(grid_id), "c" + std::to_string(n / 20),
                      "s" + std::to_string(n / 200), "d" + std::to_string(n / 2000)};
  }
  std::optional<geo::Place> locate(double, double, geo::Datum) const override {
    return std::nullopt;
  }
  std::optional<std::string> unit_for(definition::Level level, const geo::Place& p) const override {
    switch (level) {
      case definition::Level::grid:
        return "u-" + p.grid_id;
      case definition::Level::community:
        return "u-" + p.community_id;
      case definition::Level::street:
        return "u-" + p.street_id;
      case definition::Level::district:
        return "u-" + p.district_id;
      default:
        return std::nullopt;
    }
  }
  std::optional<std::string> department_unit(std::string_view code) const override {
    return "dept-" + std::string(code);
  }
};

definition::ClockDef clock(const char* name, Span limit) {
  definition::ClockDef c;
  c.name = name;
  c.limit = limit;
  c.warn_at_percent = 80;
  c.on_breach.escalate = true;
  return c;
}

}  // namespace

geo::PlaceDirectoryPtr make_directory() { return std::make_shared<GridCity>(); }

definition::WorkflowPtr make_workflow() {
  auto wf = std::make_shared<definition::Workflow>();
  wf->name = "parking";
  wf->calendar = "none";
  wf->match.categories.push_back({"parking.*", "", ""});
  for (auto [name, level] : {std::pair{"grid", definition::Level::grid},
                             std::pair{"community", definition::Level::community},
                             std::pair{"street", definition::Level::street}}) {
    definition::StageDef s;
    s.name = name;
    s.level = level;
    s.topic = std::string("caseflow.stage.") + name;
    s.clocks = {clock("sign", Span{Span::Unit::hours, 1}),
                clock("contact", Span{Span::Unit::hours, 4}),
                clock("resolve", Span{Span::Unit::days, 3})};
    s.returns.max_returns = 2;
    s.returns.fallback_owner = "u-fallback";
    s.extensions.max_extension = Span{Span::Unit::days, 2};
    wf->stages.push_back(s);
  }
  return wf;
}

std::unique_ptr<core::Engine> make_engine(bool encode) {
  core::EngineOptions options;
  options.encode = encode;
  options.changelog_bytes = false;  // serialised once per case per batch (see core_bench.cpp)
  return std::make_unique<core::Engine>(
      options, std::make_shared<core::SimpleRouter>(std::vector{make_workflow()}),
      std::make_shared<core::MapCalendarRegistry>(), make_directory());
}

events::CaseEvent report_event(const std::string& id, int grid) {
  events::CaseEvent e;
  e.type = events::EventType::reported;
  e.case_id = id;
  e.event_id = "in-" + id;
  e.source = "/bench";
  e.category = "parking.illegal";
  e.grid_id = "g" + std::to_string(grid);
  e.description = std::string(200, 'x');
  e.channel = "hotline";
  e.reporter = "138****5678";
  return e;
}

events::CaseEvent simple_event(events::EventType type, const std::string& id) {
  events::CaseEvent e;
  e.type = type;
  e.case_id = id;
  e.event_id = "in";
  e.source = "/bench";
  return e;
}

std::string to_json(const events::CaseEvent& e) {
  std::string out;
  events::JsonWriter w(out);
  w.begin_object();
  w.field("specversion", "1.0");
  w.field("id", e.event_id);
  w.field("source", e.source);
  w.field("type", events::type_name(e.type));
  w.field("subject", e.case_id);
  w.field("time", "2026-03-02T09:00:00+08:00");
  w.field("datacontenttype", "application/json");
  w.key("data");
  w.begin_object();
  switch (e.type) {
    case events::EventType::reported:
      w.field("category", e.category);
      w.field("description", e.description);
      w.field("grid_id", e.grid_id);
      w.field("channel", e.channel);
      w.field("reporter", "13812345678");
      break;
    case events::EventType::returned:
      w.field("reason", "not our grid");
      if (!e.grid_id.empty()) w.field("grid_id", e.grid_id);
      break;
    case events::EventType::extension_requested:
      w.field("extend_by", e.extend_by);
      break;
    case events::EventType::extension_decided:
      w.field("approved", e.approved);
      break;
    case events::EventType::rated:
      w.field("solved", events::to_string(e.solved));
      w.field("satisfaction", events::to_string(e.satisfaction));
      break;
    default:
      w.field("note", "on it");
  }
  w.end_object();
  w.end_object();
  return out;
}

size_t resident_bytes() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  long pages = 0, resident = 0;
  const int n = std::fscanf(f, "%ld %ld", &pages, &resident);
  std::fclose(f);
  return n == 2 ? static_cast<size_t>(resident) * static_cast<size_t>(sysconf(_SC_PAGESIZE)) : 0;
}

}  // namespace caseflow::bench
