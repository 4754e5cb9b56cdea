// The state of one case as the engine keeps it in memory. Compact on purpose (about 1 KiB per
// open case with three clocks and a 200-byte description, see bench/core): strings that repeat
// across cases (units, categories, places) are Symbols of the Engine's Interner, the workflow is
// an index into the Engine's pinned versions, small counters are bytes.
//
// Invariants (checked by Engine::check_invariants in tests):
// - a terminal case (closed, withdrawn, merged) has no open clocks, no pending extension and no
//   plan; a case is `staged` exactly when it has an approved plan;
// - every clock's owner is the lead (kLead) or an existing assist; stage < workflow stage count;
// - a case with a workflow has lead_unit set unless its status is `received`;
// - warned/breached are set at most once per clock arming (ClockSerial).
// Plain value; not thread-safe (owned by one Engine).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/ids.h"
#include "engine/core/status.h"
#include "engine/definition/workflow.h"
#include "engine/events/case_event.h"
#include "engine/time/instant.h"
#include "engine/time/span.h"

namespace caseflow::core {

// Which definition a clock comes from.
enum class ClockKind : uint8_t {
  stage,           // ClockDef `def` of StageDef `stage`
  revisit,         // RevisitPolicy::within, started at resolution
  assist_report,   // AssistPolicy::report_within of assist `owner`
  assist_resolve,  // AssistPolicy::resolve_within of assist `owner`
  // EngineOptions::dispatcher_queue: the dispatcher's time with a case waiting in its queue (no
  // workflow, place or unit, or returned with no next unit). Owner kLead, no unit; never paused.
  dispatcher_queue,
};

struct Clock {
  static constexpr uint8_t kLead = 0xff;
  static constexpr uint8_t kWarned = 1, kBreached = 2, kPaused = 4;

  Instant started_at;
  Instant due;           // the current deadline (moved by an approved extension)
  Instant warn_at;       // Instant::max() when the clock has no warning
  Instant original_due;  // the deadline as first set; never moved by extensions
  Instant paused_at;     // meaningful only while kPaused
  ClockSerial serial;
  ClockKind kind = ClockKind::stage;
  uint8_t stage = 0;      // stage index (for ClockKind::stage)
  uint8_t def = 0;        // index into StageDef::clocks (for ClockKind::stage)
  uint8_t owner = kLead;  // kLead, or the index of the assist it belongs to
  uint8_t flags = 0;

