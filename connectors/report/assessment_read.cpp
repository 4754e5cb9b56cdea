#include "connectors/report/assessment_read.h"

namespace caseflow::report {

Result<std::vector<assessment::CaseFacts>> read_period_facts(archive::ArchiveStore& store,
                                                             const assessment::Period& period) {
  std::vector<assessment::CaseFacts> cases;
  auto status = store.each_case_facts(
      period.from, period.to, [&](assessment::CaseFacts&& c) { cases.push_back(std::move(c)); });
  if (!status) return status.error();
  return cases;
}

Result<std::vector<assessment::Report>> read_and_assess(archive::ArchiveStore& store,
                                                        const assessment::Period& period,
                                                        const std::vector<assessment::By>& by,
                                                        const assessment::Weights& weights) {
  // Each case is assessed as it streams by: the period's facts are never all in memory.
  assessment::Assessment assessment(period, by, weights);
  auto status = store.each_case_facts(period.from, period.to,
                                      [&](assessment::CaseFacts&& c) { assessment.add(c); });
  if (!status) return status.error();
  return std::move(assessment).reports();
}

}  // namespace caseflow::report
