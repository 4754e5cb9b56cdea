// Implementation detail of Engine (not for clients): the context of one apply call on one case,
// and the helpers every handler uses to record history, metrics and outbound records.
#pragma once

#include <charconv>
#include <cstdint>
#include <initializer_list>

#include "engine/core/assessment_facts.h"
#include "engine/core/engine.h"
#include "engine/core/metric_names.h"
#include "engine/events/envelope.h"
#include "engine/events/json_writer.h"

namespace caseflow::core {

struct Engine::Step {
  Engine& engine;
  CaseState& c;
  CaseSlot slot;
  Instant now;
  Effects& out;
  const Pinned* p = nullptr;     // the pinned workflow; null while unrouted
  bool changed = false;          // write a changelog entry at the end
  std::string_view reject_code;  // set by a handler that refuses the event
  std::string reject_message;
  bool report_pending = false;  // the next update is the case's first: it carries the report
  // Facts for the next updated or closed record's `data.assessment`; that record takes them.
  AssessmentFacts facts;
  // Who caused this step: every history entry it writes records it (HistoryEntry::actor). The
  // engine itself until apply() names the event's actor (actor_of).
  Symbol actor;

  // Refuses the event: returns false for the handler to return.
  bool reject(std::string_view code, std::string message) {
    reject_code = code;
    reject_message = std::move(message);
    return false;
  }

  Step(Engine& e, CaseState& cs, CaseSlot sl, Instant n, Effects& o)
      : engine(e), c(cs), slot(sl), now(n), out(o), p(e.pinned(cs)), actor(e.engine_actor_) {}

  const definition::Workflow* wf() const { return p ? p->workflow.get() : nullptr; }
  const definition::StageDef* stage_def() const {
    return p && c.stage < p->workflow->stages.size() ? &p->workflow->stages[c.stage] : nullptr;
  }
  const WorkingCalendar& calendar() const { return p ? *p->calendar : *round_the_clock_calendar(); }
  // The calendar's UTC offset at `now`, asked once per step (a time-zone lookup is not free).
  Duration utc_offset() const {
    if (!offset_) offset_ = calendar().utc_offset(now);
    return *offset_;
  }
  mutable std::optional<Duration> offset_;

  void history(Happening what, Symbol unit = {}, uint8_t detail = 0) {
    entry(HistoryEntry{now, unit, what, c.stage, detail});
  }
  // Appends `h` as written by this step's actor.
  void entry(HistoryEntry h) {
    h.actor = actor;
    c.history.push_back(h);
    changed = true;
  }

  // Metric labels: never one value per case or per grid, which would grow without bound.
  std::string_view workflow_label() const {
    return p ? std::string_view(p->workflow->name) : "none";
  }
  std::string_view stage_label() const {
    const auto* s = stage_def();
    return s ? std::string_view(s->name) : "none";
  }
  // A clock's `stage` label: the dispatcher queue counts as a stage of its own.
  std::string_view clock_stage_label(const Clock& k) const {
    return k.kind == ClockKind::dispatcher_queue ? std::string_view("dispatcher") : stage_label();
  }
  std::string_view street_label() const {
    return c.street.empty() ? "unknown" : engine.text(c.street);
  }
  // Grid-level units stand for one grid each, so they are counted under their community's unit.
  std::string_view unit_label() const {
    const auto* s = stage_def();
    const Symbol unit = s ? engine.assessed_unit(c, *s, c.lead_unit) : c.lead_unit;
    return unit.empty() ? "none" : engine.text(unit);
  }

  void metric(std::string_view name, MetricKind kind, double value,
              std::initializer_list<Label> labels) {
    if (!engine.options_.metrics) return;
    MetricObservation m;
    m.name = name;
    m.kind = kind;
    m.value = value;
    for (const Label& l : labels) {
      if (m.label_count == MetricObservation::kMaxLabels) break;
      m.labels[m.label_count++] = l;
    }
    out.metrics.push_back(m);
  }
  void count(std::string_view name, std::initializer_list<Label> labels) {
    metric(name, MetricKind::counter, 1, labels);
  }

  // Appends one outbound record. `data` is called with a JsonWriter positioned at the `data`
  // value, only when the Engine encodes records.
  template <typename DataWriter>
  void record(OutType type, std::string_view topic, std::string_view key, DataWriter&& data) {
    record_as(type, topic, key, c.id, data);
  }
  // record() with another CloudEvents `subject` than this case: an event this case sends another
  // case through the engine's input topic (the id is still this case's "<case id>-<sequence>").
  template <typename DataWriter>
  void record_as(OutType type, std::string_view topic, std::string_view key,
                 std::string_view subject, DataWriter&& data) {
    Record& r = out.add_record();
    r.topic = topic;
    r.key.assign(key);
    r.type = type;
    const uint32_t seq = ++c.seq.value;
    char buf[16];
    buf[0] = '-';
    auto [end, ec] = std::to_chars(buf + 1, buf + sizeof buf, seq);
    r.id.reserve(c.id.size() + static_cast<size_t>(end - buf));
    r.id.assign(c.id);
    r.id.append(buf, end);
    changed = true;
    if (!engine.options_.encode) return;
    events::JsonWriter w(r.value);
    const bool plain = id_plain() && (subject.data() == c.id.data() ||
                                      events::json_safe_prefix(subject) == subject.size());
    engine.envelope_.begin(w, r.id, type_name(type), subject, now, utc_offset(), plain);
    const size_t data_at = r.value.size();
    data(w);
    events::end_envelope(w);
    last_record_ = out.records.size() - 1;
    last_data_at_ = data_at;
  }

