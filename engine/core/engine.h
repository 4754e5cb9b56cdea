// The engine core: the pure, deterministic function (case state, event, now) -> (new state,
// effects), over all cases of one partition (docs/engine.md).
//
// - apply(CaseEvent) runs an inbound case event (the inbound types of docs/kafka.md) against
//   its case.
// - fire_due(now) turns due clock deadlines into timer events and runs them through the same
//   machinery, in bounded batches, each deadline exactly once.
// - The read API (find, view, query) serves the HTTP layer.
// - serialize_case / restore_case give the changelog form of a case.
// The lifecycle and clock rules are written down in docs/engine.md.
//
// Determinism: the same sequence of calls with the same arguments (including `now`) on Engines
// built from the same workflows, calendars and directory gives byte-identical effects.
//
// Ownership and threads: an Engine owns its cases; it shares the router, calendars and directory
// (immutable). It is not thread-safe: one Engine per partition, driven by one thread at a time.
// No call throws for bad input; bad input is a Rejection effect.
#pragma once

#include <array>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/common/result.h"
#include "engine/core/calendar_registry.h"
#include "engine/core/case_index.h"
#include "engine/core/case_state.h"
#include "engine/core/case_view.h"
#include "engine/core/duplicate_index.h"
#include "engine/core/effects.h"
#include "engine/core/interner.h"
#include "engine/core/router.h"
#include "engine/core/timer_index.h"
#include "engine/core/topics.h"
#include "engine/events/case_event.h"
#include "engine/events/envelope.h"
#include "engine/geo/place.h"
#include "engine/time/span.h"

namespace caseflow::core {

// merge_link, merge_answer, master_closed: the events one case sends another (engine_merge.cpp).
bool is_merge_event(events::EventType t);

// The clock of a case waiting in the dispatcher queue (docs/engine.md "The dispatcher queue").
// Counted round the clock whatever the case's workflow: the queue is the hotline centre's, staffed
// day and night.
struct QueueClockPolicy {
  Span limit;
  int warn_at_percent = 0;  // 1..99 warns at that share of the limit; 0 = no warning
};

struct EngineOptions {
  std::string topic_prefix = "caseflow";  // also builds department topics: <prefix>.dept.<code>
  Topics topics = Topics::with_prefix("caseflow");
  std::string source = "/caseflow/engine";  // CloudEvents `source` of outbound events
  bool encode = true;           // write the CloudEvents JSON of each Record (Record::value)
  bool changelog_bytes = true;  // write serialized state into each ChangelogEntry
  bool metrics = true;          // emit MetricObservations
  // How long a terminal case (closed, withdrawn, merged) stays in memory before it is archived
  // and forgotten. nullopt: its workflow's revisit.within + 1 calendar day (1 day without a
  // workflow), counted in the case's calendar.
  std::optional<Span> retain_closed_for;
  // nullopt: a case waiting for the dispatcher has no clock.
  std::optional<QueueClockPolicy> dispatcher_queue;
};

// A due clock deadline or retirement as an event: what fire_due feeds to apply. Built from a
// TimerEntry.
struct TimerEvent {
  CaseSlot slot;
  ClockSerial serial;  // for TimerKind::retire, the slot's generation
  TimerKind kind = TimerKind::due;
  Instant at;  // the deadline (warn_at or due) the entry was armed for
};

class Engine {
 public:
  // `router` and `calendars` must not be null. `directory` may be null: then a report's grid_id
  // is taken as its place and as the unit of grid-level stages; other levels have no unit.
  Engine(EngineOptions options, WorkflowRouterPtr router, CalendarRegistryPtr calendars,
         geo::PlaceDirectoryPtr directory);
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine();  // takes its cases out of a shared duplicate index

  // Looks for possible duplicates in `index`, shared with the other engines of the process (the
  // runtime gives every partition's engine the same one), instead of an index of its own. Call
  // before the engine holds any case. Not null.
  void share_duplicate_index(std::shared_ptr<DuplicateIndex> index);

  // Applies an inbound case event at `now` and appends what follows to `out`: records, one
  // changelog entry if the case changed, metrics. If the event does not fit the case (unknown
  // case, wrong state, wrong unit, bad values) it appends one Rejection and changes nothing.
  void apply(const events::CaseEvent& event, Instant now, Effects& out);
  Effects apply(const events::CaseEvent& event, Instant now);

  // Applies a timer event (a clock's warning or deadline, a terminal case's retirement, or the
  // date of a staged case's plan). A stale timer (clock met, moved or already fired; case gone
  // or no longer due to retire; plan ended) is ignored and returns false; true when it fired.
  //
  // Retirement (docs/engine.md "Retention"): retain_closed_for after a case became terminal, it
  // gets one caseflow.case.archived record on the updates topic and a tombstone changelog entry,
  // and leaves memory; its slot is reused by the next new case.
  bool apply(const TimerEvent& timer, Instant now, Effects& out);

