// The report of a simulation (docs/simulate.md): JSON for machines, one self-contained HTML file
// for people (inline SVG charts, no script or style from the network). Both are pure functions
// of the Figures: the same run gives byte-identical files (wall_seconds is left out of both).
#pragma once

#include <string>

#include "engine/simulate/figures.h"

namespace caseflow::simulate {

std::string report_json(const Comparison& run);
std::string report_html(const Comparison& run);

}  // namespace caseflow::simulate
