// The status of a case (the 12345 lifecycle: received, dispatched, signed, resolved, revisited,
// closed), the kinds of history entries and how a case ended. Plain enums.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace caseflow::core {

enum class Status : uint8_t {
  received,             // 受理: known, not with a unit (new, or waiting in the dispatcher queue)
  dispatched,           // 派单: with a unit that has not signed
  signed_for,           // 签收
  contacted,            // 先行联系
  in_progress,          // 办理
  extension_requested,  // 延期 asked, not yet decided
  resolved,             // 办结: waiting for the revisit (回访) rating
  revisit,              // the revisit is under way (progress reported on a resolved case)
  reopened,             // 重办: back with the unit after a bad rating, not yet signed again
  closed,               // terminal
  withdrawn,            // terminal
  merged,               // terminal
  staged,  // 阶段性办结: a plan approved, the lead's resolve clocks paused until its date
};

inline constexpr int kStatusCount = static_cast<int>(Status::staged) + 1;
std::string_view to_string(Status s);
std::optional<Status> parse_status(std::string_view text);
inline bool is_terminal(Status s) {
  return s == Status::closed || s == Status::withdrawn || s == Status::merged;
}
// Signed, contacted or in progress: the unit is working the case.
inline bool is_working(Status s) {
  return s == Status::signed_for || s == Status::contacted || s == Status::in_progress;
}

// What a history entry records.
enum class Happening : uint8_t {
  reported,
  unrouted,  // put in the dispatcher queue
  dispatched,
  signed_for,
  contacted,
  progress,
  returned,
  extension_requested,
  extension_approved,
  extension_refused,
  assist_requested,
  assist_reported,
  assist_done,
  resolved,
  rated,
  reopened,
  warned,
  breached,
  escalated,
  supervised,
  closed,
  withdrawn,
  merged,
  assigned,
  plan_filed,
  plan_approved,
  plan_refused,
  plan_due,
  answered_at_intake,
  // The assessment (docs/events.md): an exemption's application and decision (the entry's unit
  // is the applicant, its stage the one the applicant held the case at), an invalid report's
  // proposal and refusal (unit: the proposer; detail: the events::InvalidReason; confirmation is
  // the `closed` entry with outcome invalid), and a return's review (unit: the returning unit;
  // detail: which return of the case, counted from 0).
  exemption_requested,
  exemption_granted,
  exemption_refused,
  invalid_proposed,
  invalid_refused,
  return_justified,
  return_unjustified,
  // Merged duplicates (docs/engine.md "Merged duplicates"): the duplicate asked its master to
  // link it (the case waits for the answer, status unchanged), the master refused (detail: the
  // MergeRefusal), the master linked a duplicate, and the master's outcome reached a duplicate
  // (detail: the master's Outcome).
  merge_requested,
  merge_refused,
  duplicate_linked,
  master_outcome,
  // The resident's phone (docs/security.md "The resident's phone"): shown to someone allowed to
  // call them (the entry's actor), and erased when the revisit window ended.
  phone_revealed,
  phone_erased,
  // A stage the case passed over: a property stage when the report lies in no residential
  // compound, a `skip_when: in_compound` stage when it lies in one.
  skipped_outside_compound,
  skipped_inside_compound,
};
inline constexpr int kHappeningCount = static_cast<int>(Happening::skipped_inside_compound) + 1;

// Why a master refused a duplicate: the `detail` of a merge_refused history entry.
enum class MergeRefusal : uint8_t { unknown_case, case_closed };
inline std::string_view to_string(MergeRefusal r) {
  return r == MergeRefusal::unknown_case ? "unknown_case" : "case_closed";
}
std::string_view to_string(Happening h);

// How a case ended: kept as the `detail` of its closed / withdrawn / merged history entry, so the
// changelog carries it with no new field. `unknown` (0) is what states written before it say.
enum class Outcome : uint8_t {
  unknown,
  rated,
  rated_bad_after_max_reopens,
  unrated,
  withdrawn,
  merged,
  answered_at_intake,  // 直办: answered during the call, never dispatched
  invalid,  // the dispatcher confirmed the lead's proposal that the report is invalid (不属实)
};
inline constexpr Outcome kLastOutcome = Outcome::invalid;
std::string_view to_string(Outcome o);  // "rated", ...; "" for unknown
// The Outcome a history entry's `detail` byte holds; unknown for a value this binary does not
// know.
inline Outcome outcome_of(uint8_t detail) {
  return detail <= static_cast<uint8_t>(kLastOutcome) ? static_cast<Outcome>(detail)
                                                      : Outcome::unknown;
}

}  // namespace caseflow::core
