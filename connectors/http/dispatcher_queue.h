// The dispatcher's queue (GET /api/v1/queue): what waits for a decision at the 12345 desk.
//   unrouted   a case with no unit: no workflow took it, it could not be placed, its stage has no
//              unit, or a unit returned it without saying where it belongs (退单)
//   extension  a unit's request for more time (延期), not yet decided
//   exemption  a unit's application to leave the assessment (申请免考核), not yet decided
// Each item says why it waits and since when, and who decides. The engine keeps no reason on an
// unrouted case, only its history, so the reason is read from there: the entry before the case
// went to the queue (a return, an escalation, the report) and what the case lacks. Pure;
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/case_view.h"
#include "engine/definition/workflow.h"

namespace caseflow::http {

struct QueueItem {
  std::string kind;  // unrouted, extension, exemption
  std::string case_id;
  Instant since;       // when it started waiting
  std::string reason;  // unrouted: no_workflow, unplaced, no_unit, returned, max_returns
  std::string unit;    // the unit that returned it, asked for the extension, or applied
  std::string stage;
  std::string asked;     // extension: the span asked for
  std::string approver;  // extension, exemption: dispatcher, stage:<name> or unit:<id>
  // unrouted: the dispatcher's own clock (`dispatcher_queue`), when the engine runs one.
  std::optional<core::ClockView> clock;
};

// What of case `c` waits in the queue (nothing, or one item per waiting thing). `wf` is the
// case's workflow version (null when unrouted or no longer loaded: approvers are then unknown,
// "").
std::vector<QueueItem> queue_items(const core::CaseView& c, const definition::Workflow* wf);

struct QueuedCase {
  core::CaseView view;
  std::vector<QueueItem> items;
};

// {"items":[{kind, case, since, reason?, unit?, stage, asked?, approver?, clock?, status,
// workflow, category, description, grid, street}], "count"}, the longest waiting first; times in
// UTC. `clock` is {due, warn_at?, warned, breached}.
std::string queue_json(const std::vector<QueuedCase>& cases);

}  // namespace caseflow::http
