// GET /api/v1/city/grids: the outlines of the city's grids, for a client to draw the city map
// itself (the console draws it on a canvas, offline: no tile server). Coordinates are small
// integers relative to the city's south-west corner, which keeps the answer about half the size
// of decimal degrees and cheap to parse.
#pragma once

#include <string>

namespace caseflow::geo {
class GridMap;
}

namespace caseflow::http {

// Units per degree of the integer coordinates: 1e-5 degree is about 1 m.
inline constexpr double kMapScale = 100'000;

// {"bbox":[w,s,e,n],"scale":100000,"columns":[...],"grids":[[id,community,street,district,rings]]}
// (docs/http.md, "The city map"). Pure.
std::string city_grids_json(const geo::GridMap& grids);

}  // namespace caseflow::http
