// Reads the unit directory (config/units.yaml; format in unit_directory.h and docs/geography.md).
// Pure: takes the file's name (for messages) and its text; never touches the file system.
// Thread rules: reentrant; the result is immutable and shareable.
#pragma once

#include <string_view>

#include "engine/common/diagnostic.h"
#include "engine/geo/unit_directory.h"

namespace caseflow::geo {

// On success returns the directory and leaves `problems` untouched. On failure returns nullptr and
// appends every problem found as FILE:LINE:COL diagnostics. Checks only the file itself; whether
// its overrides name real places is checked when it is joined with the boundaries
// (city_directory.h).
UnitDirectoryPtr load_unit_directory(std::string_view file, std::string_view text,
                                     Diagnostics& problems);

}  // namespace caseflow::geo