  // The same as record(type, topic, key, data) when it comes right after a record() of the same
  // type and data: that record's data bytes are copied instead of written again (a notice that
  // goes to a unit and to caseflow.alerts, say). Same bytes either way.
  template <typename DataWriter>
  void record_same_data(OutType type, std::string_view topic, std::string_view key,
                        DataWriter&& data) {
    if (!engine.options_.encode || last_record_ >= out.records.size() ||
        out.records[last_record_].type != type) {
      record(type, topic, key, data);
      return;
    }
    const size_t source = last_record_;
    const size_t from = last_data_at_;
    record(type, topic, key, [&](events::JsonWriter& w) {
      const std::string& value = out.records[source].value;
      w.raw(std::string_view(value).substr(from, value.size() - from - 1));  // without the '}'
    });
  }
  size_t last_record_ = SIZE_MAX;  // the last record() written in this step, and
  size_t last_data_at_ = 0;        // where its data starts

  // --- JSON fields whose escaping is known ahead ---

  // A constant of the engine's own (status, urgency, happening, reason words): never escaped.
  static void word(events::JsonWriter& w, std::string_view name, std::string_view value) {
    w.field_unescaped(name, value);
  }
  // An interned text: the interner knows whether it needs escaping.
  void text_field(events::JsonWriter& w, std::string_view name, Symbol s) const {
    if (engine.strings_.json_plain(s)) {
      w.field_unescaped(name, engine.text(s));
    } else {
      w.field(name, engine.text(s));
    }
  }
  // A name from the pinned workflow (its id, a stage or clock name).
  void name_field(events::JsonWriter& w, std::string_view name, std::string_view value) const {
    if (p && p->plain_names) {
      w.field_unescaped(name, value);
    } else {
      w.field(name, value);
    }
  }
  // The case id, checked once per step.
  bool id_plain() const {
    if (id_plain_ < 0) id_plain_ = events::json_safe_prefix(c.id) == c.id.size() ? 1 : 0;
    return id_plain_ == 1;
  }
  mutable int8_t id_plain_ = -1;

  // --- payload pieces (engine_output.cpp) ---
  void write_time(events::JsonWriter& w, std::string_view key, Instant t) const;
  void write_case(events::JsonWriter& w) const;  // the fields every record carries
  // `by`: this step's actor, so a reader of caseflow.updates and caseflow.alerts (the archive)
  // keeps who caused each history entry, as the live case shows it.
  void write_by(events::JsonWriter& w) const { text_field(w, "by", actor); }
  // `place {grid, community, street, district}`; with `known_only`, the members that are known
  // only (the updates topic's form), otherwise every member, "" when unknown (work orders).
  void write_place(events::JsonWriter& w, bool known_only = false) const;
  // `report {description, channel, reporter, address?, location?}`: what the resident said.
  void write_report(events::JsonWriter& w) const;
  void write_clock(events::JsonWriter& w, const Clock& clock) const;
  void write_clocks(events::JsonWriter& w) const;
  void write_history(events::JsonWriter& w) const;
  // For dispatches: the address and reported location if the report had them; the lead's clocks
  // in short form ({name, due, warn_at?, original_due?} and warned / breached / paused only when
  // true); and `previous {stage, unit}`, the unit that held the case before, if any.
  void write_where(events::JsonWriter& w) const;
  void write_work_clocks(events::JsonWriter& w) const;
  void write_previous(events::JsonWriter& w) const;
  // `assessment {...}` with the facts given; nothing when there are none.
  void write_assessment(events::JsonWriter& w, const AssessmentFacts& facts) const;

  // A label value for an assessment unit (bounded: never a grid's unit).
  std::string_view assessed_label(Symbol unit) const {
    return unit.empty() ? "none" : engine.text(unit);
  }

  // caseflow.case.updated to the updates topic (and to the lead unit's stage topic when
  // `tell_unit`): every state change produces one. Besides the case it carries reported_at and
  // the known place, and the first one of a case the report.
  void updated(Happening what, bool tell_unit = false, std::string_view note = {});
  // Forgets the resident's sealed phone, with a phone_erased history entry; false when the case
  // held none. The record that ends the revisit window then says `phone_erased: true`, so the
  // archive forgets it too.
  bool erase_phone();
  // The `note` of the `dispatched` update a dispatcher's assignment made: the archive's audit
  // tells an assignment from a routing by it.
  static constexpr std::string_view kAssignedNote = "assigned";
};

// Adds the case's changelog entry, with its serialized state when the engine writes state bytes.
inline void log_change(const Engine& engine, const CaseState& c, bool with_bytes, Effects& out) {
  ChangelogEntry& entry = out.add_changelog();
  entry.case_id.assign(c.id);
  if (with_bytes) engine.serialize_case(c.id, entry.state);
}

}  // namespace caseflow::core