  // Fires clock deadlines and retirements due at or before `now`, earliest first, at most
  // `max_batch` of them (stale entries are skipped and not counted). Appends their effects,
  // including a caseflow_timer_lateness_seconds observation each. Returns the number fired; call
  // again while it returns max_batch (let input in between).
  size_t fire_due(Instant now, size_t max_batch, Effects& out);
  Effects fire_due(Instant now, size_t max_batch);

  // The earliest armed deadline (it may turn out stale); nullopt when no clock is armed.
  std::optional<Instant> next_due() const { return timers_.next(); }

  // --- read API (for the HTTP layer; results are copies unless a pointer is returned) ---

  // The case's state, or nullptr; valid until the next non-const call.
  const CaseState* find(std::string_view case_id) const;
  // A case as people read it (names, not symbols); nullopt if unknown.
  std::optional<CaseView> view(std::string_view case_id) const;
  // Cases matching `q`, in the order they were reported (ties: by slot).
  std::vector<CaseSummary> query(const CaseQuery& q) const;
  // Hands every case held (open and ended, in no particular order) to `visit` without copying
  // it: for reads that count over all of them, such as the HTTP overview of 100,000 open cases.
  // The reference is valid only during the call.
  template <typename Visit>
  void for_each_case(Visit&& visit) const {
    for (const CaseState& c : cases_) {
      if (!c.id.empty()) visit(c);
    }
  }
  // Cases held (open and terminal, not yet retired).
  size_t case_count() const { return by_id_.size(); }
  size_t open_case_count() const { return open_cases_; }
  size_t timer_entries() const { return timers_.size(); }

  // --- changelog ---

  // The case's compact, deterministic binary form; "" if unknown. Format: docs/engine.md.
  std::string serialize_case(std::string_view case_id) const;
  // The same bytes appended to `out`, reusing its capacity (the runtime's commit loop can keep
  // one buffer); false, appending nothing, if the case is unknown.
  bool serialize_case(std::string_view case_id, std::string& out) const;
  // Restores (or replaces) a case from serialize_case bytes, re-pinning its workflow version
  // through the router and re-arming its clocks (and, for a terminal case, its retirement). Errors:
  // corrupt_state, unknown_workflow_version. Returns the case id.
  Result<std::string> restore_case(std::string_view bytes);
  // Drops a case with no effects (the runtime calls it when a restore reads a tombstone): its
  // memory is freed and its slot reused. False when the case is unknown.
  bool forget_case(std::string_view case_id);

  // "" when every case satisfies the invariants of case_state.h; otherwise the first violation.
  std::string check_invariants() const;

  // The text of an interned symbol (valid for the Engine's lifetime).
  std::string_view text(Symbol s) const { return strings_.text(s); }
  // The workflow a case is pinned to; nullptr for an unrouted case.
  const definition::Workflow* workflow_of(const CaseState& c) const;

  // --- reload (engine_reload.cpp) ---

  // Swaps the definitions a hot reload loaded: new cases route with `router`, new pins take their
  // calendar from `calendars`, places are looked up in `directory` (may be null, as in the
  // constructor). Cases already pinned keep the Workflow they started with; a pinned version the
  // new router holds with identical content (same content_hash) is re-based onto the new object
  // so restores and new pins share one entry. Cached places and department units are dropped.
  // `router` and `calendars` must not be null. Same thread rules as apply().
  void replace_definitions(WorkflowRouterPtr router, CalendarRegistryPtr calendars,
                           geo::PlaceDirectoryPtr directory);

 private:
  struct Pinned {
    definition::WorkflowPtr workflow;
    CalendarPtr calendar;
    std::string id;  // "parking@1"
    std::vector<std::string_view> stage_topics;
    bool plain_names = false;  // id, stage and clock names need no JSON escaping
  };
  struct Step;  // one apply call's context (engine_step.h)
  friend struct Step;

  // engine.cpp
  WorkflowRef pin(const definition::WorkflowPtr& wf);
  CaseSlot new_case(std::string_view id);
  const Pinned* pinned(const CaseState& c) const;
  std::string_view intern_topic(std::string topic);
  // Who an inbound event says acts: its principal (stamped by the HTTP layer from the caller's
  // credential), else its source (a producer writing to Kafka directly).
  Symbol actor_of(const events::CaseEvent& e);

  // engine_retention.cpp
  // When the terminal case `c` leaves memory; nullopt if it is not terminal.
  std::optional<Instant> retire_at(const CaseState& c) const;
  void schedule_retirement(CaseSlot slot, const CaseState& c);
  bool retire(const TimerEvent& t, Instant now, Effects& out);
  // Unindexes the case, frees its memory and puts its slot on the free list.
  void drop_case(CaseSlot slot);

