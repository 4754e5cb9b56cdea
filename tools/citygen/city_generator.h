// A deterministic synthetic city for demos, tests and benchmarks: no downloaded data.
//
// Grids are the cells of a perturbed lattice: every lattice corner and every edge midpoint is
// jittered once and shared by the cells that meet there, so neighbouring grids share their edges
// exactly and the cells tile the city without gaps or overlaps, yet each grid is an irregular
// octagon. Cells are smaller towards the centre (a monotone stretch per axis), and a lake of
// removed cells west of the centre leaves points inside the city that are in no grid.
// Communities are Voronoi regions of jittered seeds over the grids (~20 grids each), streets the
// same over communities (~10 each), districts over streets.
// Same parameters -> byte-identical output, on any platform (own hash-based randomness).
#pragma once

#include <cstdint>
#include <string>

namespace caseflow::citygen {

struct CityParams {
  std::uint64_t seed = 20261126;
  int columns = 128;  // lattice cells west-east
  int rows = 128;     // lattice cells south-north
  double centre_lon = 120.15;
  double centre_lat = 30.27;
  double width_deg = 0.60;   // west-east extent in degrees of longitude (~58 km here)
  double height_deg = 0.50;  // south-north extent in degrees of latitude (~55 km)
  int grids_per_community = 20;
  int communities_per_street = 10;
  int streets_per_district = 9;
  bool lake = true;  // leave out an elliptic lake of cells west of the centre
};

struct City {
  std::string grids_geojson;  // FeatureCollection, one feature per line
  std::string units_yaml;     // unit directory matching the grids
  int grids = 0;
  int communities = 0;
  int streets = 0;
  int districts = 0;
  double lake_lon = 0;  // the middle of the lake (in no grid), when params.lake
  double lake_lat = 0;
};

// Builds the city. Pure and deterministic; about 50 ms for the default 16,000+ grids.
City generate_city(const CityParams& params);

}  // namespace caseflow::citygen
