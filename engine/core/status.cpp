#include "engine/core/status.h"

#include <array>

namespace caseflow::core {
namespace {
constexpr std::array<std::string_view, kStatusCount> kStatus = {
    "received", "dispatched", "signed",   "contacted", "in_progress", "extension_requested",
    "resolved", "revisit",    "reopened", "closed",    "withdrawn",   "merged",
    "staged"};
constexpr std::array<std::string_view, kHappeningCount> kHappening = {"reported",
                                                                      "unrouted",
                                                                      "dispatched",
                                                                      "signed",
                                                                      "contacted",
                                                                      "progress",
                                                                      "returned",
                                                                      "extension_requested",
                                                                      "extension_approved",
                                                                      "extension_refused",
                                                                      "assist_requested",
                                                                      "assist_reported",
                                                                      "assist_done",
                                                                      "resolved",
                                                                      "rated",
                                                                      "reopened",
                                                                      "warned",
                                                                      "breached",
                                                                      "escalated",
                                                                      "supervised",
                                                                      "closed",
                                                                      "withdrawn",
                                                                      "merged",
                                                                      "assigned",
                                                                      "plan_filed",
                                                                      "plan_approved",
                                                                      "plan_refused",
                                                                      "plan_due",
                                                                      "answered_at_intake",

                                                                      "exemption_requested",
                                                                      "exemption_granted",
                                                                      "exemption_refused",
                                                                      "invalid_proposed",
                                                                      "invalid_refused",
                                                                      "return_justified",
                                                                      "return_unjustified",
                                                                      "merge_requested",
                                                                      "merge_refused",
                                                                      "duplicate_linked",
                                                                      "master_outcome",
                                                                      "phone_revealed",
                                                                      "phone_erased",
                                                                      "skipped_outside_compound",
                                                                      "skipped_inside_compound"};
}  // namespace

std::string_view to_string(Status s) { return kStatus[static_cast<size_t>(s)]; }

std::optional<Status> parse_status(std::string_view text) {
  for (size_t i = 0; i < kStatus.size(); ++i)
    if (kStatus[i] == text) return static_cast<Status>(i);
  return std::nullopt;
}

std::string_view to_string(Happening h) { return kHappening[static_cast<size_t>(h)]; }

std::string_view to_string(Outcome o) {
  switch (o) {
    case Outcome::unknown:
      return "";
    case Outcome::rated:
      return "rated";
    case Outcome::rated_bad_after_max_reopens:
      return "rated_bad_after_max_reopens";
    case Outcome::unrated:
      return "unrated";
    case Outcome::withdrawn:
      return "withdrawn";
    case Outcome::merged:
      return "merged";
    case Outcome::answered_at_intake:
      return "answered_at_intake";
    case Outcome::invalid:
      return "invalid";
  }
  return "";
}

}  // namespace caseflow::core
