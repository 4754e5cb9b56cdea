// Reads LOAD.yaml (docs/simulate.md, schema config/simulate/load.schema.json) into a LoadModel,
// through the bounded YAML reader the workflow loader uses. Every problem is appended to
// `problems` as FILE:LINE:COL; unknown keys are errors (with a did-you-mean), so a misspelt key
// never silently falls back to its default.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/common/diagnostic.h"
#include "engine/simulate/load_model.h"

namespace caseflow::simulate {

// nullopt when there was any problem (all of them appended to `problems`).
std::optional<LoadModel> load_load_model(const std::string& file, std::string_view text,
                                         Diagnostics& problems);

}  // namespace caseflow::simulate
