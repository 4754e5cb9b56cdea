#include "connectors/http/workflow_render.h"

#include "engine/geo/unit_directory.h"

namespace caseflow::http {
namespace {

std::string_view start_name(definition::ClockStart start) {
  switch (start) {
    case definition::ClockStart::dispatch:
      return "dispatch";
    case definition::ClockStart::sign:
      return "sign";
    case definition::ClockStart::resolve:
      return "resolve";
  }
  return "";
}

}  // namespace

void write_stages(events::JsonWriter& w, const definition::Workflow& wf) {
  w.begin_array();
  for (const definition::StageDef& s : wf.stages) {
    w.begin_object();
    w.field("name", s.name);
    w.field("level", geo::level_name(s.level));
    w.field("department", s.department);
    w.key("clocks");
    w.begin_array();
    for (const definition::ClockDef& k : s.clocks) {
      w.begin_object();
      w.field("name", k.name);
      w.field("starts_at", start_name(k.starts_at));
      w.field("limit", to_string(k.limit));
      w.field("warn_at_percent", static_cast<int64_t>(k.warn_at_percent));
      w.field("escalate", k.on_breach.escalate);
      w.field("supervise", k.on_breach.supervise);
      w.end_object();
    }
    w.end_array();
    w.field("max_returns", static_cast<int64_t>(s.returns.max_returns));
    w.end_object();
  }
  w.end_array();
}

void write_last_reload(events::JsonWriter& w, const std::optional<ReloadRecord>& last) {
  if (!last) {
    w.null();
    return;
  }
  w.begin_object();
  w.field("at", last->at, Duration{});
  w.field("reloaded", last->outcome.ok());
  w.field("message", last->outcome.message);
  w.key("diagnostics");
  w.begin_array();
  for (const auto& d : last->outcome.problems) w.string(d.to_string());
  w.end_array();
  w.key("workflows");
  w.begin_array();
  for (const auto& id : last->outcome.workflows) w.string(id);
  w.end_array();
  w.end_object();
}

}  // namespace caseflow::http
