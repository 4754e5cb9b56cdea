// caseflow_citygen: writes the synthetic sample city (grids.geojson, units.yaml,
// compounds.geojson) to a directory.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <CLI/CLI.hpp>

#include "tools/citygen/city_generator.h"

namespace {

bool write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::fprintf(stderr, "caseflow_citygen: cannot write %s\n", path.c_str());
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  caseflow::citygen::CityParams params;
  std::string out_dir = "city";
  CLI::App app{
      "Generates a deterministic synthetic city: grids.geojson, units.yaml and compounds.geojson"};
  app.add_option("--out", out_dir, "directory to write into (created if missing)");
  app.add_option("--seed", params.seed, "random seed (same seed, same city)");
  app.add_option("--columns", params.columns, "lattice cells west-east")
      ->check(CLI::Range(1, 2000));
  app.add_option("--rows", params.rows, "lattice cells south-north")->check(CLI::Range(1, 2000));
  app.add_option("--centre-lon", params.centre_lon, "centre longitude (WGS-84)");
  app.add_option("--centre-lat", params.centre_lat, "centre latitude (WGS-84)");
  CLI11_PARSE(app, argc, argv);

  const caseflow::citygen::City city = caseflow::citygen::generate_city(params);
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) {
    std::fprintf(stderr, "caseflow_citygen: cannot create %s: %s\n", out_dir.c_str(),
                 ec.message().c_str());
    return 1;
  }
  const std::filesystem::path dir(out_dir);
  if (!write_file(dir / "grids.geojson", city.grids_geojson) ||
      !write_file(dir / "units.yaml", city.units_yaml) ||
      !write_file(dir / "compounds.geojson", city.compounds_geojson))
    return 1;
  std::printf(
      "caseflow_citygen: %d grids, %d communities, %d streets, %d districts, %d compounds (%d "
      "red-property models) of %d property companies -> %s\n",
      city.grids, city.communities, city.streets, city.districts, city.compounds,
      city.model_compounds, city.property_companies, out_dir.c_str());
  return 0;
}
