// Merged duplicates (合并工单, docs/engine.md "Merged duplicates"). The dispatcher's `merged` on a
// duplicate B names its master A, which may live on another partition: B asks A through the
// engine's own input topic (merge_link, keyed by A), A answers (merge_answer, keyed by B), and
// when A ends it tells each linked duplicate its outcome (master_closed, keyed by B). Until A's
// answer B keeps its status ("merge pending"); only an accepted answer closes it as merged.
#include <algorithm>
#include <string>

#include "engine/core/engine.h"
#include "engine/core/engine_step.h"

namespace caseflow::core {
namespace {

using events::CaseEvent;
using events::EventType;

std::optional<Outcome> parse_outcome(std::string_view word) {
  for (uint8_t i = 1; i <= static_cast<uint8_t>(kLastOutcome); ++i)
    if (to_string(static_cast<Outcome>(i)) == word) return static_cast<Outcome>(i);
  return std::nullopt;
}

}  // namespace

bool is_merge_event(events::EventType t) {
  return t == EventType::merge_link || t == EventType::merge_answer ||
         t == EventType::master_closed;
}

void Engine::count_event(const CaseEvent& e, std::string_view result, Effects& out) const {
  if (!options_.metrics) return;
  MetricObservation m;
  m.name = metric::kEvents;
  m.label_count = 2;
  m.labels[0] = {"type", events::short_name(e.type)};
  m.labels[1] = {"result", result};
  out.metrics.push_back(m);
}

void Engine::apply_merge_event(const CaseEvent& e, Instant now, Effects& out) {
  const std::optional<CaseSlot> found = by_id_.find(e.case_id);
  if (e.type == EventType::merge_link) {
    if (!found) {
      answer_merge(e, now, false, MergeRefusal::unknown_case, out);
      count_event(e, "refused", out);
      return;
    }
    CaseState& master = cases_[found->index];
    if (is_terminal(master.status) || master.id == e.duplicate) {
      answer_merge(e, now, false, MergeRefusal::case_closed, out);
      count_event(e, "refused", out);
      return;
    }
    Step s(*this, master, *found, now, out);
    std::vector<std::string>& linked = master.extra().duplicates;
    // A replayed link (the same duplicate again) is answered again and changes nothing.
    if (std::find(linked.begin(), linked.end(), e.duplicate) == linked.end()) {
      linked.push_back(e.duplicate);
      s.history(Happening::duplicate_linked, master.lead_unit);
      s.updated(Happening::duplicate_linked, true, e.duplicate);
    }
    answer_merge(e, now, true, MergeRefusal::unknown_case, out);
    count_event(e, "ok", out);
    if (s.changed) log_change(*this, master, options_.changelog_bytes, out);
    return;
  }
  // merge_answer and master_closed are for a duplicate that may be gone (retired): nothing to
  // tell then, and nobody to blame, so no rejection (no dead letter), only a count.
  if (!found) {
    count_event(e, "ignored", out);
    return;
  }
  CaseState& c = cases_[found->index];
  Step s(*this, c, *found, now, out);
  if (e.type == EventType::merge_answer) {
    // Only the answer the case waits for counts (one that comes after the case ended otherwise,
    // or a replay of an answer already taken, is ignored).
    if (!c.extras || c.extras->merge_pending.empty() || c.extras->merge_pending != e.master ||
        is_terminal(c.status)) {
      count_event(e, "ignored", out);
      return;
    }
    c.extras->merge_pending.clear();
    if (e.accepted) {
      c.extras->merged_into = e.master;
      finish(s, Status::merged, Outcome::merged);
    } else {
      const MergeRefusal why =
          e.reason == "unknown_case" ? MergeRefusal::unknown_case : MergeRefusal::case_closed;
      s.history(Happening::merge_refused, c.lead_unit, static_cast<uint8_t>(why));
      s.updated(Happening::merge_refused, false, to_string(why));
    }
  } else {  // master_closed
    const Outcome how = parse_outcome(e.outcome).value_or(Outcome::unknown);
    s.history(Happening::master_outcome, {}, static_cast<uint8_t>(how));
    std::string note =
        e.master + ": " + (how == Outcome::unknown ? e.outcome : std::string(to_string(how)));
    if (e.rated)
      note += " (" + std::string(events::to_string(e.solved)) + ", " +
              std::string(events::to_string(e.satisfaction)) + ")";
    s.updated(Happening::master_outcome, false, note);
  }
  count_event(e, "ok", out);
  log_change(*this, c, options_.changelog_bytes, out);
}

void Engine::answer_merge(const CaseEvent& link, Instant now, bool accepted, MergeRefusal why,
                          Effects& out) {
  Record& r = out.add_record();
  r.topic = options_.topics.events;
  r.key.assign(link.duplicate);
  r.type = OutType::merge_answer;
  // Derived from the link's id (itself "<duplicate>-<sequence>"): a replayed link gets the
  // answer it got before, with the same id.
  r.id.assign(link.event_id);
  r.id.append("/answer");
  if (!options_.encode) return;
  events::JsonWriter w(r.value);
  envelope_.begin(w, r.id, type_name(OutType::merge_answer), link.duplicate, now, Duration(),
                  false);
  w.begin_object();
  w.field("master", link.case_id);
  w.field("accepted", accepted);
  if (!accepted) w.field_unescaped("reason", to_string(why));
  w.end_object();
  events::end_envelope(w);
}

bool Engine::on_merged(Step& s, const CaseEvent& e) {
  CaseState& c = s.c;
  if (e.merged_into == c.id) return s.reject("bad_data", "a case cannot be merged into itself");
  if (c.extras && !c.extras->merge_pending.empty())
    return s.reject("merge_pending", "case " + c.id + " already waits for " +
                                         c.extras->merge_pending + " to take it as a duplicate");
  c.extra().merge_pending = e.merged_into;
  s.history(Happening::merge_requested, c.lead_unit);
  s.record_as(OutType::merge_link, options_.topics.events, e.merged_into, e.merged_into,
              [&](events::JsonWriter& w) {
                w.begin_object();
                w.field("duplicate", c.id);
                s.text_field(w, "category", c.category);
                s.text_field(w, "unit", c.lead_unit);
                w.end_object();
              });
  s.updated(Happening::merge_requested, false, e.merged_into);
  return true;
}

void Engine::tell_duplicates(Step& s, Outcome how) {
  CaseState& c = s.c;
  if (!c.extras || c.extras->duplicates.empty()) return;
  const HistoryEntry* rating = nullptr;
  if (how == Outcome::rated || how == Outcome::rated_bad_after_max_reopens)
    for (auto h = c.history.rbegin(); h != c.history.rend() && !rating; ++h)
      if (h->what == Happening::rated) rating = &*h;
  for (const std::string& duplicate : c.extras->duplicates) {
    s.record_as(OutType::master_closed, options_.topics.events, duplicate, duplicate,
                [&](events::JsonWriter& w) {
                  w.begin_object();
                  w.field("master", c.id);
                  w.field_unescaped("outcome", to_string(how));
                  if (rating) {
                    w.field_unescaped(
                        "solved",
                        events::to_string(static_cast<events::Solved>(rating->detail / 4)));
                    w.field_unescaped(
                        "satisfaction",
                        events::to_string(static_cast<events::Satisfaction>(rating->detail % 4)));
                  }
                  w.end_object();
                });
  }
}

}  // namespace caseflow::core
