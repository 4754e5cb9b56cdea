// The payloads of outbound CloudEvents (docs/engine.md "Effects").
#include <utility>

#include "engine/core/engine.h"
#include "engine/core/engine_step.h"

#include <utility>

namespace caseflow::core {

void Engine::Step::write_time(events::JsonWriter& w, std::string_view key, Instant t) const {
  w.field(key, t, utc_offset());
}

void Engine::Step::write_case(events::JsonWriter& w) const {
  if (id_plain()) {
    w.field_unescaped("case_id", c.id);
  } else {
    w.field("case_id", c.id);
  }
  word(w, "status", to_string(c.status));
  name_field(w, "workflow", p ? std::string_view(p->id) : std::string_view());
  name_field(w, "stage", stage_def() ? std::string_view(stage_def()->name) : std::string_view());
  text_field(w, "unit", c.lead_unit);
  text_field(w, "category", c.category);
  word(w, "urgency", events::to_string(c.urgency));
}

void Engine::Step::write_place(events::JsonWriter& w, bool known_only) const {
  w.key("place");
  w.begin_object();
  auto member = [&](std::string_view name, Symbol s) {
    if (!known_only || !s.empty()) text_field(w, name, s);
  };
  member("grid", c.grid);
  member("community", c.community);
  member("street", c.street);
  member("district", c.district);
  if (!c.compound.empty()) text_field(w, "compound", c.compound);
  w.end_object();
}

void Engine::Step::write_report(events::JsonWriter& w) const {
  w.key("report");
  w.begin_object();
  w.field("description", c.description);
  text_field(w, "channel", c.channel);
  text_field(w, "reporter", c.reporter);
  if (c.request_type != definition::RequestType::none)
    word(w, "request_type", events::to_string(c.request_type));
  write_where(w);
  w.end_object();
}

void Engine::Step::write_clock(events::JsonWriter& w, const Clock& k) const {
  w.begin_object();
  name_field(w, "name", engine.clock_name(c, k));
  const Symbol owner =
      k.owner != Clock::kLead && k.owner < c.assists.size() ? c.assists[k.owner].unit : c.lead_unit;
  text_field(w, "unit", owner);
  write_time(w, "started_at", k.started_at);
  write_time(w, "due", k.due);
  if (k.original_due != k.due) write_time(w, "original_due", k.original_due);
  if (k.warn_at != Instant::max()) write_time(w, "warn_at", k.warn_at);
  w.field("warned", k.warned());
  w.field("breached", k.breached());
  w.field("paused", k.paused());
  w.end_object();
}

void Engine::Step::write_clocks(events::JsonWriter& w) const {
  w.key("clocks");
  w.begin_array();
  for (const Clock& k : c.clocks) write_clock(w, k);
  w.end_array();
}

void Engine::Step::write_where(events::JsonWriter& w) const {
  if (!c.extras) return;
  if (!c.extras->address.empty()) w.field("address", c.extras->address);
  if (const auto& at = c.extras->location) {
    static constexpr std::string_view kDatums[] = {"wgs84", "gcj02", "bd09"};
    w.key("location");
    w.begin_object();
    w.key("lat");
    w.decimal(at->lat);
    w.key("lon");
    w.decimal(at->lon);
    word(w, "datum", kDatums[at->datum < 3 ? at->datum : 0]);
    w.end_object();
  }
}

void Engine::Step::write_work_clocks(events::JsonWriter& w) const {
  w.key("clocks");
  w.begin_array();
  for (const Clock& k : c.clocks) {
    if (k.owner != Clock::kLead) continue;  // assists' clocks go to the assisting units
    w.begin_object();
    name_field(w, "name", engine.clock_name(c, k));
    write_time(w, "due", k.due);
    if (k.original_due != k.due) write_time(w, "original_due", k.original_due);
    if (k.warn_at != Instant::max()) write_time(w, "warn_at", k.warn_at);
    if (k.warned()) w.field("warned", true);
    if (k.breached()) w.field("breached", true);
    if (k.paused()) w.field("paused", true);
    w.end_object();
  }
  w.end_array();
}

void Engine::Step::write_previous(events::JsonWriter& w) const {
  // The newest entry is this dispatch; the one before it names the previous holder.
  if (c.history.size() < 2) return;
  for (size_t i = c.history.size() - 1; i-- > 0;) {
    const HistoryEntry& h = c.history[i];
    if (h.what != Happening::dispatched || h.unit.empty()) continue;
    const definition::Workflow* workflow = wf();
    w.key("previous");
    w.begin_object();
    name_field(w, "stage",
               workflow && h.stage < workflow->stages.size()
                   ? std::string_view(workflow->stages[h.stage].name)
                   : std::string_view());
    text_field(w, "unit", h.unit);
    w.end_object();
    return;
  }
}

void Engine::Step::write_history(events::JsonWriter& w) const {
  const definition::Workflow* workflow = wf();
  w.key("history");
  w.begin_array();
  for (const HistoryEntry& h : c.history) {
    w.begin_object();
    write_time(w, "at", h.at);
    w.field("what", to_string(h.what));
    if (workflow && h.stage < workflow->stages.size())
      w.field("stage", workflow->stages[h.stage].name);
    if (!h.unit.empty()) w.field("unit", engine.text(h.unit));
    w.end_object();
  }
  w.end_array();
}

void Engine::Step::write_assessment(events::JsonWriter& w, const AssessmentFacts& f) const {
  if (f.empty()) return;
  w.key("assessment");
  w.begin_object();
  if (f.response) {
    w.key("response");
    w.begin_object();
    text_field(w, "unit", f.response->unit);
    const definition::Workflow* workflow = wf();
    name_field(w, "stage",
               workflow && f.response->stage < workflow->stages.size()
                   ? std::string_view(workflow->stages[f.response->stage].name)
                   : std::string_view());
    w.field("on_time", f.response->on_time);
    w.end_object();
  }
  if (f.rating) {
    w.key("rating");
    w.begin_object();
    text_field(w, "unit", f.rating->unit);
    word(w, "solved", events::to_string(f.rating->solved));
    word(w, "satisfaction", events::to_string(f.rating->satisfaction));
    w.end_object();
  }
  if (f.unrated) {
    w.key("unrated");
    w.begin_object();
    text_field(w, "unit", *f.unrated);
    w.end_object();
  }
  if (!f.returned_by.empty()) text_field(w, "returned_by", f.returned_by);
  if (f.exemption) {
    w.key("exemption");
    w.begin_object();
    text_field(w, "unit", f.exemption->unit);
    word(w, "step", f.exemption->step);
    w.field("reason", f.exemption->reason);
    w.end_object();
  }
  if (f.invalid) {
    w.key("invalid");
    w.begin_object();
    text_field(w, "unit", f.invalid->unit);
    word(w, "step", f.invalid->step);
    word(w, "reason", events::to_string(f.invalid->reason));
    w.end_object();
  }
  if (f.return_review) {
    w.key("return_review");
    w.begin_object();
    text_field(w, "unit", f.return_review->unit);
    w.field("justified", f.return_review->justified);
    w.end_object();
  }
  if (f.plan) {
    w.key("plan");
    w.begin_object();
    text_field(w, "unit", f.plan->unit);
    word(w, "step", f.plan->step);
    write_time(w, "until", f.plan->until);
    w.end_object();
  }
  if (f.answered_at_intake) w.field("answered_at_intake", true);
  w.end_object();
}

void Engine::Step::updated(Happening what, bool tell_unit, std::string_view note) {
  const bool with_report = report_pending;
  report_pending = false;
  const AssessmentFacts taken = std::exchange(facts, AssessmentFacts{});
  // The sealed phone travels once, to the archive on the updates topic, never to a unit's topic.
  const std::string_view sealed_phone =
      with_report && c.extras ? std::string_view(c.extras->sealed_phone) : std::string_view();
  auto write_with = [&](events::JsonWriter& w, bool with_phone) {
    w.begin_object();
    write_case(w);
    word(w, "change", to_string(what));
    if (!note.empty()) w.field("note", note);
    write_by(w);
    write_time(w, "reported_at", c.reported_at);
    write_place(w, true);
    if (with_report) write_report(w);
    if (with_phone && !sealed_phone.empty()) w.field("sealed_phone", sealed_phone);
    write_assessment(w, taken);
    w.end_object();
  };
  record(OutType::updated, engine.options_.topics.updates, c.id,
         [&](events::JsonWriter& w) { write_with(w, true); });
  if (!tell_unit || !p || c.lead_unit.empty()) return;
  auto write_for_unit = [&](events::JsonWriter& w) { write_with(w, false); };
  if (sealed_phone.empty()) {
    record_same_data(OutType::updated, p->stage_topics[c.stage], engine.text(c.lead_unit),
                     write_for_unit);
  } else {
    record(OutType::updated, p->stage_topics[c.stage], engine.text(c.lead_unit), write_for_unit);
  }
}

bool Engine::Step::erase_phone() {
  if (!c.extras || c.extras->sealed_phone.empty()) return false;
  std::string& sealed = c.extras->sealed_phone;
  std::fill(sealed.begin(), sealed.end(), '\0');
  sealed.clear();
  sealed.shrink_to_fit();
  history(Happening::phone_erased);
  changed = true;
  return true;
}

}  // namespace caseflow::core
