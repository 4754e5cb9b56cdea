// Cases as people and the HTTP API read them: names instead of symbols, times as instants.
// Plain values, copied out of the Engine (engine.h: view, query).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/time/instant.h"

namespace caseflow::core {

struct ClockView {
  std::string name;   // "sign", "resolve", "revisit", "report" (assist), ...
  std::string owner;  // the unit the clock runs against (the lead, or an assisting unit)
  std::string stage;
  Instant started_at;
  Instant due;
  Instant original_due;  // differs from `due` after an approved extension
  std::optional<Instant> warn_at;
  bool warned = false;
  bool breached = false;
  bool paused = false;
};

struct AssistView {
  std::string department;
  std::string unit;
  std::string status;  // summoned, reported, done
  Instant summoned_at;
};

struct ExtensionView {
  std::string stage;
  std::string asked;  // span text
  std::string state;  // pending, approved, refused, cancelled
  Instant requested_at;
  Instant due_before;
  Instant due_after;
};

struct HistoryView {
  Instant at;
  std::string what;  // Happening name: "dispatched", "escalated", ...
  std::string stage;
  std::string unit;
  // Who did it: "unit:grid:G02", "dispatcher:li", "resident:open311", an event's source, or
  // "engine"; "" when not recorded (written before actors were kept).
  std::string by;
};

// The resident's verdict at the return visit (回访).
struct RatingView {
  std::string solved;        // solved, partly, not_solved
  std::string satisfaction;  // satisfied, basically, unsatisfied, no_answer
  Instant at;
};

// 阶段性办结: the lead's plan to finish by a date (filed, or approved: the case is staged).
struct PlanView {
  std::string state;  // filed, approved
  std::string unit;   // the lead that filed it
  std::string stage;
  Instant filed_at;
  Instant until;
};

struct CaseView {
  std::string id;
  std::string status;
  std::string workflow;  // "parking@1"; "" when unrouted
  std::string stage;
  std::string unit;  // the lead unit (主办); "" in the dispatcher queue
  std::string category;
  std::string urgency;
  std::string request_type;  // consultation, help, complaint, suggestion, report; "" if not said
  std::string description;
  std::string channel;
  std::string reporter;     // masked
  bool phone_held = false;  // the case holds the resident's sealed phone (never shown here)
  std::string grid, community, street, district;
  std::string compound;  // the residential compound; "" = none
  std::string merged_into;
  // Merged duplicates: the master this case waits to be merged into ("" if none), the duplicates
  // linked to this case, and once a master this case was merged into ended, its outcome.
  std::string merge_pending;
  std::vector<std::string> duplicates;
  std::string master_outcome;
  Instant reported_at;
  Instant stage_dispatched_at;
  int returns_at_stage = 0;
  int reopens = 0;
  std::optional<Instant> expected_at;  // the earliest due of the lead's open clocks (Open311)
  // Once the case ended (closed, withdrawn, merged): when, and the closed record's outcome
  // (rated, rated_bad_after_max_reopens, unrated, withdrawn, merged, answered_at_intake; "" if
  // not recorded).
  std::optional<Instant> closed_at;
  std::string outcome;
  std::optional<RatingView> rating;  // the latest rating, if the case was ever rated
  std::optional<PlanView> plan;      // the plan in force (filed or approved), if any
  std::vector<ClockView> clocks;
  std::vector<AssistView> assists;
  std::vector<ExtensionView> extensions;
  std::vector<HistoryView> history;
};

struct CaseSummary {
  std::string id;
  std::string status;
  std::string workflow;
  std::string stage;
  std::string unit;
  std::string category;
  Instant reported_at;
  std::optional<Instant> expected_at;
};

struct CaseQuery {
  std::optional<std::string> status;    // a status name
  std::optional<std::string> unit;      // lead unit id
  std::optional<std::string> workflow;  // workflow name (any version)
  std::optional<std::string> stage;
  std::optional<std::string> category;
  bool open_only = false;
  bool breached_only = false;  // only cases with a breached open clock
  size_t offset = 0;
  size_t limit = 100;
};

}  // namespace caseflow::core
