// The city's grid boundaries (GeoJSON). A map that loads is then asked where points are, as
// every report with coordinates will ask it.
#include "engine/geo/boundary_loader.h"
#include "tests/fuzz/fuzz_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace caseflow;
  Diagnostics problems;
  Diagnostics repairs;
  const geo::GridMapPtr map =
      geo::load_boundaries("fuzz.geojson", fuzz::as_text(data, size), problems, &repairs);
  fuzz::require((map != nullptr) == problems.empty(),
                "load_boundaries returned a map and problems, or neither");
  if (!map) return 0;
  for (const geo::LonLat p : {geo::LonLat{116.4, 39.9}, geo::LonLat{120.005, 30.005},
                              geo::LonLat{0, 0}, geo::LonLat{-180, 90}}) {
    if (const geo::Grid* grid = map->locate(p)) {
      fuzz::require(map->find(grid->place.grid_id) == grid,
                    "a located grid is not found by its id");
    }
  }
  return 0;
}
