// What every reader of the assessment does before assess(): turn "2026-11" into the month in the
// city's time zone, and read that period's facts from the archive.
#pragma once

#include <string_view>
#include <vector>

#include "connectors/archive/archive_store.h"
#include "engine/assessment/assessment.h"
#include "engine/common/result.h"

namespace caseflow::report {

// "2026-11" as [2026-11-01T00:00, 2026-12-01T00:00) local time in `time_zone` (IANA name).
// Errors: bad_period ("must be a month, YYYY-MM, e.g. 2026-11"), unknown_time_zone.
Result<assessment::Period> month_period(std::string_view month, std::string_view time_zone);

// Every case with a fact record in the period, with all its fact records (one streamed read).
Result<std::vector<assessment::CaseFacts>> read_period_facts(archive::ArchiveStore& store,
                                                             const assessment::Period& period);

}  // namespace caseflow::report
