// What every reader of the assessment does: read a period's facts from the archive and assess
// them (assessment::assess), by unit, by street or both from one read.
#pragma once

#include <vector>

#include "connectors/archive/archive_store.h"
#include "engine/assessment/assessment.h"
#include "engine/common/result.h"

namespace caseflow::report {

// Every case with a fact record in the period, with all its fact records (one streamed read).
Result<std::vector<assessment::CaseFacts>> read_period_facts(archive::ArchiveStore& store,
                                                             const assessment::Period& period);

// The period's facts assessed as they stream from the archive, one report per grouping asked
// for (the same as read_period_facts then assess(), without holding the period in memory).
Result<std::vector<assessment::Report>> read_and_assess(archive::ArchiveStore& store,
                                                        const assessment::Period& period,
                                                        const std::vector<assessment::By>& by,
                                                        const assessment::Weights& weights);

}  // namespace caseflow::report
