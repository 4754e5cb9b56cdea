// What the assessment report needs from the engine's configuration, for `caseflow report
// assessment` and GET /api/v1/assessment alike: the city's time zone (months are local months).
// The weights are EngineConfig::assessment (config `assessment:`).
#pragma once

#include <string>

#include "app/engine_config.h"
#include "engine/common/result.h"

namespace caseflow::app {

// The `time_zone` of the business calendars under config `calendars` (files or folders, *.yaml
// and *.yml). Errors (code city_time_zone): no calendar names a zone, or two name different
// zones (the message names the files).
Result<std::string> city_time_zone(const EngineConfig& config);

}  // namespace caseflow::app
