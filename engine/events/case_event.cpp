#include "engine/events/case_event.h"

#include <array>

namespace caseflow::events {
namespace {

constexpr std::array<std::string_view, kEventTypeCount> kTypeNames = {
    "caseflow.case.reported",
    "caseflow.case.signed",
    "caseflow.case.contacted",
    "caseflow.case.progress",
    "caseflow.case.returned",
    "caseflow.case.extension_requested",
    "caseflow.case.extension_decided",
    "caseflow.case.assist_requested",
    "caseflow.case.assist_reported",
    "caseflow.case.resolved",
    "caseflow.case.rated",
    "caseflow.case.withdrawn",
    "caseflow.case.merged",
    "caseflow.case.assigned",
    "caseflow.case.plan_filed",
    "caseflow.case.plan_decided",
    "caseflow.case.exemption_requested",
    "caseflow.case.exemption_decided",
    "caseflow.case.invalid_proposed",
    "caseflow.case.invalid_decided",
    "caseflow.case.return_reviewed",
    "caseflow.case.merge_link",
    "caseflow.case.merge_answer",
    "caseflow.case.master_closed",
    "caseflow.case.phone_revealed",
};

// By RequestType index.
constexpr std::array<std::string_view, definition::kRequestTypeCount> kRequestTypeNames = {
    "", "consultation", "help", "complaint", "suggestion", "report"};

constexpr std::array<std::string_view, kInvalidReasonCount> kInvalidReasons = {
    "malicious", "duplicate", "out_of_scope", "unreachable"};

constexpr std::string_view kPrefix = "caseflow.case.";

}  // namespace

std::string_view type_name(EventType type) { return kTypeNames[static_cast<size_t>(type)]; }

std::string_view short_name(EventType type) { return type_name(type).substr(kPrefix.size()); }

std::optional<EventType> parse_event_type(std::string_view type) {
  for (size_t i = 0; i < kTypeNames.size(); ++i)
    if (kTypeNames[i] == type) return static_cast<EventType>(i);
  return std::nullopt;
}

std::string_view to_string(Solved s) {
  switch (s) {
    case Solved::solved:
      return "solved";
    case Solved::partly:
      return "partly";
    case Solved::not_solved:
      return "not_solved";
  }
  return "?";
}

std::string_view to_string(Satisfaction s) {
  switch (s) {
    case Satisfaction::satisfied:
      return "satisfied";
    case Satisfaction::basically:
      return "basically";
    case Satisfaction::unsatisfied:
      return "unsatisfied";
    case Satisfaction::no_answer:
      return "no_answer";
  }
  return "?";
}

std::string_view to_string(definition::Urgency u) {
  switch (u) {
    case definition::Urgency::normal:
      return "normal";
    case definition::Urgency::urgent:
      return "urgent";
    case definition::Urgency::emergency:
      return "emergency";
  }
  return "?";
}

std::string_view to_string(definition::RequestType t) {
  const auto i = static_cast<size_t>(t);
  return i < kRequestTypeNames.size() ? kRequestTypeNames[i] : "";
}

std::optional<definition::RequestType> parse_request_type(std::string_view text) {
  for (size_t i = 1; i < kRequestTypeNames.size(); ++i)
    if (kRequestTypeNames[i] == text) return static_cast<definition::RequestType>(i);
  return std::nullopt;
}

std::string_view to_string(InvalidReason r) {
  const auto i = static_cast<size_t>(r);
  return i < kInvalidReasons.size() ? kInvalidReasons[i] : "?";
}

std::optional<InvalidReason> parse_invalid_reason(std::string_view text) {
  for (size_t i = 0; i < kInvalidReasons.size(); ++i)
    if (kInvalidReasons[i] == text) return static_cast<InvalidReason>(i);
  return std::nullopt;
}

}  // namespace caseflow::events
