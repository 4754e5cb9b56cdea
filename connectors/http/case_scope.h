// The scope rules of auth/access.h over a case the engine holds, read in place on the processing
// thread (a list would otherwise copy every case out to decide which the caller may see).
#pragma once

#include "connectors/http/auth/principal.h"
#include "engine/core/case_state.h"
#include "engine/core/engine.h"

namespace caseflow::http {

// may_read_case for case `c` of `engine`, without copying it (call on the processing thread).
bool may_list_live_case(const auth::Principal& p, const core::Engine& engine,
                        const core::CaseState& c);

}  // namespace caseflow::http
