#include "connectors/http/case_render.h"

#include <algorithm>

#include "engine/events/json_writer.h"
#include "engine/time/rfc3339.h"

namespace caseflow::http {

std::string local_time(Instant t, const CalendarPtr& calendar) {
  return calendar ? format_rfc3339(t, *calendar) : format_rfc3339_utc(t);
}

namespace {

CalendarPtr calendar_of(const definition::Workflow* wf, const runtime::EngineSetup* setup) {
  if (wf == nullptr || setup == nullptr || !setup->calendars) return nullptr;
  return setup->calendars->find(wf->calendar);
}

}  // namespace

definition::WorkflowPtr workflow_named(std::string_view id, const runtime::EngineSetup* setup) {
  if (setup == nullptr || !setup->catalog) return nullptr;
  const size_t at = id.rfind('@');
  if (at == std::string_view::npos) return nullptr;
  int version = 0;
  for (char c : id.substr(at + 1)) {
    if (c < '0' || c > '9') return nullptr;
    version = version * 10 + (c - '0');
  }
  return setup->catalog->find(id.substr(0, at), version);
}

CalendarPtr calendar_of_workflow(std::string_view id, const runtime::EngineSetup* setup) {
  const auto wf = workflow_named(id, setup);
  return calendar_of(wf.get(), setup);
}

std::optional<CaseInfo> collect_case(const core::Engine& engine, std::string_view id,
                                     const runtime::EngineSetup* setup) {
  const core::CaseState* state = engine.find(id);
  if (state == nullptr) return std::nullopt;
  auto view = engine.view(id);
  if (!view) return std::nullopt;
  CaseInfo info;
  info.view = std::move(*view);
  if (state->extras) {
    info.address = state->extras->address;
    info.location = state->extras->location;
  }
  const definition::Workflow* wf = engine.workflow_of(*state);
  if (wf != nullptr) {
    for (const auto& category : wf->match.categories) {
      if (category.code == info.view.category) info.service_name = category.name;
    }
  }
  info.calendar = calendar_of(wf, setup);
  info.updated_at = info.view.history.empty() ? info.view.reported_at : info.view.history.back().at;
  return info;
}

std::string_view open311_status(std::string_view s) {
  return s == "closed" || s == "withdrawn" || s == "merged" ? "closed" : "open";
}

namespace {

// "not_solved" -> "not solved": the engine's words, as a sentence for residents.
std::string spaced(std::string word) {
  std::replace(word.begin(), word.end(), '_', ' ');
  return word;
}

std::string closed_note(const core::CaseView& v, const CalendarPtr& calendar) {
  const bool by_rating = v.outcome == "rated" || v.outcome == "rated_bad_after_max_reopens";
  if (by_rating && v.rating)
    return "closed: " + spaced(v.rating->solved) + ", " + spaced(v.rating->satisfaction) +
           " (rated " + local_time(v.rating->at, calendar) + ")";
  if (v.outcome == "unrated" && v.closed_at)
    return "closed without a rating (closed " + local_time(*v.closed_at, calendar) + ")";
  if (v.outcome == "answered_at_intake") return "answered during the call";
  return "closed";  // a state written before outcomes were kept
}

}  // namespace

std::string status_note(const core::CaseView& v, const CalendarPtr& calendar) {
  const std::string unit = v.unit.empty() ? std::string("the dispatcher") : v.unit;
  const std::string& s = v.status;
  if (s == "received") return "received; waiting to be dispatched";
  if (s == "dispatched") return "dispatched to " + unit;
  if (s == "signed") return unit + " has signed for it";
  if (s == "contacted") return unit + " has contacted the reporter";
  if (s == "in_progress") return unit + " is working on it";
  if (s == "extension_requested") return unit + " asked for more time";
  if (s == "resolved") return "resolved by " + unit + "; waiting for the rating";
  if (s == "revisit") return "the return visit is under way";
  if (s == "reopened") return "reopened; back with " + unit;
  if (s == "staged" && v.plan)
    return unit + " works to an approved plan until " + local_time(v.plan->until, calendar);
  // The resident of a merged duplicate is told what became of the case it joined.
  if (s == "merged")
    return "merged into " + v.merged_into +
           (v.master_outcome.empty() ? "; that case is still open"
                                     : "; that case is closed: " + spaced(v.master_outcome));
  if (s == "closed") return closed_note(v, calendar);
  return s;  // withdrawn
}

FlatRecord request_record(const CaseInfo& c) {
  const core::CaseView& v = c.view;
  FlatRecord r;
  r.push_back({"service_request_id", v.id});
  r.push_back({"status", std::string(open311_status(v.status))});
  r.push_back({"status_notes", status_note(v, c.calendar)});
  r.push_back({"service_name", c.service_name.empty() ? v.category : c.service_name});
  r.push_back({"service_code", v.category});
  r.push_back({"description", v.description});
  r.push_back({"agency_responsible", v.unit});
  r.push_back({"service_notice", Null{}});
  r.push_back({"requested_datetime", local_time(v.reported_at, c.calendar)});
  r.push_back({"updated_datetime", local_time(c.updated_at, c.calendar)});
  if (v.expected_at && open311_status(v.status) == "open") {
    r.push_back({"expected_datetime", local_time(*v.expected_at, c.calendar)});
  } else {
    r.push_back({"expected_datetime", Null{}});
  }
  r.push_back({"address", c.address});
  r.push_back({"address_id", Null{}});
  r.push_back({"zipcode", Null{}});
  if (c.location) {
    r.push_back({"lat", c.location->lat});
    r.push_back({"long", c.location->lon});
  } else {
    r.push_back({"lat", Null{}});
    r.push_back({"long", Null{}});
  }
  r.push_back({"media_url", Null{}});
  return r;
}

namespace {

// "clocks": [...], as a case and a list entry give them.
template <typename When>
void write_clocks(events::JsonWriter& w, const std::vector<core::ClockView>& clocks,
                  const When& when) {
  w.key("clocks");
  w.begin_array();
  for (const auto& k : clocks) {
    w.begin_object();
    w.field("name", k.name);
    w.field("owner", k.owner);
    w.field("stage", k.stage);
    w.field("started_at", when(k.started_at));
    w.field("due", when(k.due));
    w.field("original_due", when(k.original_due));
    w.key("warn_at");
    if (k.warn_at) {
      w.string(when(*k.warn_at));
    } else {
      w.null();
    }
    w.field("warned", k.warned);
    w.field("breached", k.breached);
    w.field("paused", k.paused);
    w.end_object();
  }
  w.end_array();
}

// Clocks, assists and extensions: what only a case the engine holds has.
template <typename When>
void write_running_parts(events::JsonWriter& w, const core::CaseView& v, const When& when) {
  write_clocks(w, v.clocks, when);
  w.key("assists");
  w.begin_array();
  for (const auto& a : v.assists) {
    w.begin_object();
    w.field("department", a.department);
    w.field("unit", a.unit);
    w.field("status", a.status);
    w.field("summoned_at", when(a.summoned_at));
    w.end_object();
  }
  w.end_array();
  w.key("extensions");
  w.begin_array();
  for (const auto& e : v.extensions) {
    w.begin_object();
    w.field("stage", e.stage);
    w.field("asked", e.asked);
    w.field("state", e.state);
    w.field("requested_at", when(e.requested_at));
    w.field("due_before", when(e.due_before));
    w.field("due_after", when(e.due_after));
    w.end_object();
  }
  w.end_array();
}

}  // namespace

std::string case_json(const CaseInfo& c) {
  const core::CaseView& v = c.view;
  auto when = [&](Instant t) { return local_time(t, c.calendar); };
  std::string out;
  out.reserve(1024);
  events::JsonWriter w(out);
  w.begin_object();
  w.field("id", v.id);
  if (c.archived) w.field("archived", true);
  w.field("status", v.status);
  w.field("open311_status", open311_status(v.status));
  w.field("workflow", v.workflow);
  w.field("stage", v.stage);
  w.field("unit", v.unit);
  w.field("category", v.category);
  w.field("urgency", v.urgency);
  w.key("request_type");
  if (v.request_type.empty()) {
    w.null();
  } else {
    w.string(v.request_type);
  }
  w.field("description", v.description);
  w.field("channel", v.channel);
  w.field("reporter", v.reporter);
  if (v.phone_held) w.field("phone_held", true);
  w.key("place");
  w.begin_object();
  w.field("grid", v.grid);
  w.field("community", v.community);
  w.field("street", v.street);
  w.field("district", v.district);
  if (!v.compound.empty()) w.field("compound", v.compound);
  w.field("address", c.address);
  if (c.location) {
    w.key("location");
    w.begin_object();
    w.key("lat");
    w.raw(std::to_string(c.location->lat));
    w.key("lon");
    w.raw(std::to_string(c.location->lon));
    w.end_object();
  }
  w.end_object();
  if (!v.merged_into.empty()) w.field("merged_into", v.merged_into);
  w.field("reported_at", when(v.reported_at));
  if (!c.archived) {
    w.field("stage_dispatched_at", when(v.stage_dispatched_at));
    w.field("returns_at_stage", static_cast<int64_t>(v.returns_at_stage));
    w.field("reopens", static_cast<int64_t>(v.reopens));
  }
  w.key("expected_at");
  if (v.expected_at) {
    w.string(when(*v.expected_at));
  } else {
    w.null();
  }
  // How it ended; null while the case is open (the rating may come from an earlier revisit
  // that reopened the case).
  w.key("closed_at");
  if (v.closed_at) {
    w.string(when(*v.closed_at));
  } else {
    w.null();
  }
  w.key("outcome");
  if (v.closed_at && !v.outcome.empty()) {
    w.string(v.outcome);
  } else {
    w.null();
  }
  w.key("rating");
  if (v.rating) {
    w.begin_object();
    w.field("solved", v.rating->solved);
    w.field("satisfaction", v.rating->satisfaction);
    w.field("rated_at", when(v.rating->at));
    w.end_object();
  } else {
    w.null();
  }
  if (!c.archived) {
    // 阶段性办结: the plan in force, if any.
    w.key("plan");
    if (v.plan) {
      w.begin_object();
      w.field("state", v.plan->state);
      w.field("unit", v.plan->unit);
      w.field("stage", v.plan->stage);
      w.field("filed_at", when(v.plan->filed_at));
      w.field("until", when(v.plan->until));
      w.end_object();
    } else {
      w.null();
    }
    write_running_parts(w, v, when);
  }
  w.key("history");
  w.begin_array();
  for (const auto& h : v.history) {
    w.begin_object();
    w.field("at", when(h.at));
    w.field("what", h.what);
    w.field("stage", h.stage);
    w.field("unit", h.unit);
    // A live entry always names its actor ("" only for one written before actors were kept);
    // an archived row without one (archived before the archive kept actors) leaves it out.
    if (!c.archived || !h.by.empty()) w.field("by", h.by);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return out;
}

void add_live_details(ListedSummary& entry, const core::Engine& engine) {
  const core::CaseState* state = engine.find(entry.summary.id);
  if (state == nullptr) return;
  entry.grid = engine.text(state->grid);
  entry.community = engine.text(state->community);
  entry.street = engine.text(state->street);
  if (state->clocks.empty()) return;
  if (auto view = engine.view(entry.summary.id)) entry.clocks = std::move(view->clocks);
}

CalendarsByWorkflow calendars_for(const std::vector<ListedSummary>& cases,
                                  const runtime::EngineSetup* setup) {
  CalendarsByWorkflow out;
  for (const auto& listed : cases) {
    const auto& c = listed.summary;
    if (c.workflow.empty() || out.count(c.workflow)) continue;
    out.emplace(c.workflow, calendar_of_workflow(c.workflow, setup));
  }
  return out;
}

std::string summaries_json(const std::vector<ListedSummary>& cases,
                           const CalendarsByWorkflow& calendars, size_t total_matching) {
  std::string out;
  out.reserve(256 * cases.size() + 64);
  events::JsonWriter w(out);
  w.begin_object();
  w.key("cases");
  w.begin_array();
  for (const auto& listed : cases) {
    const auto& c = listed.summary;
    const auto it = calendars.find(c.workflow);
    const CalendarPtr calendar = it == calendars.end() ? nullptr : it->second;
    w.begin_object();
    w.field("id", c.id);
    if (listed.archived) w.field("archived", true);
    w.field("status", c.status);
    w.field("workflow", c.workflow);
    w.field("stage", c.stage);
    w.field("unit", c.unit);
    w.field("category", c.category);
    w.field("reported_at", local_time(c.reported_at, calendar));
    w.key("expected_at");
    if (c.expected_at) {
      w.string(local_time(*c.expected_at, calendar));
    } else {
      w.null();
    }
    w.field("grid", listed.grid);
    w.field("community", listed.community);
    w.field("street", listed.street);
    write_clocks(w, listed.clocks, [&](Instant t) { return local_time(t, calendar); });
    w.end_object();
  }
  w.end_array();
  w.field("count", static_cast<int64_t>(cases.size()));
  w.field("total", static_cast<int64_t>(total_matching));
  w.end_object();
  return out;
}

}  // namespace caseflow::http
