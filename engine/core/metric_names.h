// The metric names and label names the engine emits (docs/engine.md lists them with meanings).
// One place, sorted, so the operations surface can declare them all.
#pragma once

#include <string_view>

namespace caseflow::core::metric {

inline constexpr std::string_view kAnsweredAtIntake =
    "caseflow_answered_at_intake_total";  // workflow: 直办, closed at the report
inline constexpr std::string_view kCasesArchived =
    "caseflow_cases_archived_total";  // workflow: retired from memory to the archive
inline constexpr std::string_view kCasesClosed =
    "caseflow_cases_closed_total";                                     // workflow, outcome
inline constexpr std::string_view kCasesOpen = "caseflow_cases_open";  // gauge: workflow, stage
inline constexpr std::string_view kCasesOpened = "caseflow_cases_opened_total";  // workflow
inline constexpr std::string_view kDispatched = "caseflow_dispatched_total";     // street, unit
inline constexpr std::string_view kEscalations =
    "caseflow_escalations_total";  // workflow, from, to
inline constexpr std::string_view kEvents = "caseflow_events_processed_total";  // type, result
inline constexpr std::string_view kRatedCases =
    "caseflow_rated_cases_total";  // street, unit, solved, satisfaction: once per case, at close
inline constexpr std::string_view kReopens = "caseflow_reopens_total";  // workflow, stage
inline constexpr std::string_view kResponseAssessed =
    "caseflow_response_assessed_total";  // street, unit: response facts
inline constexpr std::string_view kResponseOnTime =
    "caseflow_response_on_time_total";  // street, unit: response facts on time
inline constexpr std::string_view kReturns = "caseflow_returns_total";  // workflow, stage
inline constexpr std::string_view kSlaBreaches =
    "caseflow_sla_breaches_total";  // workflow, stage, clock
inline constexpr std::string_view kSlaWarnings =
    "caseflow_sla_warnings_total";  // workflow, stage, clock
inline constexpr std::string_view kStageEntries =
    "caseflow_stage_entries_total";                                               // workflow, stage
inline constexpr std::string_view kSupervisions = "caseflow_supervisions_total";  // workflow, stage
inline constexpr std::string_view kTimeInStage =
    "caseflow_time_in_stage_seconds";  // histogram: workflow, stage
inline constexpr std::string_view kTimeToSign =
    "caseflow_time_to_sign_seconds";  // histogram: workflow, stage
inline constexpr std::string_view kTimerLateness = "caseflow_timer_lateness_seconds";  // histogram
inline constexpr std::string_view kUnratedCases =
    "caseflow_unrated_cases_total";  // street, unit: closed without a rating
inline constexpr std::string_view kUnrouted = "caseflow_unrouted_total";  // reason

}  // namespace caseflow::core::metric