  // engine_lifecycle.cpp: one handler per inbound type
  void on_reported(Step& s, const events::CaseEvent& e);
  bool on_signed(Step& s, const events::CaseEvent& e);
  bool on_contacted(Step& s, const events::CaseEvent& e);
  bool on_progress(Step& s, const events::CaseEvent& e);
  bool on_returned(Step& s, const events::CaseEvent& e);
  bool on_extension_requested(Step& s, const events::CaseEvent& e);
  bool on_extension_decided(Step& s, const events::CaseEvent& e);
  bool on_assist_requested(Step& s, const events::CaseEvent& e);
  bool on_assist_reported(Step& s, const events::CaseEvent& e);
  bool on_resolved(Step& s, const events::CaseEvent& e);
  bool on_rated(Step& s, const events::CaseEvent& e);
  bool on_withdrawn(Step& s, const events::CaseEvent& e);
  bool on_merged(Step& s, const events::CaseEvent& e);  // engine_merge.cpp
  bool on_assigned(Step& s, const events::CaseEvent& e);
  // 直办: closes a just-reported case with outcome answered_at_intake.
  void answer_at_intake(Step& s, const events::CaseEvent& e);

  // engine_staged.cpp: 阶段性办结 (staged completion)
  bool on_plan_filed(Step& s, const events::CaseEvent& e);
  bool on_plan_decided(Step& s, const events::CaseEvent& e);
  // The plan's date: the staged case is back in progress with its paused clocks resumed.
  bool plan_due(const TimerEvent& t, Instant now, Effects& out);
  void schedule_plan(CaseSlot slot, const CaseState& c);

  // engine_assessment_rules.cpp: exemptions, invalid reports, return reviews
  bool on_exemption_requested(Step& s, const events::CaseEvent& e);
  bool on_exemption_decided(Step& s, const events::CaseEvent& e);
  bool on_invalid_proposed(Step& s, const events::CaseEvent& e);
  bool on_invalid_decided(Step& s, const events::CaseEvent& e);
  bool on_return_reviewed(Step& s, const events::CaseEvent& e);
  bool on_phone_revealed(Step& s, const events::CaseEvent& e);
  // assessed_unit for `unit` at stage index `stage` of the case's workflow (the unit itself when
  // the case has none).
  Symbol assessed_unit_at(const CaseState& c, uint8_t stage, Symbol unit);
  // Whether a decision that names `unit` ("" = names none) may come from `approver`: the
  // dispatcher's from anyone; a fixed unit's or a stage's unit's only from that unit.
  bool may_decide(const CaseState& c, const definition::Approver& approver, std::string_view unit);

  // engine_routing.cpp
  bool place_case(Step& s, const std::string& grid_id,
                  const std::optional<events::Location>& location);
  Symbol unit_for_stage(const CaseState& c, const definition::StageDef& stage);
  // The unit of the case's compound for `party`: Level::property = its property company,
  // anything else = its owners' committee. Empty when the case lies in no compound.
  Symbol compound_unit(const CaseState& c, definition::Level party);
  // Does the case pass over this stage (a property stage outside any compound, a skip_when
  // stage on its condition)?
  static bool skips_stage(const CaseState& c, const definition::StageDef& stage);
  // The first stage from `from` on that the case does not pass over, with a history entry for
  // each one passed. The workflow's last stage is never passed over.
  uint8_t stage_to_enter(Step& s, uint8_t from);
  // The unit the assessment counts `holder`'s work at `stage` against: the holder itself, except
  // that a grid-level stage's unit counts under its community's unit (docs/assessment.md), so one
  // community is never split across two label values.
  Symbol assessed_unit(const CaseState& c, const definition::StageDef& stage, Symbol holder);
  void dispatch(Step& s, Symbol unit, std::string_view reason);
  void tell_reassigned(Step& s, Symbol from_unit, uint8_t from_stage, std::string_view reason);
  void enter_stage(Step& s, uint8_t stage);
  void to_dispatcher(Step& s, std::string_view reason);
  void escalate(Step& s, std::string_view clock_name);
  void finish(Step& s, Status terminal, Outcome outcome);

  // engine_merge.cpp: merged duplicates (docs/engine.md "Merged duplicates"). apply_merge_event
  // takes merge_link, merge_answer and master_closed, which may name a case that is gone or
  // ended; tell_duplicates (from finish) sends a master's outcome to each linked duplicate.
  void apply_merge_event(const events::CaseEvent& e, Instant now, Effects& out);
  void answer_merge(const events::CaseEvent& link, Instant now, bool accepted, MergeRefusal why,
                    Effects& out);
  void tell_duplicates(Step& s, Outcome how);
  void count_event(const events::CaseEvent& e, std::string_view result, Effects& out) const;
  void leave_stage(Step& s);

