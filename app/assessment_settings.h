// What the assessment report needs from the engine's configuration, for `caseflow report
// assessment` and GET /api/v1/assessment alike: the city's time zone (months are local months).
// The weights are EngineConfig::assessment (config `assessment:`).
#pragma once

#include <string>

#include "app/engine_config.h"
#include "engine/common/diagnostic.h"
#include "engine/common/result.h"

namespace YAML {
class Node;
}

namespace caseflow::app {

// The `time_zone` of the business calendars under config `calendars` (files or folders, *.yaml
// and *.yml). Errors (code city_time_zone): no calendar names a zone, or two name different
// zones (the message names the files).
Result<std::string> city_time_zone(const EngineConfig& config);

// `assessment.stars:` of the config `file` read into `out`: the weights of the four parts (0..1000,
// not all 0), the thresholds for five, four, three and two stars (0..100, none above the one
// before), min_cases, min_sample, cap_when_incomplete (1..5) and survey_dir (relative to `base`,
// the config's folder; "" = none). Each problem is a FILE:LINE:COL diagnostic added to `problems`;
// keys that are absent keep their defaults.
void read_star_settings(const YAML::Node& section, const std::filesystem::path& base,
                        const std::string& file, Diagnostics& problems, StarSettings& out);

}  // namespace caseflow::app