  bool warned() const { return (flags & kWarned) != 0; }
  bool breached() const { return (flags & kBreached) != 0; }
  bool paused() const { return (flags & kPaused) != 0; }
};

enum class AssistStatus : uint8_t { summoned, reported, done };

struct Assist {  // an assisting unit (协办), summoned by 吹哨, reporting by 报到
  Symbol department;
  Symbol unit;
  Instant summoned_at;
  AssistStatus status = AssistStatus::summoned;
};

enum class ExtensionState : uint8_t { pending, approved, refused, cancelled };

struct Extension {  // one 延期 request and its decision; the original deadline is kept
  Instant requested_at;
  Instant decided_at;
  Instant due_before;  // the clock's deadline when asked
  Instant due_after;   // the new deadline once approved (== due_before otherwise)
  Span asked;
  ClockSerial clock;  // the clock it applies to (serial at the time of asking)
  uint8_t stage = 0;
  ExtensionState state = ExtensionState::pending;
};

// The case's compact history: 24 bytes an entry. The actor costs 8 of them (4 for its Symbol, 4
// of alignment padding): who did it is what an audit asks first, and one Symbol is the least
// that says it.
struct HistoryEntry {
  Instant at;
  Symbol unit;  // the unit concerned, if any
  Happening what = Happening::reported;
  uint8_t stage = 0;
  uint8_t detail = 0;  // e.g. the rating, packed: solved * 4 + satisfaction
  // Who caused it: the event's principal ("unit:grid:G02", "dispatcher:li"), else its source;
  // "engine" for the engine's own timers and messages; empty in states written before it was kept.
  Symbol actor;
};

enum class PlanState : uint8_t { filed, approved };

// 阶段性办结: the lead cannot finish before `until` (a road must be rebuilt) and files a plan.
// Filed, it waits for approval while every clock runs; approved, the case is `staged` and the
// lead's resolve clocks are paused until `until`, when a timer (TimerKind::plan) brings the case
// back in progress. At most one plan at a time; it ends with its refusal, its date, a resolution
// or the case leaving the lead.
struct StagedPlan {
  Instant filed_at;
  Instant until;
  Symbol unit;         // the lead that filed it
  ClockSerial serial;  // of the plan's timer entry, once approved
  uint8_t stage = 0;
  PlanState state = PlanState::filed;
};

// Things most cases never have, kept out of line.
struct CaseExtras {
  std::string address;
  std::string merged_into;
  std::optional<events::Location> location;
  std::optional<StagedPlan> plan;
  // Merged duplicates (合并工单): on a duplicate, the master it asked to be merged into while the
  // answer is awaited ("" otherwise; `merged_into` is set once accepted); on a master, the
  // duplicates it linked, in the order they came (each hears the master's outcome).
  std::string merge_pending;
  std::vector<std::string> duplicates;
  // The resident's phone sealed by the runtime ("v1:...", opaque here): kept until the revisit
  // window ends (the case closes or is withdrawn; a merged case when it leaves memory).
  std::string sealed_phone;
};

struct CaseState {
  static constexpr size_t kMaxCountedStages = 8;  // returns per stage beyond 8 share the last slot
  static constexpr uint8_t kForcedOwner = 1;      // the unit is a fallback / dispatcher choice
  static constexpr uint8_t kUnplaced = 2;         // no place could be found for the report
  // `assessment` bits, about the current holding (the lead unit's time with the case since its
  // dispatch): it still owes its response fact (the first holding of its assessment unit, at a
  // stage with a sign or contact clock), and a lead clock stopping at sign or contact breached.
  static constexpr uint8_t kResponseOwed = 1;
  static constexpr uint8_t kResponseLate = 2;

  std::string id;
  std::string description;  // masked, as reported
  Instant reported_at;
  Instant stage_dispatched_at;  // first dispatch at the current stage (delays in signing show)
  WorkflowRef workflow;
  Symbol category, grid, community, street, district;
  Symbol compound;  // the residential compound the report lies in; empty = none
  Symbol lead_unit;
  Symbol channel, reporter;
  Status status = Status::received;
  Status status_before_extension = Status::in_progress;
  definition::Urgency urgency = definition::Urgency::normal;
  definition::RequestType request_type = definition::RequestType::none;
  uint8_t stage = 0;
  uint8_t reopens = 0;
  uint8_t flags = 0;
  uint8_t assessment = 0;                            // kResponseOwed | kResponseLate
  std::array<uint8_t, kMaxCountedStages> returns{};  // 退单 count per stage (saturating)
  CaseSeq seq;                                       // output records written so far
  ClockSerial next_clock_serial;
  std::vector<Clock> clocks;  // open clocks only: a clock that is met is removed
  std::vector<Assist> assists;
  std::vector<Extension> extensions;
  std::vector<HistoryEntry> history;
  // The assessment units that have had their response fact: one per (case, unit), ever.
  std::vector<Symbol> responded;
  std::unique_ptr<CaseExtras> extras;

  uint8_t& returns_at(size_t stage_index) {
    return returns[stage_index < kMaxCountedStages ? stage_index : kMaxCountedStages - 1];
  }
  uint8_t returns_at(size_t stage_index) const {
    return returns[stage_index < kMaxCountedStages ? stage_index : kMaxCountedStages - 1];
  }
  CaseExtras& extra() {
    if (!extras) extras = std::make_unique<CaseExtras>();
    return *extras;
  }
  StagedPlan* plan() { return extras && extras->plan ? &*extras->plan : nullptr; }
  const StagedPlan* plan() const { return extras && extras->plan ? &*extras->plan : nullptr; }
  void drop_plan() {
    if (extras) extras->plan.reset();
  }
};

}  // namespace caseflow::core
