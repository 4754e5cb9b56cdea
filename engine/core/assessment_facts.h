// The assessment facts an output record carries as `data.assessment` (docs/events.md "The
// assessment's facts"): what the monthly report needs to know about a step, written by the step
// that decides it. Values for one apply call: views point into the event being applied.
#pragma once

#include <optional>
#include <string_view>

#include "engine/core/ids.h"
#include "engine/events/case_event.h"
#include "engine/time/instant.h"

namespace caseflow::core {

// `response {unit, stage, on_time}`: a holding's deciding moment (its contact, or the return,
// escalation or reassignment that took the case away first); once per (case, assessment unit).
struct ResponseFact {
  Symbol unit;
  uint8_t stage = 0;  // index into the pinned workflow's stages
  bool on_time = false;
};

// `rating {unit, solved, satisfaction}`: the case's final rating, on its closed record.
struct RatingFact {
  Symbol unit;  // the closing unit's assessment unit
  events::Solved solved = events::Solved::solved;
  events::Satisfaction satisfaction = events::Satisfaction::no_answer;
};

// `exemption {unit, step, reason}`: an application to leave the assessment and its decision.
struct ExemptionFact {
  Symbol unit;            // the applicant's assessment unit
  std::string_view step;  // requested | granted | refused
  std::string_view reason;
};

// `invalid {unit, step, reason}`: a report the lead says is invalid, and the verdict.
struct InvalidFact {
  Symbol unit;            // the proposer's assessment unit
  std::string_view step;  // proposed | refused | confirmed
  events::InvalidReason reason = events::InvalidReason::malicious;
};

// `return_review {unit, justified}`: the dispatcher's verdict on a return (退单).
struct ReturnReviewFact {
  Symbol unit;  // the returning unit's assessment unit
  bool justified = false;
};

// `plan {unit, step, until}`: a staged-completion plan (阶段性办结) and its decision.
struct PlanFact {
  Symbol unit;            // the assessment unit of the plan's lead
  std::string_view step;  // filed, approved, refused, due
  Instant until;
};

struct AssessmentFacts {
  std::optional<ResponseFact> response;
  std::optional<RatingFact> rating;
  std::optional<Symbol> unrated;  // `unrated {unit}`: closed without a rating; the closing unit
  Symbol returned_by;             // on the return's record: the returning assessment unit
  std::optional<ExemptionFact> exemption;
  std::optional<InvalidFact> invalid;
  std::optional<ReturnReviewFact> return_review;
  std::optional<PlanFact> plan;
  bool answered_at_intake = false;  // 直办: on the closed record

  bool empty() const {
    return !response && !rating && !unrated && returned_by.empty() && !exemption && !invalid &&
           !return_review && !plan && !answered_at_intake;
  }
};

}  // namespace caseflow::core
