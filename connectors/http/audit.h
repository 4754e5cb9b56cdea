// The audit view (GET /api/v1/audit, docs/http.md "The audit view"): the decisions that change a
// unit's rates in the assessment — extensions approved or refused, exemptions granted or refused,
// invalid reports confirmed or refused, returns judged, the dispatcher's assignments and
// reassignments — each with who decided (the history entry's actor), read from the history of
// the cases the engines hold, and from the case archive's history for the cases they no longer
// hold (archived_audit_item). Pure apart from reading an Engine (on the processing thread).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "connectors/archive/archive_store.h"
#include "connectors/http/form.h"
#include "connectors/runtime/engine_setup.h"
#include "engine/common/result.h"
#include "engine/core/engine.h"
#include "engine/time/instant.h"

namespace caseflow::http {

// GET /api/v1/audit, parsed.
struct AuditQuery {
  std::optional<Instant> from;      // the decision's time, inclusive
  std::optional<Instant> to;        // exclusive
  std::optional<std::string> unit;  // entries about this unit only
  size_t offset = 0;
  size_t limit = 100;
};

// The query's parameters checked and read; an Error (code bad_query) says what is wrong.
// `limit` is capped at `max_list`.
Result<AuditQuery> parse_audit_query(const FormFields& query, size_t max_list);

struct AuditItem {
  std::string case_id;
  std::string what;  // the history entry's name: extension_approved, assigned, ...
  std::string by;    // the actor: "dispatcher:li", "unit:street:S1", ...; "" when not recorded
  Instant at;
  std::string unit;  // the unit whose rates the decision touches
  // For a reassignment, the unit that lost the case ("" otherwise): it is affected too.
  std::string from_unit;
  // Why, as far as the engine's history knows: an invalid report's reason word (malicious,
  // duplicate, out_of_scope, unreachable), "reassigned" or "from_queue" for an assignment, ""
  // otherwise. The words the decider wrote travel on caseflow.updates (`note`), not in the
  // history.
  std::string reason;
  std::string stage;
  std::string workflow;  // "parking@1": its calendar gives the times' offset
  std::string street, community;
};

// The decisions in the history of case `c` of `engine` that fall in the query's time range and
// unit, appended to `out` (call on the processing thread).
void collect_audit(const core::Engine& engine, const core::CaseState& c, const AuditQuery& q,
                   std::vector<AuditItem>& out);

// The archive's decision `d` (of a case no engine here holds) as the view lists it; nullopt when
// it is not about the query's unit. The archive knows what the records on caseflow.updates said:
// the unit of an exemption, invalid-report or return decision is the one its assessment fact
// names (the assessment unit: a grid's decision names its community's unit), the reason of an
// invalid report the fact's; an assignment's unit is the case's new unit.
std::optional<AuditItem> archived_audit_item(const archive::DecisionRow& d, const AuditQuery& q);

// Whether the case archive's decisions are in the view: `included`; `disabled` (no archive is
// configured here: only the engines' cases are listed); `unavailable` (it could not be read just
// now: only the engines' cases are listed).
enum class ArchiveSource : int { included, disabled, unavailable };
std::string_view to_string(ArchiveSource source);

// Newest first; equal times by case id, descending.
bool audit_before(const AuditItem& a, const AuditItem& b);

// {"items":[{case_id, what, by, at, unit, from_unit?, reason, stage}],"count":N,"total":M,
// "archive":"included|disabled|unavailable"}, times in each case's calendar (`local_time` of
// case_render.h).
std::string audit_json(const std::vector<AuditItem>& page, size_t total,
                       const runtime::EngineSetup* setup, ArchiveSource archive);

}  // namespace caseflow::http
