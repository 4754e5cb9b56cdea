#include "connectors/metrics/metric_catalog.h"

#include <algorithm>

#include "engine/core/metric_names.h"

namespace caseflow::metrics {
namespace {

namespace m = core::metric;
namespace r = runtime_metric;
namespace a = archive_metric;
namespace h = http_metric;
using T = FamilyType;

// Time a case spends with one unit: SLA limits run from minutes (demo and emergency clocks) to
// weeks (complex cases), so the buckets do too.
const std::vector<double> kStageBuckets = {10,     30,     60,      300,    900,   1800,
                                           3600,   7200,   14400,   28800,  86400, 172800,
                                           259200, 604800, 1209600, 2592000};
// Fire time minus due time: healthy is milliseconds; an hour means the timers stalled.
const std::vector<double> kLatenessBuckets = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
                                              2.5,   5,     10,   30,    60,   300, 900,  3600};
const std::vector<double> kRestoreBuckets = {0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300};

const std::vector<FamilySpec>& catalog() {
  static const std::vector<FamilySpec> families = [] {
    std::vector<FamilySpec> f = {
        {m::kAnsweredAtIntake,
         T::counter,
         "Reports answered during the call (直办), closed at once and never dispatched, by the "
         "workflow that would have taken them.",
         {"workflow"},
         {}},
        {m::kCasesArchived,
         T::counter,
         "Terminal cases retired from memory after their retention, by workflow (the archive "
         "holds them from then on).",
         {"workflow"},
         {}},
        {m::kCasesClosed,
         T::counter,
         "Cases closed, by workflow and outcome.",
         {"workflow", "outcome"},
         {}},
        {m::kCasesOpen,
         T::gauge,
         "Open cases on this instance, by workflow and stage.",
         {"workflow", "stage"},
         {}},
        {m::kCasesOpened,
         T::counter,
         "Cases opened (reported or reopened), by workflow.",
         {"workflow"},
         {}},
        {m::kDispatched,
         T::counter,
         "Dispatches to a unit, by street and unit (a grid's unit counted under its community's).",
         {"street", "unit"},
         {}},
        {m::kEscalations,
         T::counter,
         "Escalations, by workflow and from/to stage.",
         {"workflow", "from", "to"},
         {}},
        {m::kEvents,
         T::counter,
         "Inbound events processed, by type and result (ok or the "
         "rejection code).",
         {"type", "result"},
         {}},
        {m::kRatedCases,
         T::counter,
         "Cases closed with a rating, once per case with its final rating, by street, assessed "
         "unit, solved and satisfaction (the resolution and satisfaction rates).",
         {"street", "unit", "solved", "satisfaction"},
         {}},
        {m::kResponseAssessed,
         T::counter,
         "Response facts: a unit's first holding of a case decided (first contact, or taken away "
         "before it), by street and assessed unit (the response rate's denominator).",
         {"street", "unit"},
         {}},
        {m::kResponseOnTime,
         T::counter,
         "Response facts on time: contact reached with no sign or contact clock breached, by "
         "street and assessed unit (the response rate's numerator).",
         {"street", "unit"},
         {}},
        {m::kUnratedCases,
         T::counter,
         "Cases closed without a rating (the revisit clock ran out), by street and assessed unit.",
         {"street", "unit"},
         {}},
        {assessment_metric::kWeight,
         T::gauge,
         "The assessment's weights from the config (assessment:), by part: solved, partly, "
         "not_solved, satisfied, basically, unsatisfied, score_response, score_resolution, "
         "score_satisfaction.",
         {"part"},
         {}},
        {m::kReopens,
         T::counter,
         "Cases reopened after a bad rating, by workflow and stage.",
         {"workflow", "stage"},
         {}},
        {m::kReturns,
         T::counter,
         "Cases returned by a unit, by workflow and stage.",
         {"workflow", "stage"},
         {}},
        {m::kSlaBreaches,
         T::counter,
         "SLA clock breaches, by workflow, stage and clock.",
         {"workflow", "stage", "clock"},
         {}},
        {m::kSlaWarnings,
         T::counter,
         "SLA clock warnings (before breach), by workflow, stage "
         "and clock.",
         {"workflow", "stage", "clock"},
         {}},
        {m::kStageEntries,
         T::counter,
         "Cases entering a stage, by workflow and stage.",
         {"workflow", "stage"},
         {}},
        {m::kSupervisions,
         T::counter,
         "Supervision notices, by workflow and stage.",
         {"workflow", "stage"},
         {}},
        {m::kTimeInStage,
         T::histogram,
         "Time a case spent in a stage when it left it, seconds.",
         {"workflow", "stage"},
         kStageBuckets},
        {m::kTimeToSign,
         T::histogram,
         "Time from dispatch to signing, seconds.",
         {"workflow", "stage"},
         kStageBuckets},
        {m::kTimerLateness,
         T::histogram,
         "Clock firing lateness (fire time minus due time), seconds.",
         {},
         kLatenessBuckets},
        {m::kUnrouted,
         T::counter,
         "Cases sent to the dispatcher queue, by reason.",
         {"reason"},
         {}},
        {r::kConsumerLag,
         T::gauge,
         "Records in caseflow.events not yet read, by partition.",
         {"partition"},
         {}},
        {r::kDeadLetters,
         T::counter,
         "Inbound records sent to the DLQ, by reason.",
         {"reason"},
         {}},
        {r::kDropped,
         T::counter,
         "Metric observations dropped: invalid name or label, or a kind that contradicts the "
         "family's type.",
         {},
         {}},
        {r::kRepartitioned,
         T::counter,
         "Inbound records that arrived on an input partition not owning their case and were "
         "moved to the owner (their producer does not use the murmur2 partitioner).",
         {},
         {}},
        {r::kOffsetResets,
         T::counter,
         "Input partitions whose position fell off the log (events lost before caseflow read "
         "them), by partition.",
         {"partition"},
         {}},
        {r::kPartitionsRestored,
         T::counter,
         "Input partitions restored from the changelog.",
         {},
         {}},
        {r::kRestoreSeconds,
         T::histogram,
         "Time to restore one partition from the changelog, "
         "seconds.",
         {},
         kRestoreBuckets},
        {r::kRestoredCases, T::counter, "Cases restored from the changelog.", {}, {}},
        {r::kTxnAborted, T::counter, "Kafka transactions aborted (and rewound).", {}, {}},
        {r::kTxnCommitted, T::counter, "Kafka transactions committed.", {}, {}},
        {r::kTxnInputs, T::counter, "Input records covered by committed transactions.", {}, {}},
        {r::kTxnOutputs, T::counter, "Output records covered by committed transactions.", {}, {}},
        {a::kLag,
         T::gauge,
         "Records on caseflow.updates and caseflow.alerts the archive has not committed yet.",
         {},
         {}},
        {a::kRecords,
         T::counter,
         "Records the archive has written and committed (bad ones included).",
         {},
         {}},
        {a::kBatches, T::counter, "Archive database transactions committed.", {}, {}},
        {a::kErrors,
         T::counter,
         "Archive writes that failed, by reason (archive_open, archive_write, ...); each is "
         "retried.",
         {"reason"},
         {}},
        {a::kBadRecords,
         T::counter,
         "Records the archive could not read, sent to caseflow.dlq.",
         {},
         {}},
        {h::kDenied,
         T::counter,
         "HTTP requests refused for want of a credential or a right, by reason (no_credential, "
         "bad_credential, expired, out_of_scope, wrong_role, acting_for_other_unit, "
         "self_approval, not_approver), an address locked out after wrong credentials "
         "(throttled), and connections over the limit (overloaded).",
         {"reason"},
         {}},
    };
    std::sort(f.begin(), f.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return f;
  }();
  return families;
}

}  // namespace

std::span<const FamilySpec> all_families() { return catalog(); }

const FamilySpec* find_family(std::string_view name) {
  const auto& f = catalog();
  auto it = std::lower_bound(f.begin(), f.end(), name,
                             [](const FamilySpec& s, std::string_view n) { return s.name < n; });
  return it != f.end() && it->name == name ? &*it : nullptr;
}

const std::vector<double>& default_buckets() {
  static const std::vector<double> buckets = {0.001, 0.01, 0.1,   1,     10,    60,
                                              300,   3600, 14400, 86400, 604800};
  return buckets;
}

}  // namespace caseflow::metrics
