// A deterministic synthetic city for demos, tests and benchmarks: no downloaded data.
//
// Grids are the cells of a perturbed lattice: every lattice corner and every edge midpoint is
// jittered once and shared by the cells that meet there, so neighbouring grids share their edges
// exactly and the cells tile the city without gaps or overlaps, yet each grid is an irregular
// octagon. Cells are smaller towards the centre (a monotone stretch per axis), and a lake of
// removed cells west of the centre leaves points inside the city that are in no grid.
// Communities are Voronoi regions of jittered seeds over the grids (~20 grids each), streets the
// same over communities (~10 each), districts over streets.
// Residential compounds (小区) are rectangles well inside about one grid in five (so each lies in
// one grid and one community), two in five of them red-property model compounds; each street's
// compounds are shared among three property companies, listed as units in units.yaml.
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
  bool lake = true;               // leave out an elliptic lake of cells west of the centre
  double compound_share = 0.184;  // of grids that hold a compound (~3,000 in the default city)
  double model_share = 0.405;     // of compounds that are red-property model compounds
  int companies_per_street = 3;   // property companies sharing a street's compounds
};

struct City {
  std::string grids_geojson;      // FeatureCollection, one feature per line
  std::string units_yaml;         // unit directory matching the grids
  std::string compounds_geojson;  // FeatureCollection of the compounds, one feature per line
  int grids = 0;
  int communities = 0;
  int streets = 0;
  int districts = 0;
  int compounds = 0;
  int model_compounds = 0;
  int property_companies = 0;
  double lake_lon = 0;  // the middle of the lake (in no grid), when params.lake
  double lake_lat = 0;
  // The first compound, for tests and examples: its id, its property company and a point inside.
  std::string first_compound;
  std::string first_compound_property;
  double first_compound_lon = 0;
  double first_compound_lat = 0;
};

// Builds the city. Pure and deterministic; about 50 ms for the default 16,000+ grids.
City generate_city(const CityParams& params);

}  // namespace caseflow::citygen