  // engine_duplicates.cpp: possible duplicates (docs/engine.md "Possible duplicates"). An open
  // case with a location and a category is in duplicate_index_ from its report to its end (or
  // until this engine lets go of it).
  void index_for_duplicates(const CaseState& c);
  void unindex_for_duplicates(const CaseState& c);
  // The open cases in the index (this engine's, and those of the engines sharing it) that may be
  // `c` again under `policy`, nearest first, at most kMaxPossibleDuplicates.
  std::vector<std::string> possible_duplicates(const CaseState& c,
                                               const definition::DuplicatePolicy& policy) const;

  // engine_assessment.cpp: the response, rating and unrated facts and their live counters
  // (docs/assessment.md). begin_holding after every dispatch (the lead and stage are set);
  // decide_response at the holding's deciding moment, before the case moves on (a contact, or a
  // return, escalation or reassignment that takes it away first); note_breach when a lead clock
  // breaches; rate_case / leave_unrated before finish() closes the case.
  void begin_holding(Step& s);
  void decide_response(Step& s, bool reached_contact);
  void note_breach(Step& s, const Clock& clock);
  Symbol closing_unit(Step& s);
  void rate_case(Step& s, events::Solved solved, events::Satisfaction satisfaction);
  void leave_unrated(Step& s);

  // engine_clocks.cpp
  // `calendar` null: the case's own calendar.
  void arm(Step& s, ClockKind kind, uint8_t stage, uint8_t def, uint8_t owner, const Span& span,
           int warn_percent, const WorkingCalendar* calendar = nullptr);
  void arm_stage_clocks(Step& s, definition::ClockStart at);
  // Starts the dispatcher queue's clock (EngineOptions::dispatcher_queue) as a case enters the
  // queue (from its report or from a unit's hands, so none runs yet); the dispatch that takes
  // the case out ends it.
  void arm_queue_clock(Step& s);
  static void drop_queue_clock(CaseState& c);
  void schedule(CaseSlot slot, const Clock& clock);
  void drop_clocks(CaseState& c, bool lead_stage_clocks_only);
  void pause_lead_clocks(Step& s);
  void resume_lead_clocks(Step& s);
  std::string_view clock_name(const CaseState& c, const Clock& clock) const;
  const definition::ClockDef* clock_def(const CaseState& c, const Clock& clock) const;
  void on_warning(Step& s, size_t clock_index);
  void on_breach(Step& s, size_t clock_index);

  // engine_output.cpp
  const EngineOptions options_;
  const events::EnvelopeWriter envelope_{options_.source};  // outbound envelopes' constant text
  // Replaced together by replace_definitions (a hot reload); otherwise constant.
  WorkflowRouterPtr router_;
  CalendarRegistryPtr calendars_;
  geo::PlaceDirectoryPtr directory_;

  Interner strings_;
  // The actor of what the engine does by itself: its timers, and the messages one case sends
  // another (HistoryEntry::actor).
  const Symbol engine_actor_ = strings_.intern("engine");
  std::deque<CaseState> cases_;  // a deque: slots never move
  CaseIndex by_id_{cases_};
  std::vector<Pinned> pinned_;
  std::unordered_map<const definition::Workflow*, uint32_t> pinned_index_;
  // Places and units by grid, and units by department: the directory is immutable, so each is
  // asked once per Engine (a report costs a few integer lookups instead of string work).
  struct PlaceCache {
    bool known = false;
    Symbol community, street, district;
    uint8_t resolved = 0;  // bit per Level (grid..district) whose unit is in `units`
    std::array<Symbol, 4> units{};
  };
  std::vector<PlaceCache> places_;  // by grid Symbol index
  std::unordered_map<uint32_t, Symbol> department_units_;
  std::unordered_map<uint32_t, Symbol> property_units_;  // by compound Symbol index
  std::unordered_map<uint32_t, Symbol> owners_units_;    // by compound Symbol index
  std::deque<std::string> topic_texts_;
  std::unordered_map<std::string_view, std::string_view> topic_index_;
  TimerIndex timers_;
  std::shared_ptr<DuplicateIndex> duplicate_index_ = std::make_shared<DuplicateIndex>();
  size_t open_cases_ = 0;
  // Slots of retired cases, reused last-in first-out (the same inputs give the same slots), and
  // each slot's generation, bumped when it is freed, so a retirement entry armed for an earlier
  // case of the slot is recognised as stale.
  std::vector<uint32_t> free_slots_;
  std::vector<uint32_t> generations_;
};

}  // namespace caseflow::core
