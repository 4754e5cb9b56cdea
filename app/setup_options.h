// What the engine loads (workflows, calendars, the city), as an engine config names it: shared by
// `caseflow run` and `caseflow validate --config`.
#pragma once

#include "app/engine_config.h"
#include "connectors/runtime/engine_setup.h"

namespace caseflow::app {

runtime::EngineSetupOptions setup_options(const EngineConfig& config);

}  // namespace caseflow::app
