// A case the engine let go, as the HTTP API shows it: the archive's row and history in the
// shapes of a live case (case_render.h), so clients read both the same way. What only a running
// case has (clocks, assists, extensions, the expected time) is absent.
#pragma once

#include <vector>

#include "connectors/archive/archive_store.h"
#include "connectors/http/case_render.h"
#include "connectors/runtime/engine_setup.h"

namespace caseflow::http {

// `setup` gives the workflow's calendar and the category's name (may be null: UTC, no name).
CaseInfo archived_case(const archive::CaseRow& row, const std::vector<archive::HistoryRow>& history,
                       const runtime::EngineSetup* setup);

core::CaseSummary archived_summary(const archive::CaseRow& row);

}  // namespace caseflow::http
