// Reads the residential compounds (a GeoJSON FeatureCollection) into a CompoundMap.
//
// Each feature: geometry Polygon or MultiPolygon (lon, lat in WGS-84 degrees) and properties
//   compound_id    string, required, unique
//   community_id   string, required: the community the compound belongs to
//   property_unit  string, required: its property company's unit, "property:<code>"
//   owners_unit    string, optional: its owners' committee's unit, "owners:..." (default
//                  "owners:<compound_id>")
//   compound_name  string, optional
//   red_property   boolean, optional: a red-property (红色物业) model compound (default false)
// Repairs and errors as for grid boundaries (boundary_loader.h), each reported with the
// feature's index, its compound id and FILE:LINE:COL; two compounds' interiors must not overlap.
// All or nothing: one error and nothing is returned. Pure: reads no files.
#pragma once

#include <string_view>

#include "engine/common/diagnostic.h"
#include "engine/geo/boundary_loader.h"
#include "engine/geo/compound_map.h"

namespace caseflow::geo {

inline constexpr std::string_view kPropertyUnitPrefix = "property:";
inline constexpr std::string_view kOwnersUnitPrefix = "owners:";

CompoundMapPtr load_compounds(std::string_view file, std::string_view text, Diagnostics& problems,
                              Diagnostics* repairs = nullptr, const BoundaryOptions& options = {});

}  // namespace caseflow::geo
